package vn.haiphong.ioc.core.wire;

/**
 * An inbound topic taken apart. For cameras {@code device} is the camera id; for ports {@code portId}, {@code
 * assetType} and {@code device} (the asset id); for report updates {@code device} is the service request id.
 * {@code kind} is tlm, evt, state, new or update.
 */
public record InboundTopic(Feed feed, String kind, String device, String portId, String assetType) {}
