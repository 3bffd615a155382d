package vn.haiphong.ioc.deploy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 client for tests that records what arrives, in order. */
final class MqttTestClient implements AutoCloseable {
    /** A message as it arrived. */
    record Received(String topic, String payload, int qos, boolean retained, int messageId) {}

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();

    private MqttTestClient(MqttClient client) {
        this.client = client;
    }

    /** A clean session that ends with the connection. */
    static MqttTestClient connect(String uri, String clientId) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        return connect(uri, clientId, options, false);
    }

    static MqttTestClient connect(String uri, String clientId, MqttConnectionOptions options, boolean manualAcks)
            throws MqttException {
        MqttClient paho = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttTestClient test = new MqttTestClient(paho);
        paho.setManualAcks(manualAcks);
        paho.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Received r = new Received(
                        topic,
                        new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.getQos(),
                        message.isRetained(),
                        message.getId());
                test.all.add(r);
                test.received.add(r);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        paho.connect(options);
        return test;
    }

    void subscribe(String filter, int qos) throws MqttException {
        // The array form: Paho 1.2.5's subscribe(String, int) goes through a path without message listeners.
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, qos)})
                .waitForCompletion(5000);
    }

    void publish(String topic, String payload, int qos, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        message.setRetained(retained);
        client.publish(topic, message);
    }

    /** The next message, or null after {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Received> all() {
        return List.copyOf(all);
    }

    void ack(Received message) throws MqttException {
        client.messageArrivedComplete(message.messageId(), message.qos());
    }

    void disconnect() throws MqttException {
        client.disconnect();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
