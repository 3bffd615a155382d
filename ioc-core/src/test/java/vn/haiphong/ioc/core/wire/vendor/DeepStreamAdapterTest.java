package vn.haiphong.ioc.core.wire.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.haiphong.ioc.core.wire.vendor.VendorMessages.decode;
import static vn.haiphong.ioc.core.wire.vendor.VendorMessages.decodeText;

import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.Topics;

class DeepStreamAdapterTest {
    private static final String TOPIC = Topics.deepstream("hvt-pipeline");

    @Test
    void turnsAParkedEventIntoIllegalParkingWithTheDetectorsConfidence() {
        Decoded d = decode(TOPIC, "deepstream/full-parked.json");
        assertThat(d.isOk()).as(d.toString()).isTrue();
        CameraDetection e = (CameraDetection) d.event();
        assertThat(e.cameraId()).isEqualTo("tc-002");
        assertThat(e.id()).isEqualTo("84a3a0ad-7eb8-49a2-9aa7-104ded6764d0");
        assertThat(e.detection()).isEqualTo("illegalParking");
        assertThat(e.confidence()).isEqualTo(0.91);
        assertThat(e.description()).contains("parked").contains("vehicle sedan");
    }

    @Test
    void takesTheSourcesConfidenceWhenTheDetectorSentNone() {
        Decoded d = decode(TOPIC, "deepstream/full-stopped-no-confidence.json");
        assertThat(d.isOk()).as(d.toString()).isTrue();
        CameraDetection e = (CameraDetection) d.event();
        assertThat(e.detection()).isEqualTo("carStopped");
        assertThat(e.confidence()).isEqualTo(0.7);
    }

    @Test
    void ignoresEventTypesTheSourceDoesNotMapAndRefusesUnknownOnes() {
        Decoded entry = decode(TOPIC, "deepstream/full-entry.json");
        assertThat(entry.isIgnored()).as(entry.toString()).isTrue();
        assertThat(entry.reason()).contains("event type 'entry'").contains("maps to no detection");
        String unknown = new String(VendorMessages.resource("deepstream/full-entry.json")).replace("entry", "teleport");
        Decoded teleport = decodeText(TOPIC, unknown);
        assertThat(teleport.isIgnored()).isFalse();
        assertThat(teleport.reason()).contains("unknown event type 'teleport'");
    }

    @Test
    void checksTheMinimalSchemaAndRefusesItAsNoEvent() {
        Decoded d = decode(TOPIC, "deepstream/minimal.json");
        assertThat(d.isOk()).isFalse();
        assertThat(d.reason()).contains("minimal schema").contains("Person=1").contains("Vehicle=2");
        String broken = new String(VendorMessages.resource("deepstream/minimal.json")).replace("|585|", "|x|");
        assertThat(decodeText(TOPIC, broken).reason()).contains("box coordinate 'x'");
    }

    @Test
    void refusesUnknownSensorsAndMalformedMessages() {
        String other = new String(VendorMessages.resource("deepstream/full-parked.json"))
                .replace("HVT_BACH_DANG_CAM_02", "SOMEONE_ELSE");
        assertThat(decodeText(TOPIC, other).reason()).contains("unknown DeepStream sensor 'SOMEONE_ELSE'");
        String minimalOther = new String(VendorMessages.resource("deepstream/minimal.json"))
                .replace("HVT_BACH_DANG_CAM_02", "SOMEONE_ELSE");
        assertThat(decodeText(TOPIC, minimalOther).reason()).contains("unknown DeepStream sensor");
        assertThat(decodeText(TOPIC, "{\"hello\":1}").reason()).contains("neither the full schema");
        assertThat(decodeText(TOPIC, "not json").reason()).startsWith("malformed JSON");
        String noTime = new String(VendorMessages.resource("deepstream/full-parked.json"))
                .replace("\"@timestamp\"", "\"when\"");
        assertThat(decodeText(TOPIC, noTime).reason()).contains("missing field '@timestamp'");
        assertThat(decode(Topics.deepstream("hvt-pipeline") + "/extra", "deepstream/full-parked.json")
                        .reason())
                .contains("unknown topic");
    }

    @Test
    void refusesAnEventOutsideTheValidatorsTimeWindow() {
        String old = new String(VendorMessages.resource("deepstream/full-parked.json"))
                .replace("2026-11-25T01:14:30.500Z", "2026-09-01T00:00:00Z");
        assertThat(decodeText(TOPIC, old).reason()).contains("more than 30 days old");
    }
}
