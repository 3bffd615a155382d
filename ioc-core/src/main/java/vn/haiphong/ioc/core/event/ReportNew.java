package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A citizen's field report from HP Smart (Open311 GeoReport v2 field names) on {@code hp/v1/report/new}. Only
 * pseudonymous account and device ids are kept: names, phones and e-mails in a payload are not read at all.
 */
public record ReportNew(
        @JsonProperty(value = "service_request_id", required = true)
        String serviceRequestId,

        @JsonProperty(value = "service_code", required = true)
        String serviceCode,

        @JsonProperty("description") String description,
        @JsonProperty("lat") Double lat,
        @JsonProperty("long") Double lon,
        @JsonProperty("location") GeoJsonPoint location,
        @JsonProperty("address_string") String addressString,
        @JsonProperty("media_url") String mediaUrl,

        @JsonProperty(value = "requested_datetime", required = true) @EventTime
        long requestedDatetime,

        @JsonProperty("account_id") String accountId,
        @JsonProperty("device_id") String deviceId)
        implements InboundEvent {

    public static final int MAX_DESCRIPTION = 4000;

    @Override
    public String eventId() {
        return serviceRequestId;
    }

    @Override
    public long eventTime() {
        return requestedDatetime;
    }

    @Override
    public String topic() {
        return Topics.reportNew();
    }

    /** The same report without the citizen's pseudonymous account and device ids, for storage and display. */
    public ReportNew withoutPersonalIds() {
        return accountId == null && deviceId == null
                ? this
                : new ReportNew(
                        serviceRequestId,
                        serviceCode,
                        description,
                        lat,
                        lon,
                        location,
                        addressString,
                        mediaUrl,
                        requestedDatetime,
                        null,
                        null);
    }

    /** Latitude from {@code lat} or from the GeoJSON {@code location}. */
    @JsonIgnore
    public Double latitude() {
        return lat != null ? lat : location == null ? null : location.lat();
    }

    @JsonIgnore
    public Double longitude() {
        return lon != null ? lon : location == null ? null : location.lon();
    }
}
