package vn.haiphong.ioc.core.wire.vendor;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundValidator;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * The entry to the vendor formats on {@link Topics#VENDOR_ROOT}: picks the adapter by the topic, and checks what it
 * made with the same {@link InboundValidator} as every native message. Never throws for bad input.
 */
public final class VendorAdapters {
    private final OnvifEventAdapter onvif;
    private final DeepStreamAdapter deepStream;
    private final InboundValidator validator;

    public VendorAdapters(ReferenceData reference, InboundValidator validator) {
        this.onvif = new OnvifEventAdapter(reference);
        this.deepStream = new DeepStreamAdapter(reference);
        this.validator = validator;
    }

    public Decoded decode(String topic, byte[] payload, long receivedAt) {
        Topics.VendorTopic address;
        try {
            address = Topics.parseVendor(topic);
        } catch (IllegalArgumentException e) {
            return Decoded.rejected("unknown topic: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(payload);
        } catch (IOException e) {
            return Decoded.rejected("malformed JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            return Decoded.rejected("payload is not a JSON object");
        }
        Decoded adapted;
        try {
            adapted = address.vendor().equals(Topics.ONVIF)
                    ? onvif.adapt(address, root)
                    : deepStream.adapt(address, root);
        } catch (IllegalArgumentException e) {
            adapted = Decoded.rejected(e.getMessage());
        }
        if (!adapted.isOk()) {
            return adapted;
        }
        String problem = validator.problem(adapted.event(), receivedAt);
        return problem == null ? adapted : Decoded.rejected(problem);
    }

    /** Shared by the adapters: a required text field, or {@link IllegalArgumentException} naming it. */
    static String text(JsonNode node, String field, String format) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(format + ": missing field '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(format + ": field '" + field + "' must be non-empty text");
        }
        return v.asText();
    }

    static long time(JsonNode node, String field, String format) {
        return Timestamps.parse(text(node, field, format));
    }

    static Decoded ok(InboundEvent e) {
        return Decoded.ok(e);
    }

    private static String firstLine(IOException e) {
        String m = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
