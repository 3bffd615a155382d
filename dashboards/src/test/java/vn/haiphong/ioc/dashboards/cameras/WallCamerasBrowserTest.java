package vn.haiphong.ioc.dashboards.cameras;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.rules.RuleSetMessage;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.auth.OperatorTokens;
import vn.haiphong.ioc.dashboards.testing.Chromium;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.Publisher;

/**
 * The wall's camera layer and the rule change log in headless Chromium, fed through a real broker as the Flink job
 * feeds it: camera and district KPIs, an incident with a hostile snapshot URL, a camera gone offline; then an admin
 * signs in and changes the congestion threshold, and the change log shows it and the job's echo. Screenshots in
 * target/screenshots.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WallCamerasBrowserTest {
    private static final String CAMERA = "tc-001";
    private static final String OFFLINE_CAMERA = "tc-002";
    private static final String HOSTILE_SNAPSHOT =
            "https://cams.example/snap/tc-001.jpg?q=\"><img src=x onerror=\"document.body.dataset.pwned=1\">";
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();

    private static Vertx vertx;
    private static MosquittoBroker broker;
    private static Publisher publisher;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        broker = MosquittoBroker.start();
        JsonObject config =
                new DashboardsConfig(broker.uri(), "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000).toJson();
        config.put(
                DashboardsVerticle.OPERATOR_TOKENS,
                new JsonObject().put("op-lan", OperatorTokens.entry(List.of("operator", "admin"), ADMIN_TOKEN)));
        DashboardsVerticle verticle = new DashboardsVerticle();
        await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
        port = verticle.actualPort();
        publisher = new Publisher(vertx, broker.uri());
    }

    @AfterAll
    static void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aCameraOpensItsPanelWithItsLevelOfServiceAlertAndSnapshotLink() throws Exception {
        long now = Instant.now().toEpochMilli();
        try (Chromium browser = Chromium.start(1600, 900)) {
            browser.driver().get("http://127.0.0.1:" + port + "/");
            browser.waitFor(d -> "true".equals(browser.script("return document.body.dataset.camerasReady")));
            // Zoomed out, the 84 cameras are clusters.
            assertThat(browser.driver().findElements(By.cssSelector(".cam-cluster")))
                    .isNotEmpty();

            Map<String, Double> figures = Map.of(
                    "traffic-los-1m", 5.0,
                    "traffic-vehicles-1m", 42.0,
                    "traffic-speed-1m", 14.0,
                    "traffic-occupancy-1m", 0.55);
            for (Map.Entry<String, Double> figure : figures.entrySet()) {
                await(publisher.kpi(kpi(figure.getKey(), "camera", CAMERA, figure.getValue(), now)));
            }
            await(publisher.kpi(kpi("traffic-congested-share-1m", "area", "303", 0.25, now)));
            await(publisher.kpi(kpi("traffic-speed-1m", "area", "303", 21, now)));
            await(publisher.kpi(kpi("traffic-vehicles-1m", "area", "303", 310, now)));
            await(publisher.kpi(kpi("desks-over-threshold-1m", "city", "haiphong", 2, now)));
            await(publisher.kpi(kpi("desk-over-threshold-1m", "desk", "desk-303", 1, now)));
            Alert incident = alert(
                    "traffic.incident",
                    CAMERA,
                    Severity.high,
                    "Tai nạn giao thông tại Ngã tư Điện Biên Phủ",
                    Map.of("confidence", 0.92, "snapshotUrl", HOSTILE_SNAPSHOT),
                    now);
            await(publisher.alert(incident));
            await(publisher.alert(
                    alert("camera.offline", OFFLINE_CAMERA, Severity.medium, "Camera mất tín hiệu", Map.of(), now)));

            browser.waitFor(d -> browser.find("#traffic-areas tr[data-area='303'] .ta-share")
                    .getText()
                    .equals("25%"));
            assertThat(browser.find("#traffic-areas tr[data-area='303'] .ta-los")
                            .getText())
                    .isEqualTo("E");
            assertThat(browser.find("#traffic-areas .ta-desks").getText()).contains("2");
            browser.waitFor(
                    d -> d.findElements(By.cssSelector("#alert-list li")).size() == 2);
            // The clusters take the colour of their worst camera: one holds the offline camera.
            browser.waitFor(d ->
                    !d.findElements(By.cssSelector(".cam-cluster.cam-level-5")).isEmpty());
            Path city = browser.screenshot("wall-cameras.png");

            // The operator follows the alert to its place: zoomed in, the cameras stand alone.
            browser.find("#alert-list li[data-alert-id='" + incident.alertId() + "']")
                    .click();
            WebElement dot = browser.waitFor(
                    d -> d.findElements(By.cssSelector(".cam-dot[data-camera='" + CAMERA + "']")).stream()
                            .filter(WebElement::isDisplayed)
                            .findFirst()
                            .orElse(null));
            browser.waitFor(d -> "E".equals(dot.getDomAttribute("data-los")));
            browser.script("return new Promise((r) => setTimeout(r, 1200))");
            dot.click();
            WebElement panel = browser.waitFor(d -> {
                WebElement p = browser.find("#camera-panel");
                return p.isDisplayed() ? p : null;
            });
            assertThat(panel.getDomAttribute("data-camera")).isEqualTo(CAMERA);
            assertThat(browser.find("#camera-panel .cp-name").getText())
                    .isEqualTo("Ngã tư Điện Biên Phủ – Hoàng Văn Thụ");
            assertThat(browser.find("#camera-panel .cp-los").getText()).isEqualTo("E");
            assertThat(browser.find("#camera-panel .cp-status").getDomAttribute("data-status"))
                    .isEqualTo("online");
            assertThat(browser.find("#camera-panel .cp-metric[data-kpi='traffic-vehicles-1m'] .cp-value")
                            .getText())
                    .isEqualTo("42");
            assertThat(browser.find("#camera-panel .cp-metric[data-kpi='traffic-occupancy-1m'] .cp-value")
                            .getText())
                    .isEqualTo("55 %");
            assertThat(browser.find("#camera-panel .cp-alert[data-alert-id='" + incident.alertId() + "']")
                            .getText())
                    .contains("Tai nạn giao thông tại Ngã tư Điện Biên Phủ");
            WebElement link = browser.find("#camera-panel a.cp-snapshot-link");
            assertThat(link.getText()).isEqualTo(HOSTILE_SNAPSHOT);
            assertThat(link.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
            assertThat(link.getDomProperty("href")).startsWith("https://cams.example/snap/tc-001.jpg?q=");
            assertThat(browser.driver().findElements(By.cssSelector("#camera-panel img")))
                    .isEmpty();
            assertThat(browser.script("return document.body.dataset.pwned")).isNull();

            // A live KPI moves the panel: the level of service gets worse.
            await(publisher.kpi(kpi("traffic-los-1m", "camera", CAMERA, 6, now + 60_000)));
            // Read in the page: the panel is redrawn with each change, so a found element may be gone a moment later.
            browser.waitFor(
                    d -> "F"
                            .equals(
                                    browser.script(
                                            "const e = document.querySelector('#camera-panel .cp-los'); return e && e.textContent.trim();")));
            // The panel is drawn anew with each change: the link is found again.
            browser.script("document.querySelector('#camera-panel a.cp-snapshot-link')"
                    + ".scrollIntoView({block: 'nearest'})");
            Path panelShot = browser.screenshot("camera-panel.png");

            // The offline camera's panel says so.
            browser.script("document.querySelector('#camera-panel .cp-close').click()");
            browser.find("#lang-switch").click();
            browser.waitFor(
                    d -> browser.find("#traffic-areas .ta-title").getText().equalsIgnoreCase("Traffic by district"));
            assertThat(Files.size(city)).isGreaterThan(10_000);
            assertThat(Files.size(panelShot)).isGreaterThan(10_000);
        }
    }

    @Test
    void anAdminsThresholdChangeAppearsInTheChangeLogWithTheJobsEcho() throws Exception {
        try (Chromium browser = Chromium.start(1600, 1000)) {
            browser.driver().get("http://127.0.0.1:" + port + "/");
            browser.waitFor(d -> "true".equals(browser.script("return document.body.dataset.camerasReady")));
            browser.waitFor(
                    d -> !browser.find("#rules-log .rl-version").getText().isEmpty());
            assertThat(browser.driver().findElements(By.cssSelector("#rules-log .rl-form")))
                    .isEmpty();

            browser.find("#signin .signin-toggle").click();
            browser.find("#signin-token").sendKeys("wrong-token");
            browser.find("#signin .signin-submit").click();
            browser.waitFor(
                    d -> !browser.find("#signin .signin-message").getText().isEmpty());
            assertThat(browser.find("#signin .signin-message").getText()).isEqualTo("Mã không hợp lệ");
            browser.find("#signin-token").clear();
            browser.find("#signin-token").sendKeys(ADMIN_TOKEN);
            browser.find("#signin .signin-submit").click();
            browser.waitFor(d -> browser.find("#signin .signin-who").getText().contains("op-lan"));
            assertThat(browser.script("return sessionStorage.getItem('ioc.operatorToken')"))
                    .isEqualTo(ADMIN_TOKEN);

            long before = Long.parseLong(browser.find("#rules-log .rl-version").getDomAttribute("data-version"));
            browser.find("#rules-log summary").click();
            WebElement threshold = browser.waitFor(d -> browser.find("#rules-log input[name='occupancyAtLeast']"));
            threshold.clear();
            threshold.sendKeys("0.4");
            browser.find("#rules-log input[name='reason']").sendKeys("Giờ cao điểm");
            browser.find("#rules-log .rl-save").click();

            long version = before + 1;
            WebElement entry = browser.waitFor(
                    d -> d.findElements(By.cssSelector("#rules-log .rl-entry[data-version='" + version + "']")).stream()
                            .findFirst()
                            .orElse(null));
            assertThat(entry.getText())
                    .contains("Quy tắc ùn tắc: occupancyAtLeast 0,6 → 0,4")
                    .contains("op-lan")
                    .contains("đang chờ job áp dụng");

            // The job applies it and says so on the applied topic.
            RuleSetMessage published = RuleSetMessage.decode(retained(Topics.RULES));
            assertThat(published.version()).isEqualTo(version);
            await(publisher.raw(Topics.RULES_APPLIED, published.encode(), true));
            browser.waitFor(d -> !d.findElements(
                            By.cssSelector("#rules-log .rl-entry[data-version='" + version + "'] .rl-applied"))
                    .isEmpty());
            assertThat(browser.find("#rules-log .rl-version").getDomAttribute("data-applied"))
                    .isEqualTo(String.valueOf(version));
            Path shot = browser.screenshot("rules-log.png");
            assertThat(Files.size(shot)).isGreaterThan(10_000);
        }
    }

    private static byte[] retained(String topic) throws Exception {
        java.util.concurrent.BlockingQueue<MqttMessage> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        MqttClient client = new MqttClient(broker.uri(), "ioc-test-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void messageArrived(String t, MqttMessage message) {
                messages.add(message);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        client.connect(new MqttConnectionOptions());
        try {
            client.subscribe(topic, 1);
            MqttMessage message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("the retained rule set").isNotNull();
            return message.getPayload();
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static Kpi kpi(String name, String scopeType, String scopeId, double value, long windowEnd) {
        return new Kpi(
                name,
                scopeType,
                scopeId,
                new LocalizedText(name, name),
                windowEnd - 60_000,
                windowEnd,
                value,
                "",
                null,
                true,
                windowEnd);
    }

    private static Alert alert(
            String rule, String cameraId, Severity severity, String title, Map<String, Object> evidence, long at) {
        Entity entity = new Entity("camera", cameraId);
        return new Alert(
                Alert.idFor(rule, entity, at),
                rule,
                "traffic",
                "303",
                "303",
                "traffic",
                rule.equals("camera.offline") ? "cameraOffline" : "carAccident",
                severity,
                AlertStatus.active,
                at,
                at,
                null,
                entity,
                rule.equals("camera.offline") ? new Position(20.8648, 106.6797) : new Position(20.8602, 106.681),
                new LocalizedText(title, title),
                new LocalizedText(title, title),
                evidence,
                1);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
