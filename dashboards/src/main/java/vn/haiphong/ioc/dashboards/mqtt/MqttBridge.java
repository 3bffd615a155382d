package vn.haiphong.ioc.dashboards.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * Subscribes to the alerts, KPIs, dead letters, vessels and citizen reports that the Flink job publishes and hands them, decoded, to a
 * {@link BridgeListener} on one Vert.x context. Paho's own threads only decode; everything stateful happens on the
 * context, so the listener needs no locks.
 *
 * <p>The session is clean (a wall shows the present, and retained KPIs come back on every subscribe), so the
 * subscriptions are renewed on every (re)connect. Paho reconnects by itself once a first connection succeeded; until
 * then this class retries with a capped backoff, so the server starts and serves the wall while the broker is down.
 */
public final class MqttBridge {
    private static final Logger log = LoggerFactory.getLogger(MqttBridge.class);
    private static final String[] FILTERS = {
        Topics.ALERTS_ALL,
        Topics.KPIS_ALL,
        Topics.DEADLETTER_ALL,
        Topics.VESSELS_ALL,
        Topics.REPORTS_ALL,
        Topics.RULES,
        Topics.RULES_APPLIED
    };
    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 15_000;

    private final Vertx vertx;
    private final Context context;
    private final String serverUri;
    private final BridgeListener listener;
    private final MqttAsyncClient client;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private long retryDelayMs = FIRST_RETRY_MS;
    private long retryTimer = -1;

    /**
     * @param context the context every listener call runs on (the verticle's)
     * @throws IllegalArgumentException when the server URI is not one Paho accepts
     */
    public MqttBridge(Vertx vertx, Context context, String serverUri, BridgeListener listener) {
        this.vertx = Objects.requireNonNull(vertx);
        this.context = Objects.requireNonNull(context);
        this.serverUri = Objects.requireNonNull(serverUri);
        this.listener = Objects.requireNonNull(listener);
        String clientId = "ioc-dashboards-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use MQTT broker '" + serverUri + "': " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
    }

    public String serverUri() {
        return serverUri;
    }

    /** Starts connecting in the background; the outcome arrives as {@link BridgeListener#onConnectionChange}. */
    public void start() {
        context.runOnContext(v -> connect());
    }

    /** Disconnects and releases the client; blocking parts run on a worker thread. */
    public Future<Void> stop() {
        if (!stopped.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
        }
        return vertx.executeBlocking(() -> {
            try {
                if (client.isConnected()) {
                    client.disconnectForcibly(0, 2_000, true);
                }
            } catch (MqttException e) {
                log.debug("MQTT disconnect: {}", e.toString());
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                log.debug("MQTT close: {}", e.toString());
            }
            return null;
        });
    }

    /**
     * Publishes one message at QoS 1 (not retained); completes when the broker acknowledged it, fails at once when the
     * broker is not connected (a client asking then should hear so rather than wait).
     */
    public Future<Void> publish(String topic, byte[] payload) {
        return publish(topic, payload, false);
    }

    /** Publishes one message at QoS 1, retained or not; as {@link #publish(String, byte[])} otherwise. */
    public Future<Void> publish(String topic, byte[] payload, boolean retained) {
        if (stopped.get() || !client.isConnected()) {
            return Future.failedFuture(new IllegalStateException("the MQTT broker is not connected"));
        }
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    context.runOnContext(v -> done.tryComplete());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    context.runOnContext(v -> done.tryFail(failure));
                }
            });
        } catch (MqttException e) {
            return Future.failedFuture(e);
        }
        return done.future();
    }

    private void connect() {
        retryTimer = -1;
        if (stopped.get()) {
            return;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, (int) (MAX_RETRY_MS / 1000));
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete() subscribes and reports the state.
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    context.runOnContext(v -> retryLater(failure));
                }
            });
        } catch (MqttException e) {
            retryLater(e);
        }
    }

    private void retryLater(Throwable failure) {
        if (stopped.get()) {
            return;
        }
        log.warn("MQTT broker {} not reachable ({}); retrying in {} ms", serverUri, reason(failure), retryDelayMs);
        retryTimer = vertx.setTimer(retryDelayMs, id -> connect());
        retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_MS);
    }

    private void subscribe() {
        MqttSubscription[] subscriptions = new MqttSubscription[FILTERS.length];
        for (int i = 0; i < FILTERS.length; i++) {
            subscriptions[i] = new MqttSubscription(FILTERS[i], 1);
        }
        try {
            client.subscribe(
                    subscriptions,
                    null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            int[] codes = token.getReasonCodes();
                            for (int i = 0; codes != null && i < codes.length; i++) {
                                // MQTT 5 reason codes from 0x80 up are refusals (not authorised, bad filter, ...).
                                if (codes[i] >= 0x80) {
                                    resubscribeLater(new IllegalStateException("the broker refused "
                                            + FILTERS[Math.min(i, FILTERS.length - 1)] + " with reason code 0x"
                                            + Integer.toHexString(codes[i])));
                                    return;
                                }
                            }
                            log.info("MQTT subscribed to {} on {}", String.join(", ", FILTERS), serverUri);
                            context.runOnContext(v -> listener.onConnectionChange(true));
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable failure) {
                            resubscribeLater(failure);
                        }
                    },
                    new MqttProperties());
        } catch (MqttException e) {
            resubscribeLater(e);
        }
    }

    /** Without its subscriptions the wall would look connected and stay empty, so a failed subscribe is retried. */
    private void resubscribeLater(Throwable failure) {
        log.error("MQTT subscribe failed on {}: {}; retrying", serverUri, reason(failure));
        context.runOnContext(v -> vertx.setTimer(MAX_RETRY_MS / 5, id -> {
            if (!stopped.get() && client.isConnected()) {
                subscribe();
            }
        }));
    }

    private static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown reason";
        }
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return failure.getMessage() + (cause != failure ? " (" + cause + ")" : "");
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String uri) {
            log.info("MQTT {} to {}", reconnect ? "reconnected" : "connected", uri);
            context.runOnContext(v -> retryDelayMs = FIRST_RETRY_MS);
            subscribe();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("MQTT connection to {} lost: {}", serverUri, response);
            context.runOnContext(v -> listener.onConnectionChange(false));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // An exception thrown here makes Paho drop the connection: nothing may escape.
            try {
                OutboundMessage decoded = OutboundDecoder.decode(topic, message.getPayload());
                context.runOnContext(v -> listener.onMessage(decoded));
            } catch (IOException | RuntimeException e) {
                String reason = String.valueOf(e.getMessage());
                log.warn("dropped an undecodable message on {}: {}", topic, firstLine(reason));
                context.runOnContext(v -> listener.onUndecodable(topic, reason));
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("MQTT error on {}: {}", serverUri, reason(exception));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Publishes complete through their own action listeners.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication is configured.
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
