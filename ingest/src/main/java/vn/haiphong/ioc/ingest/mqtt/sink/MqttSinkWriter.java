package vn.haiphong.ioc.ingest.mqtt.sink;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;

/**
 * One parallel writer of {@link MqttSink}: publishes asynchronously, blocks when {@code maxInFlight} publishes
 * await acknowledgement, and in {@link #flush} waits for all of them. Any failure is kept and thrown by the next
 * {@code write} or {@code flush}, so none is dropped silently.
 */
@Internal
final class MqttSinkWriter implements SinkWriter<OutboundMessage>, MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSinkWriter.class);

    private static final long DISCONNECT_QUIESCE_MS = 1_000;
    private static final long DISCONNECT_WAIT_MS = 5_000;

    private final String clientId;
    private final MqttAsyncClient client;
    private final int maxInFlight;
    private final long publishTimeoutNanos;
    private final Counter recordsSent;
    private final Counter bytesSent;
    private final Counter sendErrors;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int inFlight; // guarded by lock
    private Throwable failure; // guarded by lock
    private volatile boolean closing;

    private final MqttActionListener publishListener = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            int code = codes != null && codes.length > 0 ? codes[0] : 0;
            if (code >= 0x80) {
                // PUBACK with a failure reason (e.g. 0x87 not authorized, 0x97 quota exceeded): Paho reports
                // it as success, but the broker did not take the message.
                completed(new IOException("MQTT broker refused the publish to '" + token.getUserContext()
                        + "' with reason code 0x" + Integer.toHexString(code)));
            } else {
                completed(null);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            completed(new IOException("MQTT publish to '" + token.getUserContext() + "' failed", exception));
        }
    };

    MqttSinkWriter(MqttSinkOptions options, String clientId, SinkWriterMetricGroup metrics) throws IOException {
        this.clientId = clientId;
        this.publishTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.publishTimeoutMillis());
        this.recordsSent = metrics.getNumRecordsSendCounter();
        this.bytesSent = metrics.getNumBytesSendCounter();
        this.sendErrors = metrics.getNumRecordsSendErrorsCounter();
        metrics.gauge("mqttInFlight", this::inFlight);
        String serverUri = options.connection().serverUri();
        try {
            client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
            client.setCallback(this);
            IMqttToken token = client.connect(options.toPahoOptions());
            token.waitForCompletion(
                    TimeUnit.SECONDS.toMillis(options.connection().connectTimeoutSeconds() + 5L));
            // Paho throws "too many publishes in progress" past the broker's receive maximum; stay below it.
            MqttProperties connack = token.getResponseProperties();
            Integer serverReceiveMaximum = connack == null ? null : connack.getReceiveMaximum();
            this.maxInFlight = serverReceiveMaximum == null
                    ? options.maxInFlight()
                    : Math.min(options.maxInFlight(), serverReceiveMaximum);
        } catch (MqttException e) {
            throw new IOException("MQTT sink writer " + clientId + " could not connect to " + serverUri, e);
        }
        LOG.info(
                "MQTT sink writer {} connected to {} (at most {} publishes in flight)",
                clientId,
                serverUri,
                maxInFlight);
    }

    @Override
    public void write(OutboundMessage message, Context context) throws IOException, InterruptedException {
        if (message.topic == null || message.payload == null) {
            throw new IllegalArgumentException("OutboundMessage needs a topic and a payload: " + message);
        }
        if (message.qos < 0 || message.qos > 2) {
            throw new IllegalArgumentException("OutboundMessage QoS must be 0, 1 or 2: " + message);
        }
        lock.lock();
        try {
            long deadline = System.nanoTime() + publishTimeoutNanos;
            while (inFlight >= maxInFlight && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("MQTT sink writer " + clientId + ": " + inFlight
                            + " publishes unacknowledged for longer than the publish timeout");
                }
                changed.awaitNanos(left);
            }
            throwIfFailed();
            inFlight++;
        } finally {
            lock.unlock();
        }
        try {
            client.publish(
                    message.topic, message.payload, message.qos, message.retained, message.topic, publishListener);
        } catch (MqttException | RuntimeException e) {
            completed(e);
            throw new IOException("MQTT sink writer " + clientId + " could not publish to '" + message.topic + "'", e);
        }
        recordsSent.inc();
        bytesSent.inc(message.payload.length);
    }

    /** Waits until the broker has acknowledged every publish so far: called before each checkpoint. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + publishTimeoutNanos;
            while (inFlight > 0 && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("MQTT sink writer " + clientId + ": " + inFlight
                            + " publishes still unacknowledged after the publish timeout");
                }
                changed.awaitNanos(left);
            }
            throwIfFailed();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws Exception {
        closing = true;
        try {
            if (client.isConnected()) {
                client.disconnect(DISCONNECT_QUIESCE_MS).waitForCompletion(DISCONNECT_WAIT_MS);
            }
        } catch (MqttException e) {
            LOG.warn("MQTT sink writer {} did not disconnect cleanly: {}", clientId, e.toString());
        } finally {
            client.close(true);
        }
    }

    private int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    private void completed(Throwable error) {
        lock.lock();
        try {
            inFlight--;
            if (error != null) {
                sendErrors.inc();
                if (failure == null) {
                    failure = error;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void throwIfFailed() throws IOException {
        if (failure != null) {
            throw new IOException("MQTT sink writer " + clientId + " failed", failure);
        }
    }

    // ---- MqttCallback ----

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (closing) {
            return;
        }
        lock.lock();
        try {
            if (failure == null) {
                failure = new IOException("MQTT sink writer " + clientId + " lost its connection: " + response);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT sink writer {}: {}", clientId, exception.toString());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
