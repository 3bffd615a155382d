package vn.haiphong.ioc.ingest.mqtt;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real MQTT 5 broker for tests: HiveMQ CE embedded in the test JVM on a free loopback port, with in-memory
 * persistence under a temporary folder.
 *
 * <p>HiveMQ CE sends a client at most 50 unacknowledged messages whatever its receive maximum ({@code
 * InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES}, no config.xml element); the source acknowledges only
 * after checkpoints, so like the deployment's broker this one raises the cap and lets the client's receive maximum
 * decide. The setting is process-wide and read when a client connects.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    /** Starts a broker with HiveMQ's in-flight window raised to 65,535. */
    public static EmbeddedMqttBroker start(Path folder) throws Exception {
        return start(folder, 65_535);
    }

    /** Starts a broker whose per-client in-flight window is {@code inflightWindow} (HiveMQ's own default: 50). */
    public static EmbeddedMqttBroker start(Path folder, int inflightWindow) throws Exception {
        int port = freePort();
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Path data = Files.createDirectories(folder.resolve("data"));
        Path extensions = Files.createDirectories(folder.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), configXml(port), StandardCharsets.UTF_8);
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = inflightWindow;
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            hivemq.close();
            throw e;
        }
        return new EmbeddedMqttBroker(hivemq, port);
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Messages the broker discarded (full queues and the like); a test that expects none checks this. */
    public long droppedMessages() {
        return count("com.hivemq.messages.dropped.count");
    }

    @Override
    public void close() throws Exception {
        hivemq.close();
    }

    private long count(String name) {
        Metric metric = hivemq.getMetricRegistry().getMetrics().get(name);
        if (metric instanceof Counter) {
            return ((Counter) metric).getCount();
        }
        if (metric instanceof Gauge && ((Gauge<?>) metric).getValue() instanceof Number) {
            return ((Number) ((Gauge<?>) metric).getValue()).longValue();
        }
        return 0;
    }

    private static String configXml(int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>1000000</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <shared-subscriptions>
                            <enabled>true</enabled>
                        </shared-subscriptions>
                        <receive-maximum>
                            <server-receive-maximum>1000</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
