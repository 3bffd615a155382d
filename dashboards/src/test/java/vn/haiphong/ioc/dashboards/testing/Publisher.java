package vn.haiphong.ioc.dashboards.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.wire.OutboundCodec;

/** Publishes as the Flink job does (QoS 1; KPIs retained), off the event loop since Paho's client blocks. */
public final class Publisher implements AutoCloseable {
    private final Vertx vertx;
    private final MqttClient client;

    public Publisher(Vertx vertx, String serverUri) throws MqttException {
        this.vertx = vertx;
        this.client = new MqttClient(serverUri, "ioc-test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
    }

    public Future<Void> alert(Alert alert) {
        return raw(alert.topic(), OutboundCodec.encode(alert), false);
    }

    public Future<Void> kpi(Kpi kpi) {
        return raw(kpi.topic(), OutboundCodec.encode(kpi), true);
    }

    public Future<Void> raw(String topic, byte[] payload, boolean retained) {
        return vertx.executeBlocking(() -> {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(1);
            message.setRetained(retained);
            client.publish(topic, message);
            return null;
        });
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
