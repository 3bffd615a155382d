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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The real stack as {@code ./ioc demo} runs it (embedded HiveMQ, the Flink job on a local cluster, the dashboards
 * server, the simulators playing the Tân Vũ storm), driven from outside the way its users meet it: a real MQTT client
 * publishes, a websocket client and a headless Chromium watch the wall.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LiveStackSystemIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ALERT_WAIT = Duration.ofSeconds(45);

    private Stack stack;
    private MqttTestClient device;
    private WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTheStack() throws Exception {
        Path root = StackOptions.findRepoRoot(Path.of("")).orElseThrow();
        Path work = root.resolve("deploy/target/system-it");
        Files.createDirectories(work);
        stack = Stack.start(StackOptions.builder(root)
                .mqttPort(0)
                .httpPort(0)
                .flinkUiPort(0)
                .dbPort(0)
                .dataDir(Files.createTempDirectory(work, "data-"))
                .logDir(work.resolve("logs"))
                .scenario("storm-tan-vu")
                .simRate(100)
                .shutdownHook(false)
                .startupTimeout(Duration.ofSeconds(180))
                .build());
        device = MqttTestClient.connect(stack.mqttUri(), "system-it-device-" + UUID.randomUUID());
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + stack.httpPort() + "/ws"), new Collector())
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopTheStack() throws Exception {
        if (socket != null) {
            socket.abort();
        }
        if (device != null) {
            device.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

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

    private JsonNode awaitAlert(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode frame : frames) {
                if ("alert".equals(frame.path("type").asText()) && match.test(frame.path("data"))) {
                    return frame.path("data");
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such alert on the websocket within " + timeout + "; alerts seen: "
                + frames.stream()
                        .filter(f -> "alert".equals(f.path("type").asText()))
                        .map(f -> f.path("data").path("rule").asText() + "@"
                                + f.path("data").path("entity").path("id").asText())
                        .toList());
    }

    private static String accident(String id, String description) {
        return "{\"id\":\"" + id + "\",\"dateObserved\":\"" + Instant.now() + "\",\"category\":\"carAccident\","
                + "\"confidence\":0.94,\"description\":" + quote(description) + "}";
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCameraAccidentPublishedOnMqttArrivesAsAnAlertOnTheWallsWebsocket() throws Exception {
        String id = "it-acc-" + UUID.randomUUID();
        long published = System.currentTimeMillis();
        device.publish("hp/v1/cam/tc-031/evt", accident(id, "Hai xe máy va chạm"), 1, false);
        JsonNode alert =
                awaitAlert(a -> id.equals(a.path("evidence").path("detectionId").asText()), ALERT_WAIT);
        System.out.printf("publish -> websocket alert: %d ms%n", System.currentTimeMillis() - published);
        assertThat(alert.path("rule").asText()).isEqualTo("traffic.incident");
        assertThat(alert.path("status").asText()).isEqualTo("active");
        assertThat(alert.path("entity").path("id").asText()).isEqualTo("tc-031");
        assertThat(alert.path("title").path("vi").asText()).startsWith("Tai nạn giao thông tại");
        assertThat(alert.path("title").path("en").asText()).startsWith("Traffic accident at");
        assertThat(alert.path("alertId").asText()).isNotBlank();
    }

    @Test
    void everyKindOfBadInputReachesTheDeadLetterTopicAndTheJobKeepsRunning() throws Exception {
        String marker = "it-bad-" + UUID.randomUUID();
        String now = Instant.now().toString();
        Map<String, String> bad = Map.of(
                "malformed JSON", "{\"id\":\"" + marker + "\",",
                "field 'confidence' has the wrong type",
                        "{\"id\":\"" + marker + "\",\"dateObserved\":\"" + now
                                + "\",\"category\":\"fire\",\"confidence\":\"high\"}",
                "missing field 'category'",
                        "{\"id\":\"" + marker + "\",\"dateObserved\":\"" + now + "\",\"confidence\":0.9}",
                "in the future",
                        "{\"id\":\"" + marker
                                + "\",\"dateObserved\":\"2099-01-01T00:00:00+07:00\",\"category\":\"fire\",\"confidence\":0.9}",
                "payload too large", marker + " " + "x".repeat(70_000));
        try (MqttTestClient reader =
                MqttTestClient.connect(stack.mqttUri(), "system-it-deadletters-" + UUID.randomUUID())) {
            reader.subscribe("ioc/v1/deadletter/#", 1);
            for (String payload : bad.values()) {
                device.publish("hp/v1/cam/tc-032/evt", payload, 1, false);
            }
            device.publish("hp/v1/cam/tc-no-such-camera/evt", "{\"id\":\"" + marker + "\"}", 1, false);
            device.publish(
                    "hp/v1/report/new",
                    "{\"service_request_id\":\"" + marker + "\",\"service_code\":\"flooding\",\"lat\":21.0285,"
                            + "\"long\":105.8542,\"requested_datetime\":\"" + now + "\"}",
                    1,
                    false);

            List<JsonNode> mine = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (mine.size() < 7 && System.nanoTime() < deadline) {
                MqttTestClient.Received r = reader.next(Duration.ofSeconds(1));
                if (r != null && r.payload().contains(marker)) {
                    JsonNode letter = JSON.readTree(r.payload());
                    assertThat(r.topic())
                            .isEqualTo(
                                    "ioc/v1/deadletter/" + letter.path("feed").asText());
                    mine.add(letter);
                }
            }
            List<String> reasons =
                    mine.stream().map(l -> l.path("reason").asText()).toList();
            assertThat(reasons).hasSize(7);
            for (String expected : bad.keySet()) {
                assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains(expected));
            }
            assertThat(reasons).contains("unknown camera 'tc-no-such-camera'");
            assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("outside Hai Phong"));
            assertThat(mine)
                    .allSatisfy(l -> assertThat(l.path("topic").asText()).startsWith("hp/v1/"));
        }
        // and the job is still running: the next good message still makes an alert
        String id = "it-after-bad-" + UUID.randomUUID();
        device.publish("hp/v1/cam/tc-033/evt", accident(id, "Va chạm"), 1, false);
        awaitAlert(a -> id.equals(a.path("evidence").path("detectionId").asText()), ALERT_WAIT);
    }

    @Test
    void theStormScenarioRaisesAWindWarningAndThenStopWorkAtTanVu() throws Exception {
        JsonNode warning = awaitAlert(
                a -> "port.wind.warning".equals(a.path("rule").asText())
                        && "tan-vu".equals(a.path("site").asText()),
                Duration.ofSeconds(120));
        JsonNode stop = awaitAlert(
                a -> "port.wind.stop-work".equals(a.path("rule").asText())
                        && "tan-vu".equals(a.path("site").asText()),
                Duration.ofSeconds(180));
        assertThat(warning.path("severity").asText()).isEqualTo("high");
        assertThat(stop.path("severity").asText()).isEqualTo("critical");
        assertThat(stop.path("evidence").path("gustSpeed").asDouble()).isGreaterThanOrEqualTo(20.0);
        // the calm ports stay calm
        assertThat(frames.stream()
                        .filter(f -> "alert".equals(f.path("type").asText()))
                        .map(f -> f.path("data"))
                        .filter(a -> a.path("rule").asText().startsWith("port.wind"))
                        .map(a -> a.path("site").asText()))
                .containsOnly("tan-vu");
    }

    @Test
    void theWallDrawsTheMapShowsALiveAlertAndRendersDeviceTextInert() throws Exception {
        try (Browser browser = Browser.start()) {
            browser.open(stack.httpUrl());
            browser.waitFor(Duration.ofSeconds(30), d -> "true"
                    .equals(d.findElement(By.tagName("body")).getDomAttribute("data-map-ready")));
            browser.waitFor(Duration.ofSeconds(30), d -> "connected"
                    .equals(d.findElement(By.id("connection-state")).getDomAttribute("data-state")));
            // 14 districts on the main map; Bạch Long Vĩ, 110 km offshore, has an inset of its own
            Number districts = (Number)
                    browser.script("return document.querySelectorAll('#map .leaflet-districts-pane path').length");
            assertThat(districts.intValue()).as("district outlines drawn").isGreaterThanOrEqualTo(14);
            assertThat((String) browser.script("return document.body.textContent"))
                    .contains("Bạch Long Vĩ", "Thuỷ Nguyên", "Cát Hải");

            String id = "it-wall-" + UUID.randomUUID();
            String hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
            device.publish("hp/v1/cam/tc-034/evt", accident(id, hostile), 1, false);
            JsonNode alert = awaitAlert(
                    a -> id.equals(a.path("evidence").path("detectionId").asText()), ALERT_WAIT);
            String alertId = alert.path("alertId").asText();
            WebElement item = browser.waitFor(
                    Duration.ofSeconds(20),
                    d -> d.findElement(By.cssSelector("#alert-list li[data-alert-id='" + alertId + "']")));
            assertThat(item.getText()).contains("Tai nạn giao thông");
            browser.waitFor(Duration.ofSeconds(60), d -> !d.findElements(By.cssSelector("#kpi-tiles [data-kpi]"))
                    .isEmpty());

            Path shot = browser.screenshot(Browser.screenshotsDir().resolve("wall-live.png"));
            System.out.println("wall screenshot: " + shot.toAbsolutePath());

            assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
            assertThat(browser.script("return document.querySelectorAll('#alert-list img, #alert-list script').length"))
                    .isEqualTo(0L);

            browser.find("#lang-switch").click();
            browser.waitFor(Duration.ofSeconds(5), d -> d.findElement(
                            By.cssSelector("#alert-list li[data-alert-id='" + alertId + "']"))
                    .getText()
                    .contains("Traffic accident"));
        }
    }
}
