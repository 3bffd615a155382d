package vn.haiphong.ioc.dashboards.mqtt;

/** What the bridge hands over, always on the Vert.x context the bridge was started on. */
public interface BridgeListener {
    void onMessage(OutboundMessage message);

    void onConnectionChange(boolean connected);

    /** A message on a subscribed topic that could not be decoded; it has been dropped. */
    void onUndecodable(String topic, String reason);
}
