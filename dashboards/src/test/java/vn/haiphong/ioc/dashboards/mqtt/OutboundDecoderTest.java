package vn.haiphong.ioc.dashboards.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.dashboards.testing.Samples;

class OutboundDecoderTest {
    @Test
    void decodesEachKindByItsTopic() throws IOException {
        Alert alert = Samples.incident("tc-001", Samples.T0);
        Kpi kpi = Samples.maxGust("tan-vu", 16.5, Samples.T0);
        DeadLetter dead = DeadLetter.of("hp/v1/cam/x/tlm", new byte[] {1, 2}, "not JSON", Samples.T0);

        assertThat(OutboundDecoder.decode(alert.topic(), OutboundCodec.encode(alert)))
                .isEqualTo(new OutboundMessage.AlertMessage(alert.topic(), alert));
        assertThat(OutboundDecoder.decode(kpi.topic(), OutboundCodec.encode(kpi)))
                .isEqualTo(new OutboundMessage.KpiMessage(kpi.topic(), kpi));
        assertThat(OutboundDecoder.decode(dead.deadLetterTopic(), OutboundCodec.encode(dead)))
                .isEqualTo(new OutboundMessage.DeadLetterMessage(dead.deadLetterTopic(), dead));
    }

    @Test
    void rejectsWhatIsNotJson() {
        assertThatThrownBy(() -> OutboundDecoder.decode("ioc/v1/alert/traffic/303", new byte[] {(byte) 0xff, 0}))
                .isInstanceOf(IOException.class);
    }

    @Test
    void rejectsAnAlertWithoutItsId() {
        String json = new String(OutboundCodec.encode(Samples.incident("tc-001", Samples.T0)), StandardCharsets.UTF_8)
                .replaceFirst("\"alertId\":\"[^\"]+\",", "");
        assertThatThrownBy(
                        () -> OutboundDecoder.decode("ioc/v1/alert/traffic/303", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("alertId");
    }

    @Test
    void rejectsAnAlertOnAKpiTopic() {
        byte[] alert = OutboundCodec.encode(Samples.incident("tc-001", Samples.T0));
        assertThatThrownBy(() -> OutboundDecoder.decode("ioc/v1/kpi/max-gust/port/tan-vu", alert))
                .isInstanceOf(IOException.class);
    }

    @Test
    void rejectsATopicOutsideTheOutboundContract() {
        assertThatThrownBy(() -> OutboundDecoder.decode("hp/v1/cam/tc-001/tlm", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void decodesAVesselAndItsLeavingFromTheTopic() throws IOException {
        Vessel ship = Samples.vessel(574001230L, null, 20.836, 106.776, 90, false, Samples.T0);
        String topic = ship.topic("lach-huyen");
        assertThat(OutboundDecoder.decode(topic, OutboundCodec.encode(ship)))
                .isEqualTo(new OutboundMessage.VesselMessage(topic, "lach-huyen", 574001230L, ship));
        assertThat(OutboundDecoder.decode(topic, new byte[0]))
                .isEqualTo(new OutboundMessage.VesselMessage(topic, "lach-huyen", 574001230L, null));
        assertThatThrownBy(() -> OutboundDecoder.decode("ioc/v1/vessel/lach-huyen/1", OutboundCodec.encode(ship)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mmsi");
        assertThatThrownBy(() -> OutboundDecoder.decode("ioc/v1/vessel/lach-huyen/abc", new byte[0]))
                .isInstanceOf(IOException.class);
    }

    @Test
    void decodesAReportAndItsRemovalFromTheTopic() throws IOException {
        ReportView report = Samples.report("HP-2026-000123", "OPEN", null, false, Samples.T0, 1);
        assertThat(OutboundDecoder.decode(report.topic(), OutboundCodec.encode(report)))
                .isEqualTo(new OutboundMessage.ReportMessage(report.topic(), "HP-2026-000123", report));
        assertThat(OutboundDecoder.decode("ioc/v1/report/HP-2026-000123", new byte[0]))
                .isEqualTo(new OutboundMessage.ReportMessage("ioc/v1/report/HP-2026-000123", "HP-2026-000123", null));
    }

    @Test
    void forwardsNothingPersonalEvenWhenThePayloadCarriesIt() throws IOException {
        ReportView report = Samples.report("HP-2026-000124", "OPEN", null, false, Samples.T0, 1);
        ObjectNode json = (ObjectNode) Json.mapper().readTree(OutboundCodec.encode(report));
        json.put("account_id", "acc-9f2c41")
                .put("device_id", "dev-77aa")
                .put("phone", "0912 345 678")
                .put("email", "nguyen.van.a@example.vn")
                .put("first_name", "Nguyễn Văn A");
        json.putObject("citizen").put("name", "Nguyễn Văn A");
        OutboundMessage.ReportMessage decoded = (OutboundMessage.ReportMessage)
                OutboundDecoder.decode(report.topic(), Json.mapper().writeValueAsBytes(json));

        assertThat(decoded.report()).isEqualTo(report);
        // What the hub sends on is the record re-encoded, never the bytes that came in.
        String forwarded = Json.mapper().writeValueAsString(decoded.report());
        assertThat(forwarded)
                .contains("HP-2026-000124")
                .doesNotContain("acc-9f2c41")
                .doesNotContain("dev-77aa")
                .doesNotContain("0912")
                .doesNotContain("example.vn")
                .doesNotContain("Nguyễn Văn A")
                .doesNotContain("citizen");
    }

    @Test
    void dropsAMediaUrlThatIsNotThisServersOwnPhoto() throws IOException {
        ReportView report = Samples.report("HP-2026-000125", "OPEN", null, false, Samples.T0, 1);
        for (String foreign : new String[] {
            "https://evil.example/x.jpg",
            "//evil.example/x.jpg",
            "/media/../api/alerts",
            "javascript:alert(1)",
            "/mediax"
        }) {
            String json = new String(OutboundCodec.encode(report), StandardCharsets.UTF_8)
                    .replace("/media/hp-2026-000125.jpg", foreign);
            OutboundMessage.ReportMessage decoded = (OutboundMessage.ReportMessage)
                    OutboundDecoder.decode(report.topic(), json.getBytes(StandardCharsets.UTF_8));
            assertThat(decoded.report().mediaUrl()).as(foreign).isNull();
            assertThat(decoded.report().description()).isEqualTo(report.description());
        }
        OutboundMessage.ReportMessage own =
                (OutboundMessage.ReportMessage) OutboundDecoder.decode(report.topic(), OutboundCodec.encode(report));
        assertThat(own.report().mediaUrl()).isEqualTo("/media/hp-2026-000125.jpg");
    }

    @Test
    void rejectsAReportOnAnotherReportsTopicOrWithoutItsFields() {
        ReportView report = Samples.report("HP-2026-000126", "OPEN", null, false, Samples.T0, 1);
        byte[] payload = OutboundCodec.encode(report);
        assertThatThrownBy(() -> OutboundDecoder.decode("ioc/v1/report/HP-2026-000999", payload))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("serviceRequestId");
        assertThatThrownBy(() -> OutboundDecoder.decode("ioc/v1/report/HP-2026-000126/x", payload))
                .isInstanceOf(IOException.class);
        String noStatus = new String(payload, StandardCharsets.UTF_8).replace("\"status\":\"OPEN\",", "");
        assertThatThrownBy(() -> OutboundDecoder.decode(report.topic(), noStatus.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("status");
        String badLate =
                new String(payload, StandardCharsets.UTF_8).replace("\"seq\":1", "\"late\":\"soon\",\"seq\":1");
        assertThatThrownBy(() -> OutboundDecoder.decode(report.topic(), badLate.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("late");
    }
}
