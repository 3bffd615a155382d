package vn.haiphong.ioc.core.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * An alert as published on {@code ioc/v1/alert/{domain}/{site}}. One alert per (rule, entity) while active; each
 * change is a new message with a higher {@code seq}.
 */
public record Alert(
        String alertId,
        String rule,
        String domain,
        String site,
        String area,
        String category,
        String subCategory,
        Severity severity,
        AlertStatus status,
        @EventTime long raisedAt,
        @EventTime long updatedAt,
        @EventTime Long clearedAt,
        Entity entity,
        Position position,
        LocalizedText title,
        LocalizedText description,
        Map<String, Object> evidence,
        long seq) {

    /**
     * The id of an alert: the same for the same rule, entity and raise time, so a job restarted from a checkpoint (or
     * replaying the same events) publishes the same id.
     */
    public static String idFor(String rule, Entity entity, long raisedAt) {
        String key = rule + "|" + entity.type() + "|" + entity.id() + "|" + raisedAt;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @JsonIgnore
    public String topic() {
        return Topics.alert(domain, site);
    }

    public Alert cleared(long at, Map<String, Object> clearEvidence) {
        return new Alert(
                alertId,
                rule,
                domain,
                site,
                area,
                category,
                subCategory,
                severity,
                AlertStatus.cleared,
                raisedAt,
                at,
                at,
                entity,
                position,
                title,
                description,
                clearEvidence,
                seq + 1);
    }

    public Alert updated(long at, Severity newSeverity, Map<String, Object> newEvidence) {
        return new Alert(
                alertId,
                rule,
                domain,
                site,
                area,
                category,
                subCategory,
                newSeverity,
                status,
                raisedAt,
                at,
                clearedAt,
                entity,
                position,
                title,
                description,
                newEvidence,
                seq + 1);
    }
}
