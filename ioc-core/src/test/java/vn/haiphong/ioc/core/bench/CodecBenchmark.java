package vn.haiphong.ioc.core.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * The cost of the wire contract per message: {@link InboundCodec#decode} of one message of each busy feed as devices
 * send it (ISO times, real device ids from the default reference data), of the two usual rejections, and {@link
 * OutboundCodec#encode} of an alert and a KPI. Run with {@code ./ioc jmh CodecBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class CodecBenchmark {
    /** 08:15 in Hai Phong: every payload below is a few seconds to a minute old when it arrives. */
    static final long RECEIVED_AT = Instant.parse("2026-11-25T01:15:02Z").toEpochMilli();

    static final String TRAFFIC_TLM = """
            {"id":"tc-001-20261125081500","dateObservedFrom":"2026-11-25T08:14:00+07:00",
             "dateObservedTo":"2026-11-25T08:15:00+07:00",
             "intensity":{"motorcycle":312,"car":41,"bus":3,"lorry":6,"van":9,"bicycle":4},
             "averageVehicleSpeed":18.4,"occupancy":0.47,"congested":false}
            """;
    static final String CAMERA_EVT = """
            {"id":"tc-004-evt-000731","dateObserved":"2026-11-25T08:14:57+07:00","category":"traffic",
             "subCategory":"carAccident","confidence":0.87,
             "snapshotUrl":"https://cam.haiphong.gov.vn/snap/tc-004/000731.jpg",
             "description":"Va chạm giữa xe máy và ô tô con, chiếm một làn"}
            """;
    static final String PORT_MET_TLM = """
            {"id":"tan-vu-met-1-000412","dateObserved":"2026-11-25T08:15:00+07:00","windSpeed":11.2,
             "gustSpeed":16.8,"windDirection":47,"precipitation":2.5,"visibility":6500}
            """;
    static final String PORT_STS_TLM = """
            {"id":"tan-vu-sts-03-001877","dateObserved":"2026-11-25T08:15:00+07:00","state":"working","moves":3,
             "gustSpeed":14.1,"loadTonnes":27.5}
            """;
    static final String REPORT_NEW = """
            {"service_request_id":"hps-2026-004512","service_code":"flooding",
             "description":"Đường Lạch Tray đoạn trước số 120 ngập sâu khoảng 40cm, xe máy chết máy nhiều",
             "lat":20.8461,"long":106.6935,"address_string":"120 Lạch Tray, Ngô Quyền, Hải Phòng",
             "media_url":"https://smart.haiphong.gov.vn/media/hps-2026-004512.jpg",
             "requested_datetime":"2026-11-25T08:14:31+07:00","account_id":"acc-7f3e91","device_id":"dev-22c0a4"}
            """;
    static final String MALFORMED = "{\"id\":\"tc-001-20261125081500\",\"dateObservedFrom\":\"2026-11-25T08:14:00+07";

    private InboundCodec codec;
    private String trafficTopic;
    private String eventTopic;
    private String metTopic;
    private String craneTopic;
    private String reportTopic;
    private String unknownCameraTopic;
    private byte[] trafficTlm;
    private byte[] cameraEvt;
    private byte[] portMetTlm;
    private byte[] portStsTlm;
    private byte[] reportNew;
    private byte[] malformed;
    private Alert alert;
    private Kpi kpi;

    @Setup
    public void setUp() {
        codec = new InboundCodec(ReferenceData.defaults());
        trafficTopic = Topics.camera("tc-001", "tlm");
        eventTopic = Topics.camera("tc-004", "evt");
        metTopic = Topics.port("tan-vu", "met", "met-1", "tlm");
        craneTopic = Topics.port("tan-vu", "sts", "sts-03", "tlm");
        reportTopic = Topics.reportNew();
        unknownCameraTopic = Topics.camera("tc-999", "evt");
        trafficTlm = utf8(TRAFFIC_TLM);
        cameraEvt = utf8(CAMERA_EVT);
        portMetTlm = utf8(PORT_MET_TLM);
        portStsTlm = utf8(PORT_STS_TLM);
        reportNew = utf8(REPORT_NEW);
        malformed = utf8(MALFORMED);

        // A benchmark of the wrong path measures nothing: check each case takes the path it is named after.
        expect(true, decodeTrafficTlm());
        expect(true, decodeCameraEvt());
        expect(true, decodePortMetTlm());
        expect(true, decodePortStsTlm());
        expect(true, decodeReportNew());
        expect(false, rejectMalformedJson());
        expect(false, rejectUnknownCamera());

        alert = windAlert();
        kpi = new Kpi(
                "max-gust",
                "port",
                "tan-vu",
                new LocalizedText("Gió giật lớn nhất", "Maximum gust"),
                RECEIVED_AT - 60_000,
                RECEIVED_AT,
                16.8,
                "m/s",
                15.0,
                true,
                RECEIVED_AT);
    }

    @Benchmark
    public Decoded decodeTrafficTlm() {
        return codec.decode(trafficTopic, trafficTlm, RECEIVED_AT);
    }

    @Benchmark
    public Decoded decodeCameraEvt() {
        return codec.decode(eventTopic, cameraEvt, RECEIVED_AT);
    }

    @Benchmark
    public Decoded decodePortMetTlm() {
        return codec.decode(metTopic, portMetTlm, RECEIVED_AT);
    }

    @Benchmark
    public Decoded decodePortStsTlm() {
        return codec.decode(craneTopic, portStsTlm, RECEIVED_AT);
    }

    @Benchmark
    public Decoded decodeReportNew() {
        return codec.decode(reportTopic, reportNew, RECEIVED_AT);
    }

    @Benchmark
    public Decoded rejectMalformedJson() {
        return codec.decode(trafficTopic, malformed, RECEIVED_AT);
    }

    @Benchmark
    public Decoded rejectUnknownCamera() {
        return codec.decode(unknownCameraTopic, cameraEvt, RECEIVED_AT);
    }

    @Benchmark
    public byte[] encodeAlert() {
        return OutboundCodec.encode(alert);
    }

    @Benchmark
    public byte[] encodeKpi() {
        return OutboundCodec.encode(kpi);
    }

    /** A wind warning as the job raises it, with the evidence a rule attaches. */
    static Alert windAlert() {
        Entity entity = new Entity("met", "tan-vu/met-1");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("gustSpeed", 16.8);
        evidence.put("unit", "m/s");
        evidence.put("assetType", "met");
        return new Alert(
                Alert.idFor("port.wind.warning", entity, RECEIVED_AT),
                "port.wind.warning",
                "port",
                "tan-vu",
                "306",
                "weather",
                "windWarning",
                Severity.high,
                AlertStatus.active,
                RECEIVED_AT,
                RECEIVED_AT,
                null,
                entity,
                new Position(20.83946, 106.7752),
                new LocalizedText(
                        "Cảnh báo gió mạnh: Trạm khí tượng bến 1, Cảng Tân Vũ",
                        "Wind warning: Weather station berth 1, Tan Vu port"),
                new LocalizedText(
                        "Gió giật 16.8 m/s ≥ 15 m/s. Hết cảnh báo khi gió giật dưới 13 m/s trong 10 phút.",
                        "Gust 16.8 m/s ≥ 15 m/s. Clears when gusts stay below 13 m/s for 10 min."),
                evidence,
                1);
    }

    private static void expect(boolean ok, Decoded d) {
        if (d.isOk() != ok) {
            throw new IllegalStateException("expected " + (ok ? "an event" : "a rejection") + ", got " + d);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
