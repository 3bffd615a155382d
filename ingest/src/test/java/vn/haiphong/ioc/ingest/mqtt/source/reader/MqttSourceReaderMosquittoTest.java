package vn.haiphong.ioc.ingest.mqtt.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.haiphong.ioc.ingest.mqtt.Await;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.TestMqttClients;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSource;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSourceOptions;

/**
 * The reader against Debian's Mosquitto 2.0.11 (installed by {@code ./ioc test}), which honours the client's receive
 * maximum only until the first acknowledgement and then sends the whole queue, reusing packet ids still
 * unacknowledged (eclipse/mosquitto#2301). The reader must stop reading past its window and lose nothing.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MqttSourceReaderMosquittoTest {
    private static final int RECEIVE_MAXIMUM = 100;
    private static final int MESSAGES = 5_000;

    @TempDir
    Path dir;

    private Process mosquitto;
    private MqttSourceReader reader;
    private MqttAsyncClient publisher;

    @AfterEach
    void stop() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (publisher != null) {
            TestMqttClients.disconnect(publisher);
        }
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBacklogFarBeyondTheReceiveMaximumArrivesWholeThoughTheBrokerOverrunsTheWindow() throws Exception {
        String uri = startMosquitto();
        MqttSourceOptions options = MqttSource.builder()
                .serverUri(uri)
                .clientIdPrefix("overrun")
                .topicFilters("hp/v1/overrun/#")
                .receiveMaximum(RECEIVE_MAXIMUM)
                .build()
                .options();
        reader = new MqttSourceReader(options, new TestReaderContext());
        reader.start();
        reader.addSplits(options.createSplits(1));
        Await.until("subscribed", Duration.ofSeconds(30), () -> reader.subscribedSessions() == 1);

        // A backlog fifty windows deep, queued in the broker before anything is acknowledged.
        publisher = TestMqttClients.connect(uri, "overrun-publisher");
        List<String> sent = IntStream.range(0, MESSAGES).mapToObj(i -> "m-" + i).collect(Collectors.toList());
        TestMqttClients.publishAll(publisher, "hp/v1/overrun/x", sent, 1_000);

        CollectingOutput output = new CollectingOutput();
        Set<String> received = new HashSet<>();
        long checkpoint = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (received.size() < MESSAGES && System.nanoTime() < deadline) {
            while (reader.isAvailable().isDone() && output.records.size() < 10 * RECEIVE_MAXIMUM) {
                int before = output.records.size();
                reader.pollNext(output);
                if (output.records.size() == before) {
                    break;
                }
            }
            for (MqttRecord r : output.records) {
                received.add(new String(r.payload, StandardCharsets.UTF_8));
            }
            output.records.clear();
            // Every checkpoint acknowledges what was emitted before it; Mosquitto then overruns the window.
            checkpoint++;
            reader.snapshotState(checkpoint);
            reader.notifyCheckpointComplete(checkpoint);
            Thread.sleep(20);
        }

        assertThat(received)
                .as("every message of the backlog")
                .hasSize(MESSAGES)
                .containsAll(sent);
        checkpoint++;
        reader.snapshotState(checkpoint);
        reader.notifyCheckpointComplete(checkpoint);
        assertThat(reader.pendingAcks()).isZero();
    }

    private String startMosquitto() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        "max_inflight_messages 65535",
                        "max_queued_messages 0",
                        "max_queued_bytes 0",
                        "persistence false",
                        "log_dest file " + dir.resolve("mosquitto.log"),
                        ""));
        String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        mosquitto = new ProcessBuilder(binary, "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start();
        Path out = dir.resolve("mosquitto.out");
        Await.until("mosquitto listening on " + port, Duration.ofSeconds(15), () -> {
            if (!mosquitto.isAlive()) {
                throw new AssertionError("mosquitto exited; its output is in " + out);
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return "tcp://127.0.0.1:" + port;
    }
}
