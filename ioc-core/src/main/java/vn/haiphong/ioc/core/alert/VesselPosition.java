package vn.haiphong.ioc.core.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A vessel inside a port's area, as published (retained) on {@code ioc/v1/vessel/{portId}/{mmsi}}. Fields that AIS
 * reported as "not available" are absent. {@code atBerth}: moored (navigation status 5) or an actual berth arrival
 * without a departure.
 */
public record VesselPosition(
        @JsonIgnore String portId,
        long mmsi,
        String name,
        double lat,
        double lon,
        Double speedOverGround,
        Double courseOverGround,
        Integer heading,
        Integer navigationStatus,
        boolean atBerth,
        @EventTime long updatedAt) {

    @JsonIgnore
    public String topic() {
        return Topics.vessel(portId, mmsi);
    }
}
