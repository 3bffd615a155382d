package vn.haiphong.ioc.dashboards.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Vessel;
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
}
