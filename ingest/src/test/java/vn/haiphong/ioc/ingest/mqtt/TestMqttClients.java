package vn.haiphong.ioc.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Plain Paho clients that tests use to publish to and read from the broker. */
public final class TestMqttClients {
    private TestMqttClients() {}

    /** Connects a clean-session client. */
    public static MqttAsyncClient connect(String uri, String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /**
     * Publishes UTF-8 payloads at QoS 1 and returns once the broker has acknowledged each, keeping at most {@code
     * window} publishes in flight (the broker's receive maximum bounds what Paho accepts).
     */
    public static void publishAll(MqttAsyncClient client, String topic, List<String> payloads, int window)
            throws Exception {
        Semaphore permits = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MqttActionListener listener = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                permits.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failure.compareAndSet(null, exception);
                permits.release();
            }
        };
        for (String payload : payloads) {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker stopped acknowledging publishes");
            }
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, null, listener);
        }
        if (!permits.tryAcquire(window, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker did not acknowledge every publish");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed", failure.get());
        }
    }

    public static void disconnect(MqttAsyncClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(10_000);
        }
        client.close(true);
    }

    /** A clean-session subscriber that collects what arrives. */
    public static final class Collector implements MqttCallback, AutoCloseable {
        public final BlockingQueue<MqttMessageWithTopic> received = new LinkedBlockingQueue<>();
        private final MqttAsyncClient client;

        public Collector(String uri, String clientId, String filter) throws MqttException {
            client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null, new MqttProperties())
                    .waitForCompletion(10_000);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new MqttMessageWithTopic(topic, message));
        }

        @Override
        public void close() throws MqttException {
            disconnect(client);
        }

        @Override
        public void disconnected(MqttDisconnectResponse disconnectResponse) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    /** A received message and its topic. */
    public static final class MqttMessageWithTopic {
        public final String topic;
        public final MqttMessage message;

        MqttMessageWithTopic(String topic, MqttMessage message) {
            this.topic = topic;
            this.message = message;
        }

        public String payload() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }
}
