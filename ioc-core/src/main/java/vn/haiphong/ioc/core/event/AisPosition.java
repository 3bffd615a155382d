package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A vessel position from a port's AIS receiver on {@code hp/v1/port/{port}/ais/{id}/tlm}. AIS "not available"
 * sentinels (SOG 102.3, COG 360, heading 511, lat 91, lon 181) become null.
 */
public record AisPosition(
        @JacksonInject(value = "port", useInput = OptBoolean.FALSE) @JsonIgnore
        String portId,

        @JacksonInject(value = "assetType", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetType,

        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String assetId,

        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) @EventTime long dateObserved,
        @JsonProperty(required = true) long mmsi,
        Double latitude,
        Double longitude,
        Double speedOverGround,
        Double courseOverGround,
        Integer heading,
        Integer navigationStatus)
        implements PortEvent {

    public AisPosition {
        latitude = latitude != null && latitude >= 91 ? null : latitude;
        longitude = longitude != null && longitude >= 181 ? null : longitude;
        speedOverGround = speedOverGround != null && speedOverGround >= 102.3 ? null : speedOverGround;
        courseOverGround = courseOverGround != null && courseOverGround >= 360 ? null : courseOverGround;
        heading = heading != null && heading == 511 ? null : heading;
    }

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
