package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/** A ship-to-shore (sts) or rubber-tyred gantry (rtg) crane's telemetry on {@code hp/v1/port/{port}/sts/{id}/tlm}. */
public record CraneTelemetry(
        @JacksonInject(value = "port", useInput = OptBoolean.FALSE) @JsonIgnore
        String portId,

        @JacksonInject(value = "assetType", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetType,

        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetId,

        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) @EventTime long dateObserved,
        @JsonProperty(required = true) String state,
        Integer moves,
        Double gustSpeed,
        Double loadTonnes)
        implements PortEvent {

    public static final java.util.Set<String> STATES = java.util.Set.of("working", "idle", "stopped", "fault");

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
