package vn.haiphong.ioc.deploy;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MQTT 5 broker of the one-machine stack: HiveMQ CE in this JVM, configured from a {@code config.xml}
 * generated under the data directory, with file persistence there so that persistent sessions and their queued
 * messages survive a restart.
 *
 * <p>Layout under the data directory: {@code conf/config.xml}, {@code data/} (HiveMQ's persistence) and {@code
 * extensions/} (empty: no file-based extensions).
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", 0, dir).start()) {
 *     connect(broker.uri());
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements Broker {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Known options of {@link #main}. */
    static final Set<String> OPTIONS = Set.of("port", "bind", "data-dir", "max-queued-messages", "max-inflight");

    /**
     * Messages the broker keeps for one client: a persistent session outlives the Flink job while it restarts, and at
     * 200 messages/s a million is more than an hour of the city's feeds.
     */
    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 1_000_000;

    /**
     * Unacknowledged messages the broker sends one client at once. HiveMQ sends a client its queued messages in
     * batches of up to min(this, the client's receive maximum) and sends the next batch only once the whole batch is
     * acknowledged. Its own cap is 50, whatever the client asks for; the Flink MQTT source acknowledges only after a
     * checkpoint and can hold about 10,000 messages, so the cap is raised above that.
     */
    public static final int DEFAULT_MAX_INFLIGHT = 16_384;

    /**
     * HiveMQ reserves a whole window of packet ids before it reads a batch, from the 65,535 ids of a connection; a
     * shared subscription of the same client needs ids at the same time. Two windows must fit, or a poll finds no id
     * and the message is stuck (seen with 65,535: "No message id available for client").
     */
    public static final int MAX_INFLIGHT_LIMIT = 32_767;

    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final String bind;
    private final int requestedPort;
    private final Path dataDir;
    private final long maxQueuedMessages;
    private final int maxInflight;
    private int port;
    private EmbeddedHiveMQ hivemq;

    public EmbeddedBroker(String bind, int port, Path dataDir) {
        this(bind, port, dataDir, DEFAULT_MAX_QUEUED_MESSAGES, DEFAULT_MAX_INFLIGHT);
    }

    public EmbeddedBroker(String bind, int port, Path dataDir, long maxQueuedMessages, int maxInflight) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("MQTT port " + port + " is not a TCP port");
        }
        if (maxInflight < 1 || maxInflight > MAX_INFLIGHT_LIMIT) {
            throw new IllegalArgumentException(
                    "max inflight must be within 1.." + MAX_INFLIGHT_LIMIT + ", not " + maxInflight);
        }
        this.bind = bind;
        this.requestedPort = port;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.maxQueuedMessages = maxQueuedMessages;
        this.maxInflight = maxInflight;
    }

    /**
     * Starts the broker and returns once it accepts TCP connections. A port of 0 picks a free port first (HiveMQ
     * does not report the port it bound), so {@link #port()} is the real one afterwards. A stopped broker can be
     * started again, on the same port and with the sessions it had.
     */
    @Override
    public synchronized EmbeddedBroker start() {
        if (hivemq != null) {
            return this;
        }
        if (port == 0) {
            // Chosen once: a restarted broker keeps its port, so that clients reconnect to it.
            port = requestedPort == 0 ? Ports.freePort(bind) : requestedPort;
        }
        Path conf = dataDir.resolve("conf");
        Path data = dataDir.resolve("data");
        Path extensions = dataDir.resolve("extensions");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            Files.writeString(conf.resolve("config.xml"), configXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker's folders under " + dataDir, e);
        }
        // A process-wide HiveMQ setting with no config.xml element; it is read when a client's window is computed.
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = maxInflight;

        EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .build();
        try {
            broker.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            awaitListening();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(broker);
            throw new IllegalStateException("interrupted while the MQTT broker was starting", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            closeQuietly(broker);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "the MQTT broker did not start on " + bind + ":" + port + " (data in " + dataDir + "): " + cause,
                    cause);
        }
        hivemq = broker;
        log.info("MQTT broker listening on tcp://{}:{} (data in {})", bind, port, dataDir);
        return this;
    }

    /** Stops the broker; its sessions, queued and retained messages stay in the data directory. */
    @Override
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        EmbeddedHiveMQ broker = hivemq;
        hivemq = null;
        try {
            broker.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the MQTT broker did not stop cleanly: {}", e.toString());
        } finally {
            closeQuietly(broker);
        }
        log.info("MQTT broker on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return hivemq != null;
    }

    /** The port the broker listens on (the one it picked when started with 0). */
    @Override
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started yet");
        }
        return port;
    }

    /** The URI a client on this machine connects to. */
    @Override
    public String uri() {
        return "tcp://" + clientHost() + ":" + port();
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    /** The broker runs in this JVM, so its memory and CPU are this process's. */
    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public String description() {
        return "HiveMQ CE in this process";
    }

    private String clientHost() {
        return "0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind;
    }

    String configXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by vn.haiphong.ioc.deploy.EmbeddedBroker at every start: edit its options, not this file. -->
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>ioc-mqtt</name>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <!-- The wall shows the city now: when a queue overflows, the oldest readings go first. -->
                            <strategy>discard-oldest</strategy>
                        </queued-messages>
                        <shared-subscriptions>
                            <enabled>true</enabled>
                        </shared-subscriptions>
                        <retained-messages>
                            <enabled>true</enabled>
                        </retained-messages>
                        <wildcard-subscriptions>
                            <enabled>true</enabled>
                        </wildcard-subscriptions>
                        <!-- QoS 1 publishes a client may have unacknowledged towards the broker (HiveMQ's default: 10). -->
                        <receive-maximum>
                            <server-receive-maximum>65535</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <persistence>
                        <mode>file</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bind, maxQueuedMessages);
    }

    private void awaitListening() throws TimeoutException, InterruptedException {
        String host = clientHost();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("nothing accepts connections on " + host + ":" + port);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ broker) {
        try {
            broker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            log.warn("closing the MQTT broker failed: {}", e.toString());
        }
    }

    /**
     * Runs the broker as its own process until SIGTERM or Ctrl-C. Options: {@code --port=1883 --bind=0.0.0.0
     * --data-dir=.ioc/data/broker --max-queued-messages=1000000 --max-inflight=16384}.
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedBroker broker;
        try {
            Options options = Options.parse(args).requireKnown(OPTIONS);
            broker = new EmbeddedBroker(
                    options.get("bind", "0.0.0.0"),
                    options.getInt("port", 1883),
                    Path.of(options.get("data-dir", ".ioc/data/broker")),
                    options.getLong("max-queued-messages", DEFAULT_MAX_QUEUED_MESSAGES),
                    options.getInt("max-inflight", DEFAULT_MAX_INFLIGHT));
        } catch (IllegalArgumentException e) {
            System.err.println("EmbeddedBroker: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.stop();
                            stopped.countDown();
                        },
                        "broker-shutdown"));
        try {
            broker.start();
        } catch (RuntimeException e) {
            log.error("{}", e.getMessage(), e);
            System.exit(1);
        }
        stopped.await();
    }
}
