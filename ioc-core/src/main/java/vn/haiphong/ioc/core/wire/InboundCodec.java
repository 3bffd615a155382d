package vn.haiphong.ioc.core.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.PortAssetState;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.vendor.VendorAdapters;

/**
 * The one codec of the inbound wire contract. {@link #decode} turns a topic and its payload into a validated event or
 * a reason for the dead-letter topic; {@link #encode} writes an event as devices send it (used by the simulators).
 */
public final class InboundCodec {
    /** Payloads above this size are rejected unread. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final ObjectMapper mapper = Json.mapper();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final InboundValidator validator;
    private final ReferenceData reference;
    private final VendorAdapters vendors;

    public InboundCodec(ReferenceData reference) {
        this.reference = reference;
        this.validator = new InboundValidator(reference);
        this.vendors = new VendorAdapters(reference, validator);
    }

    /** Decodes and validates; never throws for bad input. {@code receivedAt} is the wall clock at arrival. */
    public Decoded decode(String topic, byte[] payload, long receivedAt) {
        if (payload == null || payload.length == 0) {
            return Decoded.rejected("empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return Decoded.rejected(
                    "payload too large: " + payload.length + " bytes, the limit is " + MAX_PAYLOAD_BYTES);
        }
        if (Topics.isVendor(topic)) {
            return vendors.decode(topic, payload, receivedAt);
        }
        InboundTopic address;
        try {
            address = Topics.parse(topic);
        } catch (IllegalArgumentException e) {
            return Decoded.rejected("unknown topic: " + e.getMessage());
        }
        Class<? extends InboundEvent> type;
        try {
            type = typeOf(address);
        } catch (IllegalArgumentException e) {
            return Decoded.rejected(e.getMessage());
        }
        InboundEvent event;
        try {
            event = reader(type).with(injectables(address)).readValue(payload);
        } catch (IOException e) {
            return Decoded.rejected(reason(e));
        }
        if (event instanceof CameraState s) {
            event = s.observedAt(receivedAt);
        } else if (event instanceof PortAssetState s) {
            event = s.observedAt(receivedAt);
        }
        String problem = validator.problem(event, receivedAt);
        return problem == null ? Decoded.ok(event) : Decoded.rejected(problem);
    }

    public byte[] encode(InboundEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Class<? extends InboundEvent> typeOf(InboundTopic t) {
        switch (t.feed()) {
            case cam -> {
                Camera camera = reference
                        .camera(t.device())
                        .orElseThrow(() -> new IllegalArgumentException("unknown camera '" + t.device() + "'"));
                return switch (t.kind()) {
                    case "tlm" ->
                        camera.kind() == Camera.Kind.traffic ? TrafficFlowObserved.class : CrowdFlowObserved.class;
                    case "evt" -> CameraDetection.class;
                    default -> CameraState.class;
                };
            }
            case report -> {
                return t.kind().equals("new") ? ReportNew.class : ReportUpdate.class;
            }
            case port -> {
                if (reference.port(t.portId()).isEmpty()) {
                    throw new IllegalArgumentException("unknown port '" + t.portId() + "'");
                }
                if (reference.portAsset(t.portId(), t.assetType(), t.device()).isEmpty()) {
                    throw new IllegalArgumentException(
                            "unknown " + t.assetType() + " '" + t.device() + "' at port " + t.portId());
                }
                if (t.kind().equals("state")) {
                    return PortAssetState.class;
                }
                String key = t.assetType() + "/" + t.kind();
                return switch (key) {
                    case "met/tlm" -> MetObserved.class;
                    case "sts/tlm", "rtg/tlm" -> CraneTelemetry.class;
                    case "gate/tlm" -> GateTelemetry.class;
                    case "gate/evt" -> GateEquipmentEvent.class;
                    case "yard/tlm" -> YardTelemetry.class;
                    case "reefer/tlm" -> ReeferTelemetry.class;
                    case "tide/tlm" -> TideTelemetry.class;
                    case "ais/tlm" -> AisPosition.class;
                    case "berth/evt" -> BerthEvent.class;
                    default ->
                        throw new IllegalArgumentException(
                                "no " + t.kind() + " messages are defined for " + t.assetType() + " assets");
                };
            }
            default -> throw new IllegalArgumentException("unknown feed");
        }
    }

    private ObjectReader reader(Class<?> type) {
        return readers.computeIfAbsent(type, mapper::readerFor);
    }

    private static InjectableValues injectables(InboundTopic t) {
        InjectableValues.Std values = new InjectableValues.Std();
        values.addValue("device", t.device());
        values.addValue("port", t.portId());
        values.addValue("assetType", t.assetType());
        return values;
    }

    /** Turns Jackson's exception into a reason an operator can act on. */
    static String reason(IOException e) {
        if (e instanceof MismatchedInputException m) {
            String field = path(m);
            String message = firstLine(m.getOriginalMessage());
            if (message.startsWith("Missing required creator property")) {
                int q1 = message.indexOf('\'');
                int q2 = message.indexOf('\'', q1 + 1);
                return "missing field '" + message.substring(q1 + 1, q2) + "'";
            }
            if (message.startsWith("Cannot deserialize value of type") && field.isEmpty()) {
                return "payload is not a JSON object";
            }
            if (e instanceof InvalidFormatException f && f.getValue() != null) {
                return "field '" + field + "' has an invalid value: " + message;
            }
            return field.isEmpty()
                    ? "invalid payload: " + message
                    : "field '" + field + "' has the wrong type: " + message;
        }
        if (e instanceof JacksonException j && !(e instanceof JsonMappingException)) {
            return "malformed JSON: " + firstLine(j.getOriginalMessage())
                    + (j.getLocation() == null
                            ? ""
                            : " at column " + j.getLocation().getColumnNr());
        }
        return "invalid payload: " + firstLine(e.getMessage());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
