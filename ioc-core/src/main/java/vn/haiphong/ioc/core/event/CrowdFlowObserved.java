package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/** A one-stop desk camera's queue over one interval (FIWARE CrowdFlowObserved), on {@code hp/v1/cam/{id}/tlm}. */
public record CrowdFlowObserved(
        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String cameraId,

        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) @EventTime long dateObservedFrom,
        @JsonProperty(required = true) @EventTime long dateObservedTo,
        @JsonProperty(required = true) int peopleCount,
        @JsonProperty(required = true) int queueLength,
        @JsonProperty(required = true) double averageWaitMinutes,
        Integer countersOpen)
        implements CameraEvent {

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
}
