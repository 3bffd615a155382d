package vn.haiphong.ioc.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.core.text.LocalizedText;

class OutboundCodecTest {
    private static final long T = 1_795_000_000_000L;

    @Test
    void alertsTravelWithIsoTimesAndRoundTrip() throws Exception {
        Entity entity = new Entity("met", "tan-vu/met-1");
        Alert alert = new Alert(
                Alert.idFor("port.wind.warning", entity, T),
                "port.wind.warning",
                "port",
                "tan-vu",
                "306",
                "weather",
                "windWarning",
                Severity.high,
                AlertStatus.active,
                T,
                T,
                null,
                entity,
                new Position(20.8355, 106.7747),
                new LocalizedText("Gió mạnh", "Strong wind"),
                new LocalizedText("vi", "en"),
                Map.of("gust", 16.2),
                1);
        String json = new String(OutboundCodec.encode(alert), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"raisedAt\":\"2026-11-18T")
                .contains("+07:00")
                .doesNotContain("clearedAt");
        assertThat(OutboundCodec.decodeAlert(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(alert);
        assertThat(alert.topic()).isEqualTo("ioc/v1/alert/port/tan-vu");
    }

    @Test
    void vesselPositionsTravelOnTheirPortsTopicAndAnEmptyPayloadMeansGone() throws Exception {
        Vessel v = new Vessel(574123456L, "Cat Ba Trader", 20.836, 106.776, 0.1, null, 87, 5, true, T);
        String json = new String(OutboundCodec.encode(v), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"mmsi\":574123456")
                .contains("\"atBerth\":true")
                .contains("\"updatedAt\":\"2026-11-18T")
                .contains("+07:00")
                .doesNotContain("courseOverGround")
                .doesNotContain("portId");
        assertThat(v.topic("tan-vu")).isEqualTo("ioc/v1/vessel/tan-vu/574123456");
        Vessel back = OutboundCodec.decodeVessel(json.getBytes(StandardCharsets.UTF_8));
        assertThat(back.mmsi()).isEqualTo(574123456L);
        assertThat(back.heading()).isEqualTo(87);
        assertThat(back.updatedAt()).isEqualTo(T);
        assertThat(OutboundCodec.decodeVessel(OutboundCodec.VESSEL_GONE)).isNull();
    }

    @Test
    void reportsTravelWithoutPersonalDataOnTheirOwnTopicAndAnEmptyPayloadRemovesThem() throws Exception {
        ReportView r = new ReportView(
                "HP-2026-000123",
                "flooding",
                new LocalizedText("Ngập úng", "Flooding"),
                "304",
                20.8461,
                106.6884,
                "OPEN",
                "<b>Ngập</b> sâu 40 cm",
                "/media/abc.jpg",
                T,
                T,
                null,
                null,
                T + 3_600_000,
                T + 86_400_000,
                ReportView.LATE_ACKNOWLEDGE,
                false,
                null,
                null,
                null,
                2);
        String json = new String(OutboundCodec.encode(r), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"late\":\"acknowledge\"")
                .contains("\"acknowledgeBy\":\"2026-11-18T")
                .doesNotContain("acknowledgedAt")
                .doesNotContain("account")
                .doesNotContain("device");
        assertThat(r.topic()).isEqualTo("ioc/v1/report/HP-2026-000123");
        assertThat(OutboundCodec.decodeReport(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(r);
        assertThat(OutboundCodec.decodeReport(new byte[0])).isNull();
    }

    @Test
    void theAlertIdIsStableForTheSameRuleEntityAndRaiseTime() {
        Entity e = new Entity("camera", "tc-001");
        assertThat(Alert.idFor("r", e, T)).isEqualTo(Alert.idFor("r", e, T)).isNotEqualTo(Alert.idFor("r", e, T + 1));
    }

    @Test
    void deadLettersKeepTheWholePayloadAsTextOrBase64() throws Exception {
        DeadLetter text = DeadLetter.of("hp/v1/cam/x/tlm", "{oops".getBytes(StandardCharsets.UTF_8), "malformed", T);
        assertThat(text.payload()).isEqualTo("{oops");
        assertThat(text.deadLetterTopic()).isEqualTo("ioc/v1/deadletter/cam");
        DeadLetter binary = DeadLetter.of("hp/v1/port/a/b/c/tlm", new byte[] {(byte) 0xff, 0x00, 0x41}, "bad", T);
        assertThat(binary.payloadEncoding()).isEqualTo("base64");
        assertThat(binary.payload()).isEqualTo("/wBB");
        assertThat(OutboundCodec.decodeDeadLetter(OutboundCodec.encode(binary))).isEqualTo(binary);
    }

    @Test
    void vesselsRoundTripWithAnIsoTimeAndTheirPortTopic() throws Exception {
        Vessel vessel = new Vessel(574001230L, "HAI PHONG 01", 20.836, 106.776, 0.2, 181.5, 180, 5, true, T);
        String json = new String(OutboundCodec.encode(vessel), StandardCharsets.UTF_8);
        assertThat(json).contains("\"updatedAt\":\"2026-11-18T").contains("\"atBerth\":true");
        assertThat(OutboundCodec.decodeVessel(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(vessel);
        assertThat(vessel.topic("tan-vu")).isEqualTo("ioc/v1/vessel/tan-vu/574001230");
        String minimal =
                "{\"mmsi\":574001230,\"lat\":20.8,\"lon\":106.7,\"atBerth\":false,\"updatedAt\":\"2026-11-25T08:00:00+07:00\"}";
        Vessel decoded = OutboundCodec.decodeVessel(minimal.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.name()).isNull();
        assertThat(decoded.heading()).isNull();
        assertThat(decoded.atBerth()).isFalse();
    }
}
