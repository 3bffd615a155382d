package vn.haiphong.ioc.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.kpi.KpiNames;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;
import vn.haiphong.ioc.ingest.rules.AlertTexts;
import vn.haiphong.ioc.ingest.rules.GustReading;
import vn.haiphong.ioc.ingest.rules.WindRule;

/**
 * One realistic value of each type that crosses a network shuffle in the job, with real device ids from the default
 * reference data.
 */
final class Samples {
    static final long T = Instant.parse("2026-11-25T01:15:00Z").toEpochMilli();
    static final String CAMERA = "tc-001";

    private static final String TRAFFIC_JSON = """
            {"id":"tc-001-20261125081500","dateObservedFrom":"2026-11-25T08:14:00+07:00",
             "dateObservedTo":"2026-11-25T08:15:00+07:00",
             "intensity":{"motorcycle":312,"car":41,"bus":3,"lorry":6,"van":9,"bicycle":4},
             "averageVehicleSpeed":18.4,"occupancy":0.47,"congested":false}
            """;

    private Samples() {}

    static MqttRecord mqttRecord() {
        return new MqttRecord(Topics.camera(CAMERA, "tlm"), TRAFFIC_JSON.getBytes(StandardCharsets.UTF_8), T + 2_000);
    }

    static TrafficFlowObserved traffic() {
        return new TrafficFlowObserved(
                CAMERA,
                "tc-001-20261125081500",
                T - 60_000,
                T,
                Map.of("motorcycle", 312, "car", 41, "bus", 3, "lorry", 6, "van", 9, "bicycle", 4),
                18.4,
                0.47,
                false);
    }

    static CameraDetection detection() {
        return new CameraDetection(
                "tc-004",
                "tc-004-evt-000731",
                T - 3_000,
                "traffic",
                "carAccident",
                0.87,
                "https://cam.haiphong.gov.vn/snap/tc-004/000731.jpg",
                "Va chạm giữa xe máy và ô tô con, chiếm một làn");
    }

    static GustReading gust() {
        return new GustReading("tan-vu", "met", "met-1", T, 16.8);
    }

    static ReportNew report() {
        return new ReportNew(
                "hps-2026-004512",
                "flooding",
                "Đường Lạch Tray đoạn trước số 120 ngập sâu khoảng 40cm, xe máy chết máy nhiều",
                20.8461,
                106.6935,
                null,
                "120 Lạch Tray, Ngô Quyền, Hải Phòng",
                "https://smart.haiphong.gov.vn/media/hps-2026-004512.jpg",
                T - 29_000,
                "acc-7f3e91",
                "dev-22c0a4");
    }

    static ReportUpdate reportUpdate() {
        return new ReportUpdate(
                "hps-2026-004512",
                "hps-2026-004512-u1",
                "IN_PROGRESS",
                "Công ty TNHH MTV Thoát nước Hải Phòng",
                "Đã cử đội xử lý đến hiện trường",
                T + 600_000);
    }

    /**
     * A wind warning as {@link WindRule} raises it: its evidence {gustSpeed, unit, assetType} and its texts from the
     * rule's templates, with the names the reference data gives (looked up here would cost every fork a second).
     */
    static Alert windAlert() {
        RuleDefinition rule = RuleSet.defaults().rule("port.wind.warning");
        GustReading gust = gust();
        return AlertTexts.raise(
                "port.wind.warning",
                rule,
                new Entity("met", "tan-vu/met-1"),
                "tan-vu",
                "306",
                new Position(20.83946, 106.7752),
                rule.severity(),
                null,
                T,
                Map.of(
                        "asset_vi", "Trạm khí tượng bến 1",
                        "asset_en", "Weather station berth 1",
                        "port_vi", "Cảng Tân Vũ",
                        "port_en", "Tan Vu port",
                        "gust", AlertTexts.number(gust.gust)),
                new WindRule("port.wind.warning", rule, null).evidence(gust));
    }

    static Kpi kpi() {
        return new Kpi(
                KpiNames.MAX_GUST,
                "port",
                "tan-vu",
                new LocalizedText("Gió giật lớn nhất", "Maximum gust"),
                T - 60_000,
                T,
                16.8,
                "m/s",
                15.0,
                true,
                T);
    }

    static DeadLetter deadLetter() {
        return DeadLetter.of(
                Topics.camera(CAMERA, "tlm"),
                "{\"id\":\"tc-001-20261125081500\",\"dateObservedFrom\":\"2026-11-25T08:14:00+07"
                        .getBytes(StandardCharsets.UTF_8),
                "malformed JSON: Unexpected end-of-input in VALUE_STRING at column 71",
                T + 2_000);
    }

    static OutboundMessage outbound() {
        Alert alert = windAlert();
        return new OutboundMessage(alert.topic(), OutboundCodec.encode(alert), 1, false);
    }
}
