package vn.haiphong.ioc.simulators.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.simulators.gen.SimMessage;

/**
 * Publishes over one or more MQTT connections. A topic always goes over the same connection, so each device's messages
 * keep their order. One connection carries at most its in-flight window per round trip; when the broker allows only a
 * small window (Mosquitto's default is 20), more connections are opened until their windows cover the rate, at about
 * {@value #RATE_PER_PERMIT} messages a second per permit (a local broker's round trip is about a millisecond). With a
 * large window one connection is best: on a small machine extra connections only add threads competing for the CPU.
 */
public final class MqttSink implements MessageSink {
    static final int RATE_PER_PERMIT = 1000;
    static final int MAX_AUTOMATIC_CONNECTIONS = 8;
    private static final Duration CONNECT_ATTEMPT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(MqttSink.class);

    private final MqttOptions options;
    private final PublishStats stats;
    // Written while connecting, read by the publishing thread and by a shutdown hook's abort().
    private final List<MqttConnection> connections = new CopyOnWriteArrayList<>();
    private volatile boolean aborted;

    public MqttSink(MqttOptions options, PublishStats stats) {
        this.options = options;
        this.stats = stats;
    }

    /**
     * Opens the connections, retrying each until the broker answers; false when aborted meanwhile. With automatic
     * sizing, the first connection's window (known once the broker has answered) decides how many follow.
     */
    public boolean connect() throws InterruptedException {
        if (!open(0)) {
            return false;
        }
        int wanted = options.connections() > 0
                ? options.connections()
                : connectionsFor(options.rate(), connections.get(0).window());
        for (int i = 1; i < wanted; i++) {
            if (!open(i)) {
                return false;
            }
        }
        LOG.info("publishing over {} connection(s)", connections.size());
        return true;
    }

    /** How many connections of this window cover the rate. */
    static int connectionsFor(double rate, int window) {
        int n = (int) Math.ceil(rate / ((double) window * RATE_PER_PERMIT));
        return Math.max(1, Math.min(MAX_AUTOMATIC_CONNECTIONS, n));
    }

    private boolean open(int i) throws InterruptedException {
        MqttConnection c;
        try {
            c = new MqttConnection(
                    options.uri(),
                    options.clientId(i),
                    options.username(),
                    options.password(),
                    options.maxInflight(),
                    stats);
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "cannot create an MQTT client for " + options.uri() + ": " + e.getMessage(), e);
        }
        connections.add(c);
        if (aborted) {
            c.abort();
        }
        return c.connect(CONNECT_ATTEMPT);
    }

    @Override
    public boolean send(SimMessage m) throws InterruptedException {
        return connections
                .get(Math.floorMod(m.topic().hashCode(), connections.size()))
                .publish(m);
    }

    @Override
    public int inFlight() {
        int sum = 0;
        for (MqttConnection c : connections) {
            sum += c.inFlight();
        }
        return sum;
    }

    @Override
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void abort() {
        aborted = true;
        connections.forEach(MqttConnection::abort);
    }

    @Override
    public void close() {
        connections.forEach(MqttConnection::abort);
        connections.forEach(c -> c.disconnect(Duration.ofSeconds(5)));
    }
}
