package vn.haiphong.ioc.ingest.mqtt.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.haiphong.ioc.ingest.mqtt.Await;
import vn.haiphong.ioc.ingest.mqtt.EmbeddedMqttBroker;
import vn.haiphong.ioc.ingest.mqtt.FlinkTestCluster;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;
import vn.haiphong.ioc.ingest.mqtt.TestMqttClients;
import vn.haiphong.ioc.ingest.mqtt.TestMqttClients.Collector;
import vn.haiphong.ioc.ingest.mqtt.TestMqttClients.MqttMessageWithTopic;

/** {@link MqttSink} in real jobs on a Flink MiniCluster against a real MQTT 5 broker (HiveMQ CE embedded). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MqttSinkMiniClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    static Path brokerFolder;

    private static EmbeddedMqttBroker broker;
    private static FlinkTestCluster flink;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedMqttBroker.start(brokerFolder);
        flink = FlinkTestCluster.start(2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyMessageReachesASubscriberAndOnlyRetainedOnesStay() throws Exception {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            messages.add(OutboundMessage.ofUtf8("ioc/v1/test/alert/traffic/30" + (i % 10), "alert-" + i, 1, false));
        }
        for (int i = 0; i < 50; i++) {
            messages.add(OutboundMessage.ofUtf8("ioc/v1/test/kpi/queue/area/" + (i % 5), "kpi-" + i, 1, true));
        }
        List<String> payloads = messages.stream()
                .map(m -> new String(m.payload, StandardCharsets.UTF_8))
                .collect(Collectors.toList());

        try (Collector live = new Collector(broker.uri(), "sink-live-subscriber", "ioc/v1/test/#")) {
            StreamExecutionEnvironment env = flink.environment(2, new Configuration());
            env.fromData(messages, TypeInformation.of(OutboundMessage.class))
                    .rebalance()
                    .sinkTo(MqttSink.builder()
                            .serverUri(broker.uri())
                            .clientIdPrefix("it-sink")
                            .maxInFlight(20)
                            .build());
            env.execute("mqtt sink");

            Await.until(
                    "every published message",
                    WAIT,
                    () -> live.received.size() >= messages.size(),
                    () -> "(got " + live.received.size() + ")");
            assertThat(live.received)
                    .extracting(MqttMessageWithTopic::payload)
                    .containsExactlyInAnyOrderElementsOf(payloads);
        }

        // A new subscriber gets the retained KPI of each topic, and no alert: those were not retained.
        try (Collector late = new Collector(broker.uri(), "sink-late-subscriber", "ioc/v1/test/#")) {
            MqttAsyncClient publisher = TestMqttClients.connect(broker.uri(), "sink-marker");
            TestMqttClients.publishAll(publisher, "ioc/v1/test/marker", List.of("marker"), 1);
            TestMqttClients.disconnect(publisher);
            Await.until("the marker", WAIT, () -> late.received.stream()
                    .anyMatch(m -> m.payload().equals("marker")));

            List<MqttMessageWithTopic> retained = late.received.stream()
                    .filter(m -> !m.payload().equals("marker"))
                    .collect(Collectors.toList());
            assertThat(retained)
                    .extracting(m -> m.topic)
                    .containsExactlyInAnyOrder(
                            "ioc/v1/test/kpi/queue/area/0",
                            "ioc/v1/test/kpi/queue/area/1",
                            "ioc/v1/test/kpi/queue/area/2",
                            "ioc/v1/test/kpi/queue/area/3",
                            "ioc/v1/test/kpi/queue/area/4");
            assertThat(retained).allSatisfy(m -> {
                assertThat(m.message.isRetained()).isTrue();
                assertThat(m.payload()).startsWith("kpi-");
            });
        }
    }

    @Test
    void aWriterThatCannotReachTheBrokerFailsTheJob() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = socket.getLocalPort();
        }
        Configuration configuration = new Configuration();
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = flink.environment(1, configuration);
        env.fromData(
                        List.of(OutboundMessage.ofUtf8("ioc/v1/test/x", "x", 1, false)),
                        TypeInformation.of(OutboundMessage.class))
                .sinkTo(MqttSink.builder()
                        .serverUri("tcp://127.0.0.1:" + closedPort)
                        .clientIdPrefix("it-sink-unreachable")
                        .connectTimeout(Duration.ofSeconds(2))
                        .build());

        assertThatThrownBy(() -> env.execute("unreachable broker"))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e))
                        .contains("MQTT sink writer it-sink-unreachable-0 could not connect"));
    }
}
