package vn.haiphong.ioc.dashboards.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsConfig.CitizenLimits;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.Chromium;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.TestPostgres;

/**
 * A citizen files a report from a phone-sized headless Chromium: category, a tap on the map, a photo, a description
 * with markup in it; then follows it on the tracking page as its status changes. The dashboards server runs on a real
 * broker and the embedded PostgreSQL, without Flink: the test stores the published report and its updates in the
 * history as the job's writer would. Screenshots in target/screenshots/citizen-*.png.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CitizenBrowserTest {
    static final String HOSTILE =
            "Cống tràn <img src=x onerror=alert(1)> <script>document.body.dataset.pwned=1</script>"
                    + " & \"nước\" ngập 40 cm";

    private static Vertx vertx;
    private static MosquittoBroker broker;
    private static MqttClient listener;
    private static final LinkedBlockingQueue<byte[]> reports = new LinkedBlockingQueue<>();
    private static Database database;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        broker = MosquittoBroker.start();
        listener = new MqttClient(broker.uri(), "citizen-browser-" + UUID.randomUUID(), new MemoryPersistence());
        listener.connect(new MqttConnectionOptions());
        listener.subscribe(
                new MqttSubscription[] {new MqttSubscription(Topics.reportNew(), 1)},
                new IMqttMessageListener[] {(topic, message) -> reports.add(message.getPayload())});
        database = TestPostgres.embeddedDatabase();
        DashboardsConfig config = new DashboardsConfig(
                broker.uri(),
                "127.0.0.1",
                0,
                Optional.empty(),
                Optional.empty(),
                1_000,
                Optional.of(database),
                new DashboardsConfig.PortFeeds(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Files.createTempDirectory("ioc-citizen-browser-")),
                        DashboardsConfig.PortFeeds.DEFAULT_HEARTBEAT_MS));
        DashboardsVerticle verticle = new DashboardsVerticle();
        // One report a minute per phone, so the second one shows the limit's message.
        JsonObject json = config.toJson().put(CitizenLimits.BURST, 1).put(CitizenLimits.PER_MINUTE, 1);
        await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(json)));
        port = verticle.actualPort();
        waitForMigrations();
    }

    @AfterAll
    static void stop() throws Exception {
        if (listener != null) {
            listener.disconnect();
            listener.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aCitizenFilesAReportFromThePhoneAndFollowsIt() throws Exception {
        Path photo = Files.createTempFile("street-", ".png");
        Files.write(photo, CitizenApiTest.pngWithText());
        try (Chromium browser = phone()) {
            String base = "http://127.0.0.1:" + port;
            browser.driver().get(base + "/citizen/");
            browser.waitFor(d -> "true".equals(browser.script("return document.body.dataset.mapReady")));
            browser.waitFor(d -> "true".equals(browser.find("#categories").getDomAttribute("data-ready")));
            assertThat(browser.find(".brand-name").getText()).isEqualTo("HP Smart · Phản ánh hiện trường");
            assertThat((Long) browser.script("return window.innerWidth")).isEqualTo(390L);
            assertThat((Long) browser.script("return document.documentElement.scrollWidth"))
                    .as("nothing wider than the phone")
                    .isLessThanOrEqualTo(390L);
            browser.screenshot("citizen-start.png");

            // 1. The category, by its Vietnamese name.
            WebElement flooding = browser.find("input[name=category][value=flooding]");
            assertThat(flooding.findElement(By.xpath("..")).getText()).isEqualTo("Ngập úng");
            browser.script("arguments[0].scrollIntoView({block: 'center'})", flooding);
            flooding.findElement(By.xpath("..")).click();
            assertThat(flooding.isSelected()).isTrue();

            // 2. A tap in the middle of the map: the city centre.
            WebElement map = browser.find("#map");
            browser.script("arguments[0].scrollIntoView({block: 'center'})", map);
            new Actions(browser.driver()).moveToElement(map).click().perform();
            browser.waitFor(d -> browser.find("#place-status").getText().startsWith("Đã chọn vị trí"));
            browser.screenshot("citizen-form-map.png");
            assertThat(browser.driver().findElements(By.cssSelector("#map path.leaflet-interactive")))
                    .hasSize(1);

            // 3. A photo: uploaded at once, the preview is the server's re-encoded copy.
            browser.find("#photo").sendKeys(photo.toString());
            browser.waitFor(d -> "ready".equals(browser.script("return document.body.dataset.photo")));
            String preview = browser.find("#photo-preview").getDomAttribute("src");
            assertThat(preview).matches("/media/[A-Za-z0-9_-]{24}\\.jpg");
            browser.waitFor(
                    d -> (Long) browser.script("return document.querySelector('#photo-preview').naturalWidth") > 0);

            // 4. The description, with its counter.
            WebElement description = browser.find("#description");
            description.sendKeys(HOSTILE);
            assertThat(browser.find("#counter").getText()).isEqualTo(HOSTILE.length() + "/4000 ký tự");
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("citizen-form-top.png");
            browser.script("arguments[0].scrollIntoView({block: 'center'})", description);
            browser.screenshot("citizen-form-bottom.png");

            tap(browser, browser.find("#submit"));
            browser.waitFor(d -> browser.find("#done").isDisplayed());
            String id = browser.find("#done-id").getText();
            assertThat(id).matches("hp-\\d{14}-[a-z2-9]{8}");
            assertThat(browser.find("#track-link").getDomAttribute("href")).isEqualTo("/citizen/track.html?id=" + id);
            assertThat(browser.find("#my-reports").getText()).contains(id).contains("Ngập úng");
            browser.screenshot("citizen-sent.png");

            // What the app published is what the citizen gave, and nothing of the phone.
            byte[] payload = published(id);
            assertThat(payload).as("report " + id + " on the broker").isNotNull();
            ReportNew report = (ReportNew) new InboundCodec(ReferenceData.defaults())
                    .decode(Topics.reportNew(), payload, System.currentTimeMillis())
                    .event();
            assertThat(report.serviceCode()).isEqualTo("flooding");
            assertThat(report.description()).isEqualTo(HOSTILE);
            assertThat(report.mediaUrl()).isEqualTo(preview);
            assertThat(report.deviceId()).isNull();
            assertThat(new String(payload, StandardCharsets.UTF_8)).doesNotContain("device");

            // Before the history has it, the tracking page says it is waiting.
            tap(browser, browser.find("#track-link"));
            browser.waitFor(d -> "waiting".equals(browser.script("return document.body.dataset.track")));
            assertThat(browser.find("#track-message").getText()).contains("đang chờ hệ thống ghi nhận");

            // The job's writer stores it and the agency takes it up; the page shows it on its next refresh.
            Instant now = Instant.now();
            store(report);
            update("U-" + id + "-1", id, "OPEN", null, null, now.plusSeconds(1));
            update(
                    "U-" + id + "-2",
                    id,
                    "IN_PROGRESS",
                    "Công ty TNHH MTV Thoát nước Hải Phòng",
                    "Đã cử đội <b>xử lý</b>",
                    now.plusSeconds(2));
            browser.driver().navigate().refresh();
            browser.waitFor(d -> "ready".equals(browser.script("return document.body.dataset.track")));
            browser.waitFor(d -> "true".equals(browser.script("return document.body.dataset.mapReady")));
            browser.waitFor(d -> (Long) browser.script("return document.querySelector('#photo').naturalWidth") > 0);
            assertThat(browser.find("#current-status").getText()).isEqualTo("Đang xử lý");
            assertThat(browser.find("#category").getText()).isEqualTo("Ngập úng");

            // The markup is shown as characters, and nothing in it ran.
            assertThat(browser.find("#description").getText()).isEqualTo(HOSTILE);
            assertThat(browser.driver().findElements(By.cssSelector("#description *")))
                    .isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector("img[src='x']")))
                    .isEmpty();
            assertThat(browser.find("#updates").getText())
                    .contains("Đã tiếp nhận")
                    .contains("Công ty TNHH MTV Thoát nước Hải Phòng")
                    .contains("Đã cử đội <b>xử lý</b>");
            assertThat(browser.script("return document.body.dataset.pwned")).isNull();
            assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            browser.screenshot("citizen-track.png");
            browser.script("document.querySelector('#photo').scrollIntoView({block: 'start'})");
            browser.screenshot("citizen-track-history.png");

            // Fixed: the page refreshes by itself within 15 s.
            update("U-" + id + "-3", id, "FIXED", "Công ty TNHH MTV Thoát nước Hải Phòng", null, now.plusSeconds(3));
            browser.waitFor(d -> browser.find("#current-status").getText().equals("Đã khắc phục"));
            assertThat(browser.driver().findElements(By.cssSelector("#updates li")))
                    .hasSize(3);

            // In English on the switch, and the choice is remembered.
            tap(browser, browser.find("#lang-switch"));
            assertThat(browser.find("#current-status").getText()).isEqualTo("Fixed");
            assertThat(browser.find("#category").getText()).isEqualTo("Flooding");
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("citizen-track-en.png");
            browser.driver().get(base + "/citizen/");
            browser.waitFor(d -> "true".equals(browser.find("#categories").getDomAttribute("data-ready")));
            assertThat(browser.find("#submit").getText()).isEqualTo("Send report");
            assertThat(browser.find("#my-reports").getText()).contains(id).contains("Flooding");
            assertThat(browser.script("return document.body.dataset.pwned")).isNull();
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    @Test
    void saysWhatIsMissingAndRefusesAFileThatIsNotAnImage() throws Exception {
        Path fake = Files.createTempFile("not-a-photo-", ".jpg");
        Files.writeString(fake, "<html><script>document.body.dataset.pwned=1</script></html>");
        try (Chromium browser = phone()) {
            browser.driver().get("http://127.0.0.1:" + port + "/citizen/");
            browser.waitFor(d -> "true".equals(browser.find("#categories").getDomAttribute("data-ready")));
            tap(browser, browser.find("#submit"));
            assertThat(browser.find("#form-error").getText()).isEqualTo("Hãy chọn loại phản ánh.");
            tap(browser, browser.find("input[name=category][value=waste]").findElement(By.xpath("..")));
            tap(browser, browser.find("#submit"));
            assertThat(browser.find("#form-error").getText()).isEqualTo("Hãy chọn vị trí trên bản đồ.");

            browser.find("#photo").sendKeys(fake.toString());
            browser.waitFor(d -> "failed".equals(browser.script("return document.body.dataset.photo")));
            assertThat(browser.find("#photo-status").getText())
                    .isEqualTo("Tệp này không phải ảnh JPEG, PNG hoặc WebP.");
            assertThat(browser.find("#photo-box").isDisplayed()).isFalse();
            assertThat(browser.script("return document.body.dataset.pwned")).isNull();
            browser.screenshot("citizen-errors.png");

            // "Use my location": refused, the page says to tap the map; allowed, the pin goes where the phone is.
            browser.driver()
                    .executeCdpCommand(
                            "Browser.setPermission",
                            java.util.Map.of(
                                    "permission", java.util.Map.of("name", "geolocation"), "setting", "denied"));
            tap(browser, browser.find("#locate"));
            browser.waitFor(d -> browser.find("#place-status").getText().startsWith("Bạn chưa cho phép"));
            assertThat(browser.find("#place-status").getText()).contains("chạm vào bản đồ");
            browser.driver()
                    .executeCdpCommand(
                            "Browser.setPermission",
                            java.util.Map.of(
                                    "permission", java.util.Map.of("name", "geolocation"), "setting", "granted"));
            browser.driver()
                    .executeCdpCommand(
                            "Emulation.setGeolocationOverride",
                            java.util.Map.of("latitude", 20.8449, "longitude", 106.6881, "accuracy", 10));
            tap(browser, browser.find("#locate"));
            browser.waitFor(d -> browser.find("#place-status").getText().startsWith("Đã chọn vị trí"));
            assertThat(browser.find("#place-status").getText())
                    .contains("20.8449")
                    .contains("106.6881");

            // Sent once; at once a second time from the same phone: the limit, in words.
            browser.find("#description").sendKeys("Rác tồn đọng ba ngày");
            tap(browser, browser.find("#submit"));
            browser.waitFor(d -> browser.find("#done").isDisplayed());
            tap(browser, browser.find("#another"));
            tap(browser, browser.find("input[name=category][value=waste]").findElement(By.xpath("..")));
            browser.find("#description").sendKeys("Vẫn chưa thu gom");
            tap(browser, browser.find("#submit"));
            browser.waitFor(d -> browser.find("#form-error").isDisplayed());
            assertThat(browser.find("#form-error").getText())
                    .matches("Bạn đã gửi quá nhiều phản ánh trong thời gian ngắn\\. Hãy thử lại sau \\d+ giây\\.");
            assertThat(browser.find("#done").isDisplayed()).isFalse();
            browser.screenshot("citizen-rate-limited.png");
        } finally {
            Files.deleteIfExists(fake);
        }
    }

    /** A phone-sized viewport (a desktop window cannot be narrower than 500 px), touch included. */
    private static Chromium phone() throws Exception {
        Chromium browser = Chromium.start(390, 844);
        browser.driver()
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        browser.driver().executeCdpCommand("Emulation.setTouchEmulationEnabled", java.util.Map.of("enabled", true));
        return browser;
    }

    /** Scrolls the element to the middle first: the sticky header must not take the click. */
    private static void tap(Chromium browser, WebElement element) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** The published report of that id (the other test's reports are on the same broker), or null. */
    private static byte[] published(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        InboundCodec codec = new InboundCodec(ReferenceData.defaults());
        while (System.nanoTime() < deadline) {
            byte[] payload = reports.poll(1, TimeUnit.SECONDS);
            if (payload == null) {
                continue;
            }
            Decoded decoded = codec.decode(Topics.reportNew(), payload, System.currentTimeMillis());
            assertThat(decoded.isOk()).as(decoded.toString()).isTrue();
            if (((ReportNew) decoded.event()).serviceRequestId().equals(id)) {
                return payload;
            }
        }
        return null;
    }

    /** The report as the Flink job's history writer stores it (its columns; no account or device). */
    private static void store(ReportNew report) throws Exception {
        try (Connection connection = TestPostgres.connect(database);
                PreparedStatement s = connection.prepareStatement("INSERT INTO reports (service_request_id,"
                        + " service_code, area, lat, lon, address, description, media_url, requested_at,"
                        + " received_at) VALUES (?, ?, '303', ?, ?, NULL, ?, ?, ?, ?)")) {
            s.setString(1, report.serviceRequestId());
            s.setString(2, report.serviceCode());
            s.setDouble(3, report.lat());
            s.setDouble(4, report.lon());
            s.setString(5, report.description());
            s.setString(6, report.mediaUrl());
            s.setTimestamp(7, new Timestamp(report.requestedDatetime()));
            s.setTimestamp(8, new Timestamp(report.requestedDatetime() + 500));
            s.executeUpdate();
        }
    }

    private static void update(String updateId, String id, String status, String agency, String text, Instant at)
            throws Exception {
        try (Connection connection = TestPostgres.connect(database);
                PreparedStatement s = connection.prepareStatement("INSERT INTO report_updates (update_id,"
                        + " service_request_id, status, agency_responsible, description, updated_at, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, updateId);
            s.setString(2, id);
            s.setString(3, status);
            s.setString(4, agency);
            s.setString(5, text);
            s.setTimestamp(6, Timestamp.from(at));
            s.setTimestamp(7, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    private static void waitForMigrations() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection connection = TestPostgres.connect(database);
                    var check = connection.createStatement();
                    var result = check.executeQuery("SELECT to_regclass('report_status') IS NOT NULL")) {
                result.next();
                if (result.getBoolean(1)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dashboards did not apply the migrations within 60 s");
            }
            await(vertx.timer(100));
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
