package vn.haiphong.ioc.dashboards.admin;

import io.vertx.core.Future;

/** The server's one MQTT connection, as the operator endpoints publish through it (the bridge in production). */
@FunctionalInterface
public interface MqttPublisher {
    /** QoS 1; completes when the broker acknowledged, fails at once when it is not connected. */
    Future<Void> publish(String topic, byte[] payload, boolean retained);
}
