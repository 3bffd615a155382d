package vn.haiphong.ioc.simulators;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes at QoS 1 over one or more Paho MQTT 5 connections, with a bounded number of messages awaiting their
 * PUBACK: when the window is full, {@link #publish} waits, so a slow broker slows the simulator instead of filling
 * memory.
 */
final class Publisher implements AutoCloseable {
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final Semaphore window;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private int next;

    private final MqttActionListener done = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            window.release();
            published.incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            window.release();
            failed.incrementAndGet();
        }
    };

    Publisher(String serverUri, String clientId, int connections, int maxInFlight, String username, String password)
            throws MqttException {
        this.window = new Semaphore(maxInFlight);
        for (int i = 0; i < connections; i++) {
            MqttAsyncClient client = new MqttAsyncClient(serverUri, clientId + "-" + i, new MemoryPersistence());
            DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
            buffer.setBufferEnabled(true);
            buffer.setBufferSize(maxInFlight);
            client.setBufferOpts(buffer);
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 10);
            options.setKeepAliveInterval(30);
            if (username != null) {
                options.setUserName(username);
                options.setPassword(
                        password == null ? null : password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            client.connect(options).waitForCompletion(15_000);
            clients.add(client);
        }
    }

    void publish(String topic, byte[] payload, boolean retained) throws InterruptedException {
        window.acquire();
        MqttAsyncClient client = clients.get(next++ % clients.size());
        try {
            client.publish(topic, payload, 1, retained, null, done);
        } catch (MqttException e) {
            window.release();
            failed.incrementAndGet();
        }
    }

    long published() {
        return published.get();
    }

    long failed() {
        return failed.get();
    }

    /** Waits until every message sent has been acknowledged (or the timeout passes). */
    boolean drain(long timeoutMillis, int maxInFlight) throws InterruptedException {
        if (window.tryAcquire(maxInFlight, timeoutMillis, TimeUnit.MILLISECONDS)) {
            window.release(maxInFlight);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        for (MqttAsyncClient client : clients) {
            try {
                if (client.isConnected()) {
                    client.disconnect(5_000).waitForCompletion(6_000);
                }
                client.close();
            } catch (MqttException e) {
                // closing anyway; nothing more to save
            }
        }
    }
}
