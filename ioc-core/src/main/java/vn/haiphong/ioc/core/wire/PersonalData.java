package vn.haiphong.ioc.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/**
 * The citizen's personal fields a report message may carry (the pseudonymous account and device ids of HP Smart, and
 * the names, phone and e-mail Open311 clients may send), and their removal from a report that is dead-lettered: a
 * dead letter keeps the payload for whoever mends the sender, and is published and stored, so it must not carry them.
 */
public final class PersonalData {
    /** Field names, at the top level of a report message, that identify a person. */
    public static final Set<String> REPORT_FIELDS =
            Set.of("account_id", "device_id", "email", "phone", "first_name", "last_name", "name");

    private PersonalData() {}

    /**
     * The payload without personal fields when it is a report message (a JSON object on {@code hp/v1/report/...});
     * anything else, or a payload that is not a JSON object, as it is.
     */
    public static byte[] redact(String topic, byte[] payload) {
        if (payload == null || Topics.feedOf(topic) != Feed.report) {
            return payload;
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(payload);
        } catch (IOException e) {
            return payload;
        }
        if (!(root instanceof ObjectNode object)) {
            return payload;
        }
        boolean removed = false;
        for (String field : REPORT_FIELDS) {
            if (object.has(field)) {
                object.put(field, "[redacted]");
                removed = true;
            }
        }
        if (!removed) {
            return payload;
        }
        try {
            return Json.mapper().writeValueAsBytes(object);
        } catch (IOException e) {
            return payload;
        }
    }
}
