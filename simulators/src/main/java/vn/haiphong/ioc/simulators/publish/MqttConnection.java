package vn.haiphong.ioc.simulators.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.simulators.gen.SimMessage;

/**
 * One MQTT 5 connection publishing at QoS 1 through a bounded window: a permit per unacknowledged message, released by
 * the acknowledgement. The window is the smaller of what we ask for and the broker's Receive Maximum (Mosquitto's
 * default is 20, so raise {@code max_inflight_messages} for high rates); Paho refuses to exceed the latter anyway.
 */
final class MqttConnection implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    private static final int QOS = 1;
    private static final int NO_RECEIVE_MAXIMUM = 65_535;
    private static final long POLL_MS = 200;

    private final String uri;
    private final String clientId;
    private final String username;
    private final String password;
    private final int maxInflight;
    private final PublishStats stats;
    private final MqttAsyncClient client;
    private final MqttActionListener acknowledged = new Acknowledged();
    private volatile Semaphore window;
    private volatile int windowSize;
    private volatile boolean aborted;

    MqttConnection(String uri, String clientId, String username, String password, int maxInflight, PublishStats stats)
            throws MqttException {
        this.uri = uri;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.maxInflight = maxInflight;
        this.stats = stats;
        // In memory: a simulator has nothing worth keeping across restarts, and files would litter the working dir.
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(this);
    }

    /**
     * Connects, retrying until the broker answers (true) or {@link #abort()} (false); automatic reconnection takes
     * over after.
     */
    boolean connect(Duration attemptTimeout) throws InterruptedException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout((int) attemptTimeout.toSeconds());
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        long backoff = 1000;
        while (!aborted) {
            try {
                IMqttToken token = client.connect(options);
                token.waitForCompletion(attemptTimeout.toMillis());
                MqttProperties props = token.getResponseProperties();
                Integer receiveMaximum = props == null ? null : props.getReceiveMaximum();
                int brokerLimit = receiveMaximum == null ? NO_RECEIVE_MAXIMUM : receiveMaximum;
                windowSize = Math.min(maxInflight, brokerLimit);
                window = new Semaphore(windowSize);
                LOG.info(
                        "{} connected to {}: up to {} messages in flight (asked for {}, the broker allows {})",
                        clientId,
                        uri,
                        windowSize,
                        maxInflight,
                        brokerLimit);
                return true;
            } catch (MqttException e) {
                LOG.warn(
                        "{} cannot connect to {} ({}); retrying in {} s",
                        clientId,
                        uri,
                        e.getMessage(),
                        backoff / 1000);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
        return false;
    }

    /** Publishes at QoS 1, waiting for a window permit and, while disconnected, for the reconnection. */
    boolean publish(SimMessage m) throws InterruptedException {
        if (window == null || aborted) {
            return false;
        }
        while (!window.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
            if (aborted) {
                return false;
            }
        }
        while (true) {
            try {
                client.publish(m.topic(), m.payload(), QOS, m.retained(), m, acknowledged);
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    // Our permit came back a moment before Paho counted the acknowledgement.
                    LockSupport.parkNanos(100_000);
                } else if (!client.isConnected() && !aborted) {
                    Thread.sleep(POLL_MS);
                } else {
                    window.release();
                    stats.recordFailure();
                    if (!aborted) {
                        LOG.warn("{} could not publish to {}: {}", clientId, m.topic(), e.getMessage());
                    }
                    return !aborted;
                }
            }
        }
    }

    /** The in-flight window agreed with the broker (0 before connecting). */
    int window() {
        return windowSize;
    }

    int inFlight() {
        return window == null ? 0 : windowSize - window.availablePermits();
    }

    void abort() {
        aborted = true;
    }

    void disconnect(Duration timeout) {
        try {
            if (client.isConnected()) {
                client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException e) {
            LOG.warn("{} did not disconnect cleanly: {}", clientId, e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("{} close: {}", clientId, e.getMessage());
        }
    }

    private final class Acknowledged implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            window.release();
            stats.recordPublished(((SimMessage) token.getUserContext()).feed());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            window.release();
            stats.recordFailure();
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (!aborted) {
            String why = response.getReasonString() != null
                    ? response.getReasonString()
                    : response.getException() != null ? response.getException().getMessage() : "no reason given";
            LOG.warn("{} lost its connection to {} ({}); reconnecting", clientId, uri, why);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("{}: {}", clientId, exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // This client subscribes to nothing.
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // Counted by the per-message listener.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        if (reconnect) {
            LOG.info("{} reconnected to {}", clientId, serverURI);
        }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }
}
