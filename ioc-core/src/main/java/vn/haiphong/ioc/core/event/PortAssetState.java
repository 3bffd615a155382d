package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/** A port sensor's (retained) status, also its last will, on {@code hp/v1/port/{port}/{type}/{id}/state}. */
public record PortAssetState(
        @JacksonInject(value = "port", useInput = OptBoolean.FALSE) @JsonIgnore
        String portId,

        @JacksonInject(value = "assetType", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetType,

        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetId,

        String id,
        @EventTime Long dateObserved,
        @JsonProperty(required = true) String status)
        implements PortEvent {

    @Override
    public String eventId() {
        return id != null ? id : portId + "/" + assetType + "/" + assetId + "/" + status + "/" + dateObserved;
    }

    @Override
    public long eventTime() {
        return dateObserved == null ? 0L : dateObserved;
    }

    @Override
    public String topic() {
        return Topics.port(portId, assetType, assetId, "state");
    }

    public PortAssetState observedAt(long receivedAt) {
        return dateObserved != null ? this : new PortAssetState(portId, assetType, assetId, id, receivedAt, status);
    }
}
