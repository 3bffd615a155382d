package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/** A DCSA just-in-time port call event (arrival, departure; estimated or actual) on {@code .../berth/{id}/evt}. */
public record BerthEvent(
        @JacksonInject(value = "port", useInput = OptBoolean.FALSE) @JsonIgnore
        String portId,

        @JacksonInject(value = "assetType", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetType,

        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetId,

        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) @EventTime long dateTime,
        Long mmsi,
        Long imo,
        String vesselName,
        @JsonProperty(required = true) String portCallServiceEventTypeCode,
        @JsonProperty(required = true) String classifierCode)
        implements PortEvent {

    @Override
    public String eventId() {
        return id;
    }

    @Override
    public long eventTime() {
        return dateTime;
    }

    @Override
    public String topic() {
        return Topics.port(portId, assetType, assetId, "evt");
    }
}
