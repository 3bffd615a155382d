package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A message of the camera feed. */
public interface CameraEvent extends InboundEvent {
    @JsonIgnore
    String cameraId();
}
