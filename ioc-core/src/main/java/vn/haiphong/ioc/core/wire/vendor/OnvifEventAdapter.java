package vn.haiphong.ioc.core.wire.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.CameraSource;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * ONVIF analytics events as a camera's MQTT event broker publishes them (JSON, "onvif-ej"), bridged to {@code
 * hp/v1/vendor/onvif/{source}/{ONVIF topic}}. The payload is an ONVIF notification message: {@code UtcTime}, {@code
 * PropertyOperation}, {@code Source} and {@code Data} items (as a name → value object or as {@code SimpleItem} lists),
 * at the top or under {@code Message}. The {@code source} level names a camera in ref/camera-sources.json, and the
 * event's {@code Source.Rule} names one of that source's rules, which says what the rule means here.
 *
 * <ul>
 *   <li>{@code RuleEngine/FieldDetector/ObjectsInside} with {@code IsInside} true → a {@link CameraDetection} of the
 *       rule's detection (a hazard zone, a no-parking box, a wrong-way zone).
 *   <li>{@code RuleEngine/CountAggregation/Counter} → a {@link TrafficFlowObserved} of {@code Count} vehicles of the
 *       rule's type over the rule's reporting interval.
 *   <li>{@code RuleEngine/LineDetector/Crossed} is one object crossing: the contract carries counts per interval, so it
 *       is refused with the advice to configure a counter rule on the camera.
 * </ul>
 */
public final class OnvifEventAdapter {
    static final String FORMAT = "ONVIF event";

    private interface Mapping {
        Decoded map(Camera camera, String rule, CameraSource.VendorRule meaning, long time, Map<String, String> data);
    }

    /** ONVIF event topic → how its Data becomes a normalised event. */
    private static final Map<String, Mapping> TOPICS = Map.of(
            "RuleEngine/FieldDetector/ObjectsInside", OnvifEventAdapter::objectsInside,
            "RuleEngine/CountAggregation/Counter", OnvifEventAdapter::counter);

    private static final Map<String, String> REFUSED = Map.of(
            "RuleEngine/LineDetector/Crossed",
            "one line crossing is one object, and camera telemetry carries counts per interval: configure a"
                    + " CountAggregation/Counter rule on the camera instead");

    private final ReferenceData reference;

    public OnvifEventAdapter(ReferenceData reference) {
        this.reference = reference;
    }

    /** The normalised event (not yet validated) or the reason; throws {@link IllegalArgumentException} for a reason. */
    public Decoded adapt(Topics.VendorTopic topic, JsonNode root) {
        String eventTopic = topic.path().startsWith("tns1:") ? topic.path().substring(5) : topic.path();
        if (REFUSED.containsKey(eventTopic)) {
            return Decoded.rejected(FORMAT + " " + eventTopic + " is not used: " + REFUSED.get(eventTopic));
        }
        Mapping mapping = TOPICS.get(eventTopic);
        if (mapping == null) {
            return Decoded.rejected("unsupported " + FORMAT + " topic '" + eventTopic + "' (supported: "
                    + String.join(", ", new java.util.TreeSet<>(TOPICS.keySet())) + ")");
        }
        CameraSource source =
                reference.cameraSource(Topics.ONVIF, topic.source()).orElse(null);
        if (source == null) {
            return Decoded.rejected(
                    "unknown ONVIF source '" + topic.source() + "' (not in " + ReferenceData.CAMERA_SOURCES + ")");
        }
        Camera camera = reference.camera(source.cameraId()).orElseThrow();
        JsonNode message = root;
        while (!message.has("UtcTime") && message.path("Message").isObject()) {
            message = message.get("Message");
        }
        long time = VendorAdapters.time(message, "UtcTime", FORMAT);
        String operation = message.path("PropertyOperation").asText("Changed");
        if (!operation.equals("Changed")) {
            return Decoded.rejected(FORMAT + " PropertyOperation '" + operation
                    + "' reports a rule's state, not a change: only Changed is used");
        }
        Map<String, String> sourceItems = items(message.path("Source"), "Source");
        Map<String, String> data = items(message.path("Data"), "Data");
        String rule = sourceItems.get("Rule");
        if (rule == null) {
            return Decoded.rejected(FORMAT + ": Source has no item 'Rule'");
        }
        CameraSource.VendorRule meaning = source.rules().get(rule);
        if (meaning == null) {
            return Decoded.rejected("rule '" + rule + "' of ONVIF source '" + topic.source() + "' is not in "
                    + ReferenceData.CAMERA_SOURCES);
        }
        return mapping.map(camera, rule, meaning, time, data);
    }

    private static Decoded objectsInside(
            Camera camera, String rule, CameraSource.VendorRule meaning, long time, Map<String, String> data) {
        String inside = data.get("IsInside");
        if (inside == null) {
            return Decoded.rejected(FORMAT + " ObjectsInside: Data has no item 'IsInside'");
        }
        if (!inside.equals("true")) {
            return Decoded.ignored(FORMAT + " ObjectsInside with IsInside " + inside
                    + ": the field is empty again, and a detection has no end in the contract");
        }
        if (meaning.detection() == null) {
            return Decoded.rejected("rule '" + rule + "' is a counter, not a detection");
        }
        Double confidence = meaning.confidence();
        if (confidence == null) {
            return Decoded.rejected("rule '" + rule + "' has no confidence in " + ReferenceData.CAMERA_SOURCES);
        }
        return VendorAdapters.ok(new CameraDetection(
                camera.id(),
                camera.id() + "-onvif-" + rule + "-" + time,
                time,
                meaning.detection(),
                null,
                confidence,
                null,
                "ONVIF rule " + rule));
    }

    private static Decoded counter(
            Camera camera, String rule, CameraSource.VendorRule meaning, long time, Map<String, String> data) {
        if (meaning.vehicleType() == null || meaning.intervalSeconds() == null) {
            return Decoded.rejected("rule '" + rule + "' needs vehicleType and intervalSeconds in "
                    + ReferenceData.CAMERA_SOURCES + " to be a counter");
        }
        if (camera.kind() != Camera.Kind.traffic) {
            return Decoded.rejected("counter rule '" + rule + "' is on " + camera.id() + ", not a traffic camera");
        }
        String count = data.get("Count");
        int n;
        try {
            n = Integer.parseInt(count == null ? "" : count);
        } catch (NumberFormatException e) {
            return Decoded.rejected(FORMAT + " Counter: Data item 'Count' must be an integer, got '" + count + "'");
        }
        return VendorAdapters.ok(new TrafficFlowObserved(
                camera.id(),
                camera.id() + "-onvif-" + rule + "-" + time,
                time - meaning.intervalSeconds() * 1000L,
                time,
                Map.of(meaning.vehicleType(), n),
                null,
                null,
                null));
    }

    /** ONVIF items in either JSON shape: {@code {"Rule":"x"}} or {@code {"SimpleItem":[{"Name":"Rule","Value":"x"}]}}. */
    static Map<String, String> items(JsonNode group, String name) {
        Map<String, String> out = new HashMap<>();
        if (group.isMissingNode() || group.isNull()) {
            return out;
        }
        if (!group.isObject()) {
            throw new IllegalArgumentException(FORMAT + ": '" + name + "' must be an object of items");
        }
        JsonNode simple = group.get("SimpleItem");
        if (simple != null) {
            for (JsonNode item : simple.isArray() ? simple : java.util.List.of(simple)) {
                if (!item.path("Name").isTextual() || item.path("Value").isMissingNode()) {
                    throw new IllegalArgumentException(
                            FORMAT + ": a SimpleItem of '" + name + "' needs Name and Value");
                }
                out.put(item.get("Name").asText(), item.get("Value").asText());
            }
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = group.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }
}
