package vn.haiphong.ioc.dashboards.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.Chromium;
import vn.haiphong.ioc.dashboards.testing.HistoryRows;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.Publisher;
import vn.haiphong.ioc.dashboards.testing.Samples;
import vn.haiphong.ioc.dashboards.testing.TestPostgres;

/**
 * The wall's history views in headless Chromium: the dashboards server on a real broker and the embedded PostgreSQL
 * with a day of seeded history, no Flink. Clicking a port's gust row draws its last 24 hours; the alert history
 * filters, pages and shows one alert's changes; hostile text in an alert stays text. Screenshots in
 * target/screenshots.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WallHistoryBrowserTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final int QUEUE_ALERTS = 55;
    private static final String HOSTILE = "<img src=x onerror=\"document.body.dataset.pwned=1\">Kẹt xe";

    private static Vertx vertx;
    private static MosquittoBroker broker;
    private static Publisher publisher;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        broker = MosquittoBroker.start();
        Database database = TestPostgres.embeddedDatabase();
        DashboardsConfig config = new DashboardsConfig(
                broker.uri(), "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000, Optional.of(database));
        DashboardsVerticle verticle = new DashboardsVerticle();
        await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson())));
        port = verticle.actualPort();
        // The server applies the migrations in the background; the rows go in once the tables are there.
        seedWhenMigrated(database);
        publisher = new Publisher(vertx, broker.uri());
        for (String portId : List.of("tan-vu", "dinh-vu", "lach-huyen", "hoang-dieu")) {
            await(publisher.kpi(Samples.maxGust(portId, portId.equals("tan-vu") ? 16.4 : 7.2, NOW.toEpochMilli())));
        }
        await(publisher.alert(Samples.incident("tc-001", NOW.toEpochMilli())));
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
    void opensAKpiChartAndTheAlertHistoryFromTheWall() throws Exception {
        try (Chromium browser = Chromium.start(1600, 900)) {
            browser.driver().get("http://127.0.0.1:" + port + "/");
            browser.waitFor(d -> "true".equals(browser.script("return document.body.dataset.mapReady")));
            browser.waitFor(d -> "ready".equals(browser.script("return document.body.dataset.history")));

            // A port's row of the gust tile opens that port's day.
            WebElement tanVu = browser.waitFor(d -> d.findElement(
                    By.cssSelector("li.gust-row[data-kpi='max-gust/port/tan-vu'][data-value]:not([data-value=''])")));
            tanVu.click();
            browser.waitFor(d -> "ready".equals(browser.find("#kpi-chart").getDomAttribute("data-state")));
            assertThat(browser.find("#history-title").getText()).contains("24 giờ qua");
            int points = Integer.parseInt(browser.find("#kpi-chart").getDomAttribute("data-points"));
            // 5-minute bins over a day, less the hour the station was silent.
            assertThat(points).isBetween(270, 289);
            // The silent hour splits the line in two.
            assertThat(browser.driver().findElements(By.cssSelector("#kpi-chart path.chart-line")))
                    .hasSize(2);
            assertThat(browser.driver().findElements(By.cssSelector("#kpi-chart .chart-target")))
                    .hasSize(1);
            assertThat(new Select(browser.find("#chart-scope"))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo("Cảng Tân Vũ");
            assertThat(browser.find(".chart-summary").getText()).contains("m/s");

            WebElement overlay = browser.find("#kpi-chart .chart-overlay");
            new Actions(browser.driver())
                    .moveToElement(overlay, overlay.getSize().getWidth() / 5, 0)
                    .perform();
            WebElement tip = browser.waitFor(d -> {
                WebElement t = browser.find("#kpi-chart .chart-tip");
                return t.isDisplayed() ? t : null;
            });
            assertThat(tip.getText()).contains("Trung bình").contains("m/s");
            browser.screenshot("history-chart.png");

            browser.find("#history-close").click();
            browser.waitFor(d -> !browser.find("#history").isDisplayed());

            // The alert history: the first page, then the next through the cursor.
            browser.find("#history-open").click();
            int total = QUEUE_ALERTS + 4;
            browser.waitFor(d -> d.findElements(By.cssSelector("#ah-list li")).size() == 50);
            assertThat(browser.find("#ah-more").isDisplayed()).isTrue();
            browser.find("#ah-more").click();
            browser.waitFor(d -> d.findElements(By.cssSelector("#ah-list li")).size() == total);
            assertThat(browser.find("#ah-more").isDisplayed()).isFalse();

            // What came with the data is text: the markup shows as characters and nothing ran.
            assertThat(browser.driver().findElements(By.cssSelector("#history img")))
                    .isEmpty();
            assertThat(browser.find("#ah-list").getText()).contains("<img src=x");
            assertThat(browser.script("return document.body.dataset.pwned")).isNull();

            // Only the port's alerts, then one of them with all its changes.
            new Select(browser.find("#ah-domain")).selectByValue("port");
            browser.waitFor(d -> d.findElements(By.cssSelector("#ah-list li")).size() == 2);
            browser.find("#ah-list li[data-severity='critical']").click();
            browser.waitFor(
                    d -> d.findElements(By.cssSelector("#ah-changes li")).size() == 3);
            List<WebElement> changes = browser.driver().findElements(By.cssSelector("#ah-changes li"));
            assertThat(changes.get(0).getDomAttribute("data-severity")).isEqualTo("high");
            assertThat(changes.get(2).getDomAttribute("data-severity")).isEqualTo("critical");
            assertThat(browser.find("#ah-detail").getText()).contains("Dừng làm việc tại cảng Tân Vũ");
            Path vi = browser.screenshot("history-alerts.png");

            // English keeps the filters and the chosen alert.
            browser.find("#lang-switch").click();
            browser.waitFor(d -> browser.find("#history-title").getText().equals("Alert history"));
            assertThat(browser.find("#ah-detail").getText()).contains("Stop work at Tan Vu port");
            assertThat(browser.driver().findElements(By.cssSelector("#ah-list li")))
                    .hasSize(2);
            Path en = browser.screenshot("history-alerts-en.png");
            assertThat(Files.size(vi)).isGreaterThan(10_000);
            assertThat(Files.size(en)).isGreaterThan(10_000);
        }
    }

    private static void seedWhenMigrated(Database database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (var connection = TestPostgres.connect(database);
                    var check = connection.createStatement();
                    var result = check.executeQuery("SELECT to_regclass('report_status') IS NOT NULL")) {
                result.next();
                if (result.getBoolean(1)) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dashboards did not apply the migrations within 60 s");
            }
            await(vertx.timer(100));
        }
        try (HistoryRows rows = new HistoryRows(TestPostgres.connect(database))) {
            // A storm at Tân Vũ five hours ago; the station was silent for an hour in the night.
            Random random = new Random(7);
            for (int minute = 24 * 60; minute >= 0; minute--) {
                Instant end = NOW.minus(minute, ChronoUnit.MINUTES);
                if (minute > 13 * 60 && minute <= 14 * 60) {
                    continue;
                }
                double hoursFromPeak = (minute - 5 * 60) / 60.0;
                double gust = 7
                        + 2 * Math.sin(minute / 90.0)
                        + 14 * Math.exp(-hoursFromPeak * hoursFromPeak / 2)
                        + random.nextDouble() * 3;
                rows.kpiValue("max-gust", "port", "tan-vu", end, Math.round(gust * 10) / 10.0, "m/s", 15.0);
            }
            Instant day = NOW.minus(1, ChronoUnit.DAYS);
            UUID wind = UUID.randomUUID();
            rows.alertChange(
                            wind,
                            1,
                            "port",
                            "tan-vu",
                            "318",
                            "high",
                            "active",
                            t(day, 17),
                            t(day, 17),
                            "Cảnh báo gió giật tại cảng Tân Vũ",
                            "Wind warning at Tan Vu port")
                    .alertChange(
                            wind,
                            2,
                            "port",
                            "tan-vu",
                            "318",
                            "critical",
                            "active",
                            t(day, 17),
                            t(day, 18),
                            "Dừng làm việc tại cảng Tân Vũ",
                            "Stop work at Tan Vu port")
                    .alertChange(
                            wind,
                            3,
                            "port",
                            "tan-vu",
                            "318",
                            "critical",
                            "active",
                            t(day, 17),
                            t(day, 19),
                            "Dừng làm việc tại cảng Tân Vũ",
                            "Stop work at Tan Vu port");
            UUID crane = UUID.randomUUID();
            rows.alertChange(
                            crane,
                            1,
                            "port",
                            "dinh-vu",
                            "318",
                            "medium",
                            "active",
                            t(day, 20),
                            t(day, 20),
                            "Cẩu STS-03 báo lỗi",
                            "Crane STS-03 fault")
                    .alertChange(
                            crane,
                            2,
                            "port",
                            "dinh-vu",
                            "318",
                            "medium",
                            "cleared",
                            t(day, 20),
                            t(day, 21),
                            "Cẩu STS-03 báo lỗi",
                            "Crane STS-03 fault");
            UUID hostile = UUID.randomUUID();
            rows.alertChange(
                    hostile, 1, "traffic", "303", "303", "high", "active", t(day, 22), t(day, 22), HOSTILE, HOSTILE);
            UUID report = UUID.randomUUID();
            rows.alertChange(
                    report,
                    1,
                    "report",
                    "304",
                    "304",
                    "medium",
                    "active",
                    t(day, 12),
                    t(day, 12),
                    "Phản ánh ngập úng quá hạn tiếp nhận",
                    "Flooding report not acknowledged in time");
            for (int i = 0; i < QUEUE_ALERTS; i++) {
                Instant at = NOW.minus(10 + i * 20L, ChronoUnit.MINUTES);
                rows.alertChange(
                        UUID.randomUUID(),
                        1,
                        "traffic",
                        "305",
                        "305",
                        "low",
                        "active",
                        at,
                        at,
                        "Ùn tắc tại nút giao " + (i + 1),
                        "Congestion at junction " + (i + 1));
            }
        }
    }

    private static Instant t(Instant day, int hours) {
        return day.plus(hours, ChronoUnit.HOURS);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
