package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real stack with {@code --broker=mosquitto} (no simulators: the test publishes its own detection): an accident
 * published with Paho reaches the wall's websocket as an alert, and closing the stack leaves no mosquitto behind.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MosquittoStackSystemIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCameraAccidentTravelsThroughMosquittoToTheWallsWebsocket() throws Exception {
        Path root = StackOptions.findRepoRoot(Path.of("")).orElseThrow();
        Path work = Files.createDirectories(root.resolve("deploy/target/system-it/mosquitto"));
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        Stack stack = Stack.start(StackOptions.builder(root)
                .broker(Broker.Kind.MOSQUITTO)
                .mqttPort(0)
                .httpPort(0)
                .flinkUiPort(0)
                .dbPort(0)
                .dataDir(Files.createTempDirectory(work, "data-"))
                .logDir(work.resolve("logs"))
                .withSimulators(false)
                .shutdownHook(false)
                .startupTimeout(Duration.ofSeconds(180))
                .build());
        long brokerPid = stack.brokerPid();
        WebSocket socket = null;
        try {
            assertThat(stack.broker()).isInstanceOf(MosquittoBroker.class);
            socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + stack.httpPort() + "/ws"), new Collector(frames))
                    .get(30, TimeUnit.SECONDS);

            String id = "it-mosquitto-" + UUID.randomUUID();
            try (MqttTestClient device = MqttTestClient.connect(stack.mqttUri(), "system-it-device-" + id)) {
                awaitSourceReading(stack, device);
                device.publish(
                        "hp/v1/cam/tc-031/evt",
                        "{\"id\":\"" + id + "\",\"dateObserved\":\"" + Instant.now()
                                + "\",\"category\":\"carAccident\",\"confidence\":0.94,"
                                + "\"description\":\"Hai xe máy va chạm\"}",
                        1,
                        false);
            }

            // Generous: a slow machine, not the broker, sets the pace here; nothing is timed.
            JsonNode alert = awaitAlert(frames, id, Duration.ofSeconds(120));
            assertThat(alert.path("rule").asText()).isEqualTo("traffic.incident");
            assertThat(alert.path("status").asText()).isEqualTo("active");
            assertThat(alert.path("entity").path("id").asText()).isEqualTo("tc-031");
        } finally {
            if (socket != null) {
                socket.abort();
            }
            stack.close();
        }
        assertThat(ProcessHandle.of(brokerPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.readString(stack.logFile(Stack.BROKER))).contains("mosquitto version 2.");
    }

    /**
     * The job reports RUNNING a moment before its MQTT source has subscribed, and without simulators nothing else
     * waits: a message published in between has no subscriber. Bad input that comes back as a dead letter shows that
     * the source reads.
     */
    private static void awaitSourceReading(Stack stack, MqttTestClient device) throws Exception {
        try (MqttTestClient reader =
                MqttTestClient.connect(stack.mqttUri(), "system-it-deadletters-" + UUID.randomUUID())) {
            reader.subscribe("ioc/v1/deadletter/#", 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                String marker = "it-probe-" + UUID.randomUUID();
                device.publish("hp/v1/cam/tc-031/evt", "{\"id\":\"" + marker + "\",", 1, false);
                long probeDeadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < probeDeadline) {
                    MqttTestClient.Received letter = reader.next(Duration.ofMillis(500));
                    if (letter != null && letter.payload().contains(marker)) {
                        return;
                    }
                }
            }
            throw new AssertionError("the Flink job never dead-lettered a malformed message: is its source reading?");
        }
    }

    private static JsonNode awaitAlert(List<JsonNode> frames, String detectionId, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode frame : frames) {
                JsonNode data = frame.path("data");
                if ("alert".equals(frame.path("type").asText())
                        && detectionId.equals(
                                data.path("evidence").path("detectionId").asText())) {
                    return data;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no alert for detection " + detectionId + " on the websocket within " + timeout
                + "; frames seen: " + frames.size());
    }

    /** Collects the websocket's JSON frames. */
    private static final class Collector implements WebSocket.Listener {
        private final List<JsonNode> frames;
        private final StringBuilder partial = new StringBuilder();

        Collector(List<JsonNode> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("the wall's websocket sent a frame that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
