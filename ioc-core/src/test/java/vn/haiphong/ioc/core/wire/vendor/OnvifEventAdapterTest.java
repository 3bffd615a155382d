package vn.haiphong.ioc.core.wire.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.haiphong.ioc.core.wire.vendor.VendorMessages.decode;
import static vn.haiphong.ioc.core.wire.vendor.VendorMessages.decodeText;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.Topics;

class OnvifEventAdapterTest {
    private static final String FIELD = Topics.onvif("axis-dbp-hvt", "RuleEngine/FieldDetector/ObjectsInside");
    private static final String COUNTER = Topics.onvif("axis-dbp-hvt", "RuleEngine/CountAggregation/Counter");

    @Test
    void turnsAnObjectInsideAHazardZoneIntoAHazardDetectionOfTheMappedCamera() {
        Decoded d = decode(FIELD, "onvif/hazard-zone.json");
        assertThat(d.isOk()).as(d.toString()).isTrue();
        CameraDetection e = (CameraDetection) d.event();
        assertThat(e.cameraId()).isEqualTo("tc-001");
        assertThat(e.detection()).isEqualTo("hazardOnRoad");
        assertThat(e.confidence()).isEqualTo(0.8);
        assertThat(e.dateObserved())
                .isEqualTo(Instant.parse("2026-11-25T01:14:40.120Z").toEpochMilli());
        assertThat(e.topic()).isEqualTo("hp/v1/cam/tc-001/evt");
        assertThat(decode(FIELD, "onvif/hazard-zone.json").event().eventId())
                .as("a redelivered message keeps its id")
                .isEqualTo(e.eventId());
    }

    @Test
    void readsSourceAndDataAsSimpleItemLists() {
        Decoded d = decode(FIELD, "onvif/wrong-way-simpleitems.json");
        assertThat(d.isOk()).as(d.toString()).isTrue();
        assertThat(((CameraDetection) d.event()).detection()).isEqualTo("carWrongDirection");
    }

    @Test
    void turnsACounterIntoTrafficFlowOverTheRulesInterval() {
        Decoded d = decode(COUNTER, "onvif/car-counter.json");
        assertThat(d.isOk()).as(d.toString()).isTrue();
        TrafficFlowObserved t = (TrafficFlowObserved) d.event();
        assertThat(t.cameraId()).isEqualTo("tc-001");
        assertThat(t.intensity()).isEqualTo(Map.of("car", 37));
        assertThat(t.dateObservedTo()).isEqualTo(VendorMessages.NOW);
        assertThat(t.dateObservedTo() - t.dateObservedFrom()).isEqualTo(60_000);
    }

    @Test
    void refusesALineCrossingWithAdviceInsteadOfCountingOne() {
        Decoded d = decode(Topics.onvif("axis-dbp-hvt", "RuleEngine/LineDetector/Crossed"), "onvif/line-crossed.json");
        assertThat(d.isOk()).isFalse();
        assertThat(d.reason()).contains("LineDetector/Crossed").contains("CountAggregation/Counter");
    }

    @Test
    void ignoresAFieldThatEmptiedAndRefusesStateReports() {
        Decoded emptied = decode(FIELD, "onvif/field-empty.json");
        assertThat(emptied.isIgnored()).as(emptied.toString()).isTrue();
        assertThat(emptied.reason()).contains("IsInside false");
        String initialized =
                new String(VendorMessages.resource("onvif/hazard-zone.json")).replace("\"Changed\"", "\"Initialized\"");
        Decoded state = decodeText(FIELD, initialized);
        assertThat(state.isIgnored()).isFalse();
        assertThat(state.reason()).contains("Initialized");
    }

    @Test
    void refusesUnknownSourcesRulesAndTopics() {
        assertThat(decode(Topics.onvif("nobody", "RuleEngine/FieldDetector/ObjectsInside"), "onvif/hazard-zone.json")
                        .reason())
                .contains("unknown ONVIF source 'nobody'");
        String otherRule = new String(VendorMessages.resource("onvif/hazard-zone.json")).replace("HazardZone", "Gate");
        assertThat(decodeText(FIELD, otherRule).reason())
                .contains("rule 'Gate'")
                .contains("camera-sources.json");
        assertThat(decode(Topics.onvif("axis-dbp-hvt", "VideoSource/MotionAlarm"), "onvif/hazard-zone.json")
                        .reason())
                .contains("unsupported ONVIF event topic 'VideoSource/MotionAlarm'");
        assertThat(decode(COUNTER, "onvif/hazard-zone.json").reason())
                .as("a detection rule sent as a counter")
                .contains("needs vehicleType");
    }

    @Test
    void refusesMalformedMessages() {
        assertThat(decodeText(FIELD, "{\"UtcTime\":").reason()).startsWith("malformed JSON");
        assertThat(decodeText(FIELD, "[1]").reason()).isEqualTo("payload is not a JSON object");
        assertThat(decodeText(FIELD, "{\"Source\":{\"Rule\":\"HazardZone\"},\"Data\":{\"IsInside\":true}}")
                        .reason())
                .contains("missing field 'UtcTime'");
        assertThat(decodeText(FIELD, "{\"UtcTime\":\"yesterday\",\"Source\":{\"Rule\":\"HazardZone\"}}")
                        .reason())
                .contains("not an ISO-8601 timestamp");
        String badCount = new String(VendorMessages.resource("onvif/car-counter.json")).replace("\"37\"", "\"many\"");
        assertThat(decodeText(COUNTER, badCount).reason()).contains("'Count' must be an integer");
        String negative = new String(VendorMessages.resource("onvif/car-counter.json")).replace("\"37\"", "\"-3\"");
        assertThat(decodeText(COUNTER, negative).reason())
                .as("the normalised event goes through the one validator")
                .contains("intensity.car");
    }

    @Test
    void deadLettersVendorMessagesOnTheCameraFeed() {
        assertThat(Topics.feedOf(FIELD)).isEqualTo(Feed.cam);
        assertThat(DeadLetter.of(FIELD, new byte[] {'x'}, "r", 0L).topic()).isEqualTo(FIELD);
        assertThat(Topics.deadLetter(Topics.feedOf(FIELD))).isEqualTo("ioc/v1/deadletter/cam");
    }
}
