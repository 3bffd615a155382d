package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Set;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A change to a field report (FixMyStreet's Open311 update extension) on {@code
 * hp/v1/report/{service_request_id}/update}.
 */
public record ReportUpdate(
        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String serviceRequestId,

        @JsonProperty(value = "update_id", required = true) String updateId,
        @JsonProperty(value = "status", required = true) String status,
        @JsonProperty("agency_responsible") String agencyResponsible,
        @JsonProperty("description") String description,

        @JsonProperty(value = "updated_datetime", required = true) @EventTime
        long updatedDatetime)
        implements InboundEvent {

    public static final Set<String> STATUSES = Set.of(
            "OPEN",
            "INVESTIGATING",
            "IN_PROGRESS",
            "ACTION_SCHEDULED",
            "FIXED",
            "CLOSED",
            "DUPLICATE",
            "NOT_COUNCILS_RESPONSIBILITY",
            "NO_FURTHER_ACTION",
            "INTERNAL_REFERRAL");

    /** Statuses after which a report no longer counts as open. */
    public static final Set<String> CLOSING_STATUSES = Set.of(
            "FIXED", "CLOSED", "DUPLICATE", "NOT_COUNCILS_RESPONSIBILITY", "NO_FURTHER_ACTION", "INTERNAL_REFERRAL");

    @Override
    public String eventId() {
        return updateId;
    }

    @Override
    public long eventTime() {
        return updatedDatetime;
    }

    @Override
    public String topic() {
        return Topics.reportUpdate(serviceRequestId);
    }

    /** Any status other than OPEN means somebody has taken the report up. */
    @JsonIgnore
    public boolean acknowledges() {
        return !"OPEN".equals(status);
    }

    @JsonIgnore
    public boolean closes() {
        return CLOSING_STATUSES.contains(status);
    }
}
