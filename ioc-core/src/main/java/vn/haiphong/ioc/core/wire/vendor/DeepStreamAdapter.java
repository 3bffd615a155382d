package vn.haiphong.ioc.core.wire.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.CameraSource;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * NVIDIA DeepStream messages (the nvmsgconv schemas) bridged to {@code hp/v1/vendor/deepstream/{pipeline}}. The
 * camera comes from the payload's sensor id through ref/camera-sources.json, and the event type through that
 * source's rules, because whether a parked car is an offence depends on where the camera looks.
 *
 * <ul>
 *   <li>Full schema ({@code messageid}, {@code @timestamp}, {@code sensor}, {@code object}, {@code event}): an event
 *       whose type the source maps (e.g. stopped → carStopped, parked → illegalParking) becomes a {@link
 *       CameraDetection}, with the object's confidence when it sends one in [0, 1], else the rule's or the source's.
 *   <li>Minimal schema ({@code sensorId}, {@code objects} as {@code "id|x1|y1|x2|y2|class|…"}): checked and refused,
 *       since one frame's objects are neither an event nor a count over an interval.
 * </ul>
 */
public final class DeepStreamAdapter {
    static final String FORMAT = "DeepStream message";

    /** The event types of nvmsgconv (NvDsEventType). */
    static final Set<String> EVENT_TYPES = Set.of("entry", "exit", "moving", "stopped", "empty", "parked", "reset");

    /** Object kinds of the full schema whose block may carry a confidence. */
    private static final String[] OBJECT_KINDS = {"vehicle", "person", "face"};

    private final ReferenceData reference;

    public DeepStreamAdapter(ReferenceData reference) {
        this.reference = reference;
    }

    /** The normalised event (not yet validated) or the reason; throws {@link IllegalArgumentException} for a reason. */
    public Decoded adapt(Topics.VendorTopic topic, JsonNode root) {
        if (root.has("sensorId") && root.has("objects")) {
            return minimal(root);
        }
        if (root.has("messageid") || root.has("sensor")) {
            return full(root);
        }
        return Decoded.rejected(FORMAT + " is neither the full schema (messageid, sensor, object, event) nor the"
                + " minimal one (sensorId, objects)");
    }

    private Decoded full(JsonNode root) {
        String messageId = VendorAdapters.text(root, "messageid", FORMAT);
        long time = VendorAdapters.time(root, "@timestamp", FORMAT);
        if (!root.path("sensor").isObject()) {
            return Decoded.rejected(FORMAT + ": missing object 'sensor'");
        }
        String sensor = VendorAdapters.text(root.get("sensor"), "id", FORMAT + " sensor");
        CameraSource source = source(sensor);
        if (!root.path("event").isObject()) {
            return Decoded.rejected(FORMAT + ": missing object 'event'");
        }
        String type = VendorAdapters.text(root.get("event"), "type", FORMAT + " event");
        if (!EVENT_TYPES.contains(type)) {
            return Decoded.rejected(FORMAT + ": unknown event type '" + type + "' (expected one of "
                    + String.join(", ", new java.util.TreeSet<>(EVENT_TYPES)) + ")");
        }
        CameraSource.VendorRule meaning = source.rules().get(type);
        if (meaning == null || meaning.detection() == null) {
            // entry, exit, moving... are the pipeline's ordinary traffic: counted, not dead letters.
            return Decoded.ignored("DeepStream event type '" + type + "' of sensor '" + sensor
                    + "' maps to no detection in " + ReferenceData.CAMERA_SOURCES);
        }
        JsonNode object = root.path("object");
        Double confidence = objectConfidence(object);
        if (confidence == null) {
            confidence = meaning.confidence() != null ? meaning.confidence() : source.confidence();
        }
        if (confidence == null) {
            return Decoded.rejected(FORMAT + ": no confidence in the object, and none for sensor '" + sensor + "' in "
                    + ReferenceData.CAMERA_SOURCES);
        }
        Camera camera = reference.camera(source.cameraId()).orElseThrow();
        return VendorAdapters.ok(new CameraDetection(
                camera.id(),
                messageId,
                time,
                meaning.detection(),
                null,
                confidence,
                null,
                "DeepStream " + type + " " + describe(object)));
    }

    private Decoded minimal(JsonNode root) {
        String sensor = VendorAdapters.text(root, "sensorId", FORMAT);
        VendorAdapters.time(root, "@timestamp", FORMAT);
        source(sensor);
        JsonNode objects = root.get("objects");
        if (!objects.isArray()) {
            return Decoded.rejected(FORMAT + ": 'objects' must be an array of \"id|x1|y1|x2|y2|class|...\" strings");
        }
        Map<String, Integer> byClass = new TreeMap<>();
        for (JsonNode o : objects) {
            String[] parts = o.asText("").split("\\|", -1);
            if (!o.isTextual() || parts.length < 6) {
                return Decoded.rejected(FORMAT + ": object '" + o.asText() + "' is not \"id|x1|y1|x2|y2|class|...\"");
            }
            for (int i = 1; i <= 4; i++) {
                try {
                    Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    return Decoded.rejected(FORMAT + ": object '" + o.asText() + "' has a box coordinate '" + parts[i]
                            + "' that is not a number");
                }
            }
            byClass.merge(parts[5], 1, Integer::sum);
        }
        return Decoded.rejected(FORMAT + " in the minimal schema (" + objects.size() + " objects " + byClass
                + ") is one frame's objects, neither an event nor a count over an interval: send the full schema");
    }

    private CameraSource source(String sensor) {
        return reference
                .cameraSource(Topics.DEEPSTREAM, sensor)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown DeepStream sensor '" + sensor + "' (not in " + ReferenceData.CAMERA_SOURCES + ")"));
    }

    /** The detector's confidence when it sent a real one: nvmsgconv writes a negative value when it has none. */
    private static Double objectConfidence(JsonNode object) {
        for (String kind : OBJECT_KINDS) {
            JsonNode c = object.path(kind).path("confidence");
            if (c.isNumber() && c.asDouble() >= 0 && c.asDouble() <= 1) {
                return c.asDouble();
            }
        }
        JsonNode c = object.path("confidence");
        return c.isNumber() && c.asDouble() >= 0 && c.asDouble() <= 1 ? c.asDouble() : null;
    }

    private static String describe(JsonNode object) {
        for (String kind : OBJECT_KINDS) {
            if (object.path(kind).isObject()) {
                String type = object.path(kind).path("type").asText("");
                return (kind + " " + type).trim() + " (object "
                        + object.path("id").asText("?") + ")";
            }
        }
        return "(object " + object.path("id").asText("?") + ")";
    }
}
