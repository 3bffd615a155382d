package vn.haiphong.ioc.core.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A vessel inside a port's area, as published (retained) on {@code ioc/v1/vessel/{portId}/{mmsi}}; an empty retained
 * payload on that topic means it has left. Speeds in knots, course and heading in degrees; null where the AIS
 * receiver had no value.
 */
public record Vessel(
        @JsonProperty(required = true) long mmsi,
        String name,
        @JsonProperty(required = true) double lat,
        @JsonProperty(required = true) double lon,
        Double speedOverGround,
        Double courseOverGround,
        Integer heading,
        Integer navigationStatus,
        @JsonProperty(required = true) boolean atBerth,
        @JsonProperty(required = true) @EventTime long updatedAt) {

    @JsonIgnore
    public String topic(String portId) {
        return Topics.vessel(portId, mmsi);
    }
}
