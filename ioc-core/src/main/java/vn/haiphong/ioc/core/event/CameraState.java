package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A camera's (retained) status on {@code hp/v1/cam/{id}/state}. It is also the camera's MQTT last will, which is fixed
 * at connect time, so {@code id} and {@code dateObserved} may be absent; the receive time stands in then.
 */
public record CameraState(
        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String cameraId,

        String id,
        @EventTime Long dateObserved,
        @JsonProperty(required = true) String status)
        implements CameraEvent {

    public static final java.util.Set<String> STATUSES = java.util.Set.of("online", "offline", "degraded");

    @Override
    public String eventId() {
        return id != null ? id : cameraId + "/" + status + "/" + dateObserved;
    }

    @Override
    public long eventTime() {
        return dateObserved == null ? 0L : dateObserved;
    }

    @Override
    public String topic() {
        return Topics.camera(cameraId, "state");
    }

    public CameraState observedAt(long receivedAt) {
        return dateObserved != null ? this : new CameraState(cameraId, id, receivedAt, status);
    }
}
