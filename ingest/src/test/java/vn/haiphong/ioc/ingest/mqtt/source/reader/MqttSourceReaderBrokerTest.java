package vn.haiphong.ioc.ingest.mqtt.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.haiphong.ioc.ingest.mqtt.Await;
import vn.haiphong.ioc.ingest.mqtt.EmbeddedMqttBroker;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.TcpProxy;
import vn.haiphong.ioc.ingest.mqtt.TestMqttClients;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSource;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSourceOptions;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

/**
 * The reader on its own (no Flink job) against a real broker, through a TCP proxy that the test cuts to simulate
 * network failures. Checkpoints are driven by calling {@code snapshotState} and {@code notifyCheckpointComplete}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MqttSourceReaderBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path brokerFolder;

    private static EmbeddedMqttBroker broker;

    private TcpProxy proxy;
    private MqttSourceReader reader;
    private MqttAsyncClient publisher;
    private final List<String> emitted = new CopyOnWriteArrayList<>();
    private final CollectingOutput output = new CollectingOutput();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedMqttBroker.start(brokerFolder);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void closeEverything() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (publisher != null) {
            TestMqttClients.disconnect(publisher);
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void afterAReconnectToItsSessionTheBrokersCopiesAreDroppedAndTheHeldIdsAcknowledgeThem() throws Exception {
        start("reconnect", Duration.ofDays(1));
        publish("hp/v1/reconnect/cam-1/tlm", messages("m", 0, 10));

        // HiveMQ sends the next batch once everything in flight is acknowledged: m-0 first, then the other nine.
        pollUntil(List.of("m-0"));
        checkpoint(1);
        pollUntil(messages("m", 0, 10));
        assertThat(reader.pendingAcks()).as("emitted, not yet checkpointed").isEqualTo(9);

        proxy.severAll();
        Await.until(
                "the broker's copies of the nine held messages",
                WAIT,
                () -> reader.duplicatesDropped() == 9,
                () -> "(dropped " + reader.duplicatesDropped() + ", reconnects " + reader.reconnects() + ")");
        assertThat(reader.reconnects()).isPositive();
        assertThat(pollAll()).as("copies are not emitted again").isEmpty();

        // The checkpoint acknowledges the held ids on the new connection: the broker's copies are done with.
        checkpoint(2);
        assertThat(reader.pendingAcks()).isZero();
        assertThat(reader.acksSent()).isEqualTo(10);
        publish("hp/v1/reconnect/cam-1/tlm", List.of("m-10"));
        pollUntil(messages("m", 0, 11));
        assertThat(emitted).doesNotHaveDuplicates();
    }

    @Test
    void afterTheBrokerLostTheSessionTheReaderSubscribesAgainAndAcknowledgesOnlyNewIds() throws Exception {
        start("expired", Duration.ofSeconds(1));
        publish("hp/v1/expired/cam-1/tlm", List.of("e-0"));
        pollUntil(List.of("e-0"));
        assertThat(reader.pendingAcks()).isEqualTo(1);

        // Offline for longer than the session expiry: the broker forgets the session, its subscription and e-0.
        proxy.setAccepting(false);
        proxy.severAll();
        Await.until("a failed reconnect", WAIT, () -> reader.reconnects() >= 2);
        Await.atMost(Duration.ofMillis(1_500), () -> false);
        proxy.setAccepting(true);
        Await.until("subscribed again", WAIT, () -> reader.subscribedSessions() == 1);
        assertThat(reader.pendingAcks())
                .as("ids of the lost session are forgotten")
                .isZero();

        publish("hp/v1/expired/cam-1/tlm", List.of("e-1"));
        pollUntil(List.of("e-0", "e-1"));
        checkpoint(1);
        assertThat(reader.acksSent()).as("only e-1, with the new session's id").isEqualTo(1);
        assertThat(reader.pendingAcks()).isZero();
    }

    private void start(String name, Duration sessionExpiry) throws Exception {
        proxy = new TcpProxy(
                Integer.parseInt(broker.uri().substring(broker.uri().lastIndexOf(':') + 1)));
        MqttSourceOptions options = MqttSource.builder()
                .serverUri(proxy.uri())
                .clientIdPrefix("rt-" + name)
                .topicFilters("hp/v1/" + name + "/#")
                .sessionExpiry(sessionExpiry)
                .receiveMaximum(100)
                .build()
                .options();
        reader = new MqttSourceReader(options, new TestReaderContext());
        reader.start();
        List<MqttSplit> splits = options.createSplits(1);
        reader.addSplits(splits);
        Await.until("subscribed", WAIT, () -> reader.subscribedSessions() == 1);
        publisher = TestMqttClients.connect(broker.uri(), "rt-" + name + "-publisher");
    }

    private void publish(String topic, List<String> payloads) throws Exception {
        TestMqttClients.publishAll(publisher, topic, payloads, 100);
    }

    private void checkpoint(long checkpointId) throws Exception {
        reader.snapshotState(checkpointId);
        reader.notifyCheckpointComplete(checkpointId);
    }

    private void pollUntil(List<String> expected) throws Exception {
        Await.until(
                "records " + expected,
                WAIT,
                () -> {
                    pollAll();
                    return emitted.containsAll(expected);
                },
                () -> "(emitted " + emitted + ")");
    }

    private List<String> pollAll() {
        List<String> polled = new ArrayList<>();
        try {
            while (reader.isAvailable().isDone()) {
                int before = output.records.size();
                reader.pollNext(output);
                if (output.records.size() == before) {
                    break;
                }
            }
        } catch (Exception e) {
            throw new AssertionError("the reader failed", e);
        }
        for (MqttRecord record : output.records) {
            polled.add(new String(record.payload, StandardCharsets.UTF_8));
        }
        output.records.clear();
        emitted.addAll(polled);
        return polled;
    }

    private static List<String> messages(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }
}
