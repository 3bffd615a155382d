package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A message of the port IoT feed. */
public interface PortEvent extends InboundEvent {
    @JsonIgnore
    String portId();

    @JsonIgnore
    String assetType();

    @JsonIgnore
    String assetId();
}
