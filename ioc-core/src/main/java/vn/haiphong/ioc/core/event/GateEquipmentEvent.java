package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A DCSA equipment event at a gate (gate in GTIN, gate out GTOT) on {@code hp/v1/port/{port}/gate/{id}/evt}. A
 * container number failing its ISO 6346 check digit is still a valid message: it raises an alert, it is not rejected.
 */
public record GateEquipmentEvent(
        @JacksonInject(value = "port", useInput = OptBoolean.FALSE) @JsonIgnore
        String portId,

        @JacksonInject(value = "assetType", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetType,

        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetId,

        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) @EventTime long eventDateTime,
        @JsonProperty(required = true) String equipmentEventTypeCode,
        @JsonProperty(required = true) String equipmentReference,
        String truckPlate,
        String lane)
        implements PortEvent {

    @Override
    public String eventId() {
        return id;
    }

    @Override
    public long eventTime() {
        return eventDateTime;
    }

    @Override
    public String topic() {
        return Topics.port(portId, assetType, assetId, "evt");
    }
}
