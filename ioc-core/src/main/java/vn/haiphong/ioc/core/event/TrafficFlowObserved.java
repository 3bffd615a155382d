package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/** A traffic camera's counts over one interval (FIWARE TrafficFlowObserved), on {@code hp/v1/cam/{id}/tlm}. */
public record TrafficFlowObserved(
        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String cameraId,

        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) @EventTime long dateObservedFrom,
        @JsonProperty(required = true) @EventTime long dateObservedTo,
        @JsonProperty(required = true) Map<String, Integer> intensity,
        Double averageVehicleSpeed,
        Double occupancy,
        Boolean congested)
        implements CameraEvent {

    public static final java.util.Set<String> VEHICLE_TYPES =
            java.util.Set.of("motorcycle", "car", "bus", "lorry", "van", "bicycle");

    @Override
    public String eventId() {
        return id;
    }

    @Override
    public long eventTime() {
        return dateObservedTo;
    }

    @Override
    public String topic() {
        return Topics.camera(cameraId, "tlm");
    }

    @JsonIgnore
    public int totalVehicles() {
        int total = 0;
        for (Integer n : intensity.values()) {
            total += n == null ? 0 : n;
        }
        return total;
    }
}
