package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/** A yard block's occupancy on {@code hp/v1/port/{port}/yard/{id}/tlm}. */
public record YardTelemetry(
        @JacksonInject(value = "port", useInput = OptBoolean.FALSE) @JsonIgnore
        String portId,

        @JacksonInject(value = "assetType", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetType,

        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetId,

        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) @EventTime long dateObserved,
        String block,
        @JsonProperty(required = true) int occupiedTeu,
        @JsonProperty(required = true) int capacityTeu)
        implements PortEvent {

    @Override
    public String eventId() {
        return id;
    }

    @Override
    public long eventTime() {
        return dateObserved;
    }

    @Override
    public String topic() {
        return Topics.port(portId, assetType, assetId, "tlm");
    }
}
