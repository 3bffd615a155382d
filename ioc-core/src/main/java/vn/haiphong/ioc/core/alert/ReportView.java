package vn.haiphong.ioc.core.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A citizen report as the wall sees it, published (retained) on {@code ioc/v1/report/{serviceRequestId}} by the job
 * each time its state changes; an empty retained payload removes it (a report closed long enough ago). It carries no
 * personal data: no name, phone, e-mail, account or device id. {@code description} is the citizen's own text, to be
 * shown as text and never as markup.
 *
 * <p>{@code late} is null while on time, {@code "acknowledge"} when the acknowledgement deadline passed without one,
 * {@code "resolve"} when the resolution deadline passed; {@code escalated} once it is late by twice the deadline.
 * {@code duplicateOf} names an earlier report this one likely repeats; {@code hotspotAlertId} and {@code
 * incidentAlertId} the hotspot and the fused incident alerts it belongs to.
 */
public record ReportView(
        @JsonProperty(required = true) String serviceRequestId,
        @JsonProperty(required = true) String serviceCode,
        LocalizedText serviceName,
        String area,
        @JsonProperty(required = true) double lat,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) String status,
        String description,
        String mediaUrl,
        @JsonProperty(required = true) @EventTime long requestedAt,
        @JsonProperty(required = true) @EventTime long updatedAt,
        @EventTime Long acknowledgedAt,
        @EventTime Long resolvedAt,
        @EventTime Long acknowledgeBy,
        @EventTime Long resolveBy,
        String late,
        boolean escalated,
        String duplicateOf,
        String hotspotAlertId,
        String incidentAlertId,
        long seq) {
    public static final String LATE_ACKNOWLEDGE = "acknowledge";
    public static final String LATE_RESOLVE = "resolve";

    @JsonIgnore
    public String topic() {
        return Topics.report(serviceRequestId);
    }
}
