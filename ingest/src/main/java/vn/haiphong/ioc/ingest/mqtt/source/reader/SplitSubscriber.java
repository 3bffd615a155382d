package vn.haiphong.ioc.ingest.mqtt.source.reader;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

/**
 * One split's MQTT session: a Paho v5 client with manual acknowledgements, its {@link AckTracker}, and the rules
 * that keep acknowledgements right across reconnects.
 *
 * <p>Packet ids are only meaningful within a broker session. While the session survives a reconnect (CONNACK's
 * session-present flag), the broker resends every unacknowledged message with its original id: a copy of an id
 * this subscriber still holds is dropped, and acknowledging the held one acknowledges the copy. When the broker
 * has lost the session, every held id is forgotten and the epoch moves on, so that buffered records from the old
 * session are emitted but never acknowledged with an id the new session may reuse. Paho's automatic reconnect does
 * not expose session-present, hence the reconnect loop here.
 *
 * <p>Threads: Paho's callback thread calls {@link #messageArrived}; the task thread calls {@link #emitted},
 * {@link #snapshot} and {@link #checkpointComplete}; the reader's reconnect thread reconnects. State shared between
 * them is guarded by {@code this}; the blocking hand-off to the reader's queue happens outside the lock.
 */
final class SplitSubscriber implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(SplitSubscriber.class);

    /** MQTT 5 DISCONNECT reason "Session taken over": another client connected with this client id. */
    private static final int SESSION_TAKEN_OVER = 0x8E;

    private static final long FIRST_RECONNECT_DELAY_MS = 100;
    private static final long MAX_RECONNECT_DELAY_MS = 30_000;
    private static final long DISCONNECT_QUIESCE_MS = 1_000;
    private static final long DISCONNECT_WAIT_MS = 5_000;
    private static final long OVER_WINDOW_WAIT_MS = 100;

    /** How the subscriber hands messages and fatal errors to its reader. */
    interface Handoff {
        /** Queues the message, blocking while the queue is full; false when the reader is closing. */
        boolean offer(ReceivedMessage message) throws InterruptedException;

        /** The reader must fail: the job restarts from its last checkpoint. */
        void fail(Throwable cause);
    }

    private final MqttSplit split;
    private final MqttConnectionOptions connectOptions;
    private final Handoff handoff;
    private final ScheduledExecutorService reconnector;
    private final MqttAsyncClient client;

    // Guarded by this.
    private final AckTracker tracker = new AckTracker();
    private final BitSet held = new BitSet(65_536);
    /** For each held id, the connection it arrived on: a copy on a later connection is a resend. */
    private final int[] heldSince = new int[65_536];

    private int heldCount;
    /** Counts successful connects, so that a resend after a reconnect can be told from a reused id. */
    private int connection;

    private int[] deferredAcks = new int[0];
    private boolean connected;
    private boolean subscribed;
    private boolean closed;
    private boolean reconnectPending;
    private int epoch;
    private long reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
    private long acksSent;
    private long duplicatesDropped;
    private long idsReused;
    private long reconnects;
    private final int receiveMaximum;

    SplitSubscriber(
            MqttSplit split,
            String serverUri,
            MqttConnectionOptions connectOptions,
            Handoff handoff,
            ScheduledExecutorService reconnector)
            throws MqttException {
        this.split = split;
        this.connectOptions = connectOptions;
        this.handoff = handoff;
        this.reconnector = reconnector;
        Integer asked = connectOptions.getReceiveMaximum();
        this.receiveMaximum = asked == null || asked <= 0 ? 65_535 : asked;
        // Memory persistence: QoS 1 inbound state lives in the broker; the default file persistence would write
        // into the task manager's working directory.
        this.client = new MqttAsyncClient(serverUri, split.clientId(), new MemoryPersistence());
        client.setCallback(this);
        client.setManualAcks(true);
    }

    MqttSplit split() {
        return split;
    }

    /** Connects asynchronously; a failure of this first connect fails the reader. */
    void start() throws MqttException {
        LOG.info(
                "Connecting MQTT split {} as client {} to {}",
                split.splitId(),
                split.clientId(),
                connectOptions.getServerURIs()[0]);
        client.connect(connectOptions, null, new ConnectListener(true));
    }

    // ---- task thread ----

    /** The record of {@code message} was emitted downstream. */
    void emitted(ReceivedMessage message) {
        if (message.qos == 0) {
            return;
        }
        synchronized (this) {
            if (message.epoch == epoch) {
                tracker.emitted(message.packetId);
            }
        }
    }

    synchronized void snapshot(long checkpointId) {
        tracker.snapshot(checkpointId);
    }

    /** Acknowledges, in emission order, what checkpoints up to {@code checkpointId} cover. */
    synchronized void checkpointComplete(long checkpointId) {
        int[] ids = tracker.checkpointComplete(checkpointId);
        if (ids.length == 0 && deferredAcks.length == 0) {
            return;
        }
        int[] due = ids;
        if (deferredAcks.length > 0) {
            due = Arrays.copyOf(deferredAcks, deferredAcks.length + ids.length);
            System.arraycopy(ids, 0, due, deferredAcks.length, ids.length);
            deferredAcks = new int[0];
        }
        sendAcks(due);
    }

    synchronized int pendingAcks() {
        return tracker.pending() + deferredAcks.length;
    }

    synchronized boolean isSubscribed() {
        return subscribed;
    }

    synchronized long acksSent() {
        return acksSent;
    }

    synchronized long duplicatesDropped() {
        return duplicatesDropped;
    }

    synchronized long idsReused() {
        return idsReused;
    }

    synchronized long reconnects() {
        return reconnects;
    }

    /**
     * Disconnects normally (reason 0), which keeps the broker session: its unacknowledged messages are sent again
     * to the next client with this id. Nothing more is acknowledged.
     */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            connected = false;
            subscribed = false;
            tracker.close();
            held.clear();
            heldCount = 0;
            notifyAll();
            deferredAcks = new int[0];
        }
        try {
            if (client.isConnected()) {
                client.disconnect(DISCONNECT_QUIESCE_MS).waitForCompletion(DISCONNECT_WAIT_MS);
            }
        } catch (MqttException e) {
            LOG.warn("MQTT split {} did not disconnect cleanly: {}", split.splitId(), e.toString());
            try {
                client.disconnectForcibly(0, DISCONNECT_QUIESCE_MS, false);
            } catch (MqttException ignored) {
                // The connection is gone either way; closing the client below releases its threads.
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("MQTT client of split {} did not close: {}", split.splitId(), e.toString());
        }
    }

    // Holds the lock. Acks while disconnected would be dropped by Paho (it discards queued flows on reconnect),
    // so they wait for the reconnect; if the session survives, they acknowledge the broker's resent copies.
    private void sendAcks(int[] ids) {
        if (!connected) {
            int[] merged = Arrays.copyOf(deferredAcks, deferredAcks.length + ids.length);
            System.arraycopy(ids, 0, merged, deferredAcks.length, ids.length);
            deferredAcks = merged;
            return;
        }
        for (int i = 0; i < ids.length; i++) {
            try {
                client.messageArrivedComplete(ids[i], 1);
            } catch (MqttException e) {
                // The connection broke: the broker will resend what is left; keep it for after the reconnect.
                LOG.warn("MQTT split {} could not acknowledge: {}", split.splitId(), e.toString());
                deferredAcks = Arrays.copyOfRange(ids, i, ids.length);
                return;
            }
            if (held.get(ids[i])) {
                held.clear(ids[i]);
                heldCount--;
            }
            acksSent++;
        }
        notifyAll(); // a Paho thread may wait for room in the window
    }

    // ---- Paho threads ----

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        long now = System.currentTimeMillis();
        int qos = message.getQos();
        int packetId = message.getId();
        int arrivalEpoch;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (qos > 0) {
                if (held.get(packetId)) {
                    if (heldSince[packetId] != connection) {
                        // The broker resent, on a new connection to the same session, a message this subscriber
                        // still holds (MQTT 5 allows resending only after a reconnect).
                        duplicatesDropped++;
                        return;
                    }
                    // Same connection, so not a resend: the broker reused the id of a message still unacknowledged,
                    // which it may only do past our receive maximum (Mosquitto 2.0.11 does, eclipse/mosquitto#2301).
                    // Both are kept and emitted; the acknowledgement of the id covers whichever the broker has.
                    if (idsReused++ == 0) {
                        LOG.warn(
                                "MQTT broker sent split {} a new message with packet id {} while the previous one is"
                                        + " unacknowledged: it ignores the receive maximum of {}",
                                split.splitId(),
                                packetId,
                                receiveMaximum);
                    }
                } else {
                    held.set(packetId);
                    heldSince[packetId] = connection;
                    heldCount++;
                }
                // A broker that sends past the receive maximum would flood the reader: stop reading (Paho's receiver
                // then stops reading the socket) until checkpoints acknowledge room. A compliant broker never gets
                // here, since it cannot send more than receiveMaximum unacknowledged messages.
                while (heldCount > receiveMaximum && !closed && connected) {
                    wait(OVER_WINDOW_WAIT_MS);
                }
            }
            arrivalEpoch = epoch;
        }
        handoff.offer(new ReceivedMessage(this, arrivalEpoch, topic, message.getPayload(), packetId, qos, now));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        synchronized (this) {
            connected = false;
            subscribed = false;
            connection++; // whatever arrives from now on comes over a later connection
            notifyAll(); // a Paho thread waiting for room gives up; the broker resends after the reconnect
            if (closed) {
                return;
            }
        }
        if (response != null && response.getReturnCode() == SESSION_TAKEN_OVER) {
            handoff.fail(new IOException("MQTT session " + split.clientId() + " was taken over by another client "
                    + "with the same client id (a second job or reader with the same clientIdPrefix?)"));
            return;
        }
        LOG.warn("MQTT split {} lost its connection: {}; reconnecting", split.splitId(), response);
        scheduleReconnect();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT split {}: {}", split.splitId(), exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}

    private void onConnected(boolean sessionPresent) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!sessionPresent) {
                if (tracker.pending() > 0 || deferredAcks.length > 0 || !held.isEmpty()) {
                    LOG.warn(
                            "MQTT broker has no session for {}: {} unacknowledged messages of the old session are "
                                    + "gone with it",
                            split.clientId(),
                            held.cardinality());
                }
                tracker.clear();
                held.clear();
                heldCount = 0;
                deferredAcks = new int[0];
                epoch++;
            }
            connected = true;
            connection++;
            reconnectDelayMs = FIRST_RECONNECT_DELAY_MS;
            if (deferredAcks.length > 0) {
                int[] due = deferredAcks;
                deferredAcks = new int[0];
                sendAcks(due);
            }
        }
        subscribe();
    }

    // Subscribes on every connect: a session the broker lost has no subscriptions. Retain handling 1 sends
    // retained messages only when the subscription is new, so a surviving session gets no retained duplicates.
    private void subscribe() {
        List<String> topics = split.subscriptions();
        MqttSubscription[] subscriptions = new MqttSubscription[topics.size()];
        for (int i = 0; i < subscriptions.length; i++) {
            subscriptions[i] = new MqttSubscription(topics.get(i), 1);
            subscriptions[i].setRetainHandling(1);
        }
        try {
            client.subscribe(subscriptions, null, new SubscribeListener(topics), new MqttProperties());
        } catch (MqttException e) {
            if (client.isConnected()) {
                handoff.fail(new IOException("MQTT split " + split.splitId() + " could not subscribe to " + topics, e));
            }
            // Otherwise the connection dropped meanwhile and the reconnect subscribes again.
        }
    }

    private void scheduleReconnect() {
        long delay;
        synchronized (this) {
            if (closed || reconnectPending) {
                return;
            }
            reconnectPending = true;
            delay = reconnectDelayMs;
            reconnectDelayMs = Math.min(MAX_RECONNECT_DELAY_MS, reconnectDelayMs * 2);
            reconnects++;
        }
        try {
            reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // The reader is closing and its reconnect thread is gone.
            LOG.debug("MQTT split {} not reconnecting: {}", split.splitId(), e.toString());
        }
    }

    private void reconnect() {
        synchronized (this) {
            reconnectPending = false;
            if (closed) {
                return;
            }
        }
        try {
            client.connect(connectOptions, null, new ConnectListener(false));
        } catch (MqttException e) {
            LOG.warn("MQTT split {} reconnect failed: {}", split.splitId(), e.toString());
            scheduleReconnect();
        }
    }

    private final class ConnectListener implements MqttActionListener {
        private final boolean first;

        ConnectListener(boolean first) {
            this.first = first;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            LOG.info(
                    "MQTT split {} connected as {} (session present: {})",
                    split.splitId(),
                    split.clientId(),
                    token.getSessionPresent());
            onConnected(token.getSessionPresent());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            if (first) {
                handoff.fail(new IOException(
                        "MQTT split " + split.splitId() + " could not connect as " + split.clientId() + " to "
                                + connectOptions.getServerURIs()[0],
                        exception));
            } else {
                LOG.warn("MQTT split {} reconnect failed: {}", split.splitId(), String.valueOf(exception));
                scheduleReconnect();
            }
        }
    }

    private final class SubscribeListener implements MqttActionListener {
        private final List<String> topics;

        SubscribeListener(List<String> topics) {
            this.topics = topics;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            for (int i = 0; i < topics.size(); i++) {
                int code = codes != null && i < codes.length ? codes[i] : -1;
                if (code != 1) {
                    // 0 means QoS 0 granted: no acknowledgements, so no at-least-once; >= 0x80 is a refusal.
                    handoff.fail(new IOException("MQTT broker answered the subscription to '" + topics.get(i)
                            + "' with reason code 0x" + Integer.toHexString(code)
                            + " (wanted 0x1, QoS 1 granted)" + (code == 0x9E ? ": no shared subscriptions" : "")));
                    return;
                }
            }
            synchronized (SplitSubscriber.this) {
                subscribed = !closed;
            }
            LOG.info("MQTT split {} subscribed to {}", split.splitId(), topics);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            if (client.isConnected()) {
                handoff.fail(new IOException(
                        "MQTT split " + split.splitId() + " could not subscribe to " + topics, exception));
            }
        }
    }
}
