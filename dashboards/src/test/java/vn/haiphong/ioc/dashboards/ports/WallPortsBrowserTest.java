package vn.haiphong.ioc.dashboards.ports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.Chromium;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.Publisher;
import vn.haiphong.ioc.dashboards.testing.Samples;

/**
 * The wall's port panel and vessel layer in headless Chromium, fed through a real broker as the Flink job feeds it:
 * port KPIs on ioc/v1/kpi/{kpi}/port/{portId} and retained vessels on ioc/v1/vessel/{portId}/{mmsi}. Screenshots in
 * target/screenshots.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WallPortsBrowserTest {
    private static final String HOSTILE_NAME = "<img src=x onerror=\"document.body.dataset.pwned=1\">TAN CANG 08";
    private static final long MMSI = 574001230L;

    private static Vertx vertx;
    private static MosquittoBroker broker;
    private static Publisher publisher;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        broker = MosquittoBroker.start();
        DashboardsConfig config =
                new DashboardsConfig(broker.uri(), "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000);
        DashboardsVerticle verticle = new DashboardsVerticle();
        await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson())));
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
    void showsAPortsKpisAndItsVesselsAsTheyArrive() throws Exception {
        long now = Instant.now().toEpochMilli();
        try (Chromium browser = Chromium.start(1600, 900)) {
            browser.driver().get("http://127.0.0.1:" + port + "/");
            browser.waitFor(d -> "true".equals(browser.script("return document.body.dataset.mapReady")));
            WebElement panel = browser.waitFor(d -> {
                WebElement p = browser.find("#port-panel");
                return p.isDisplayed() ? p : null;
            });
            assertThat(panel.getDomAttribute("data-port")).isEqualTo("tan-vu");
            // Nothing published yet: every figure is a dash.
            assertThat(cell(browser, "gate-queue")).isEqualTo("—");
            assertThat(browser.find(".port-card[data-port='tan-vu'] .gauge-value")
                            .getText())
                    .isEqualTo("—");

            Map<String, Double> figures = Map.of(
                    "max-gust", 17.4,
                    "cranes-working", 6.0,
                    "cranes-stopped", 2.0,
                    "gate-queue", 37.0,
                    "gate-wait", 28.0,
                    "trucks-per-hour", 214.0,
                    "crane-moves-per-hour", 182.0,
                    "yard-occupancy", 87.5,
                    "reefers-out-of-range", 3.0,
                    "vessels-at-berth", 4.0);
            for (Map.Entry<String, Double> figure : figures.entrySet()) {
                await(publisher.kpi(Samples.portKpi(figure.getKey(), "tan-vu", figure.getValue(), "", now)));
            }
            await(publisher.kpi(Samples.portKpi("gate-queue", "dinh-vu", 5, "", now)));
            Vessel ship = new Vessel(MMSI, HOSTILE_NAME, 20.8372, 106.7790, 0.1, 312.0, 315, 5, true, now);
            Vessel underway = Samples.vessel(574009999L, null, 20.8290, 106.7835, 200, false, now);
            await(publisher.raw(ship.topic("tan-vu"), OutboundCodec.encode(ship), true));
            await(publisher.raw(underway.topic("tan-vu"), OutboundCodec.encode(underway), true));

            browser.waitFor(d -> cell(browser, "reefers-out-of-range").equals("3"));
            browser.waitFor(d -> cell(browser, "vessels-at-berth").equals("4"));
            assertThat(cell(browser, "gate-queue")).isEqualTo("37 xe");
            assertThat(cell(browser, "cranes")).isEqualTo("6 / 2");
            assertThat(cell(browser, "yard-occupancy")).isEqualTo("87,5 %");
            assertThat(cell(browser, "water-level")).isEqualTo("—");
            assertThat(browser.find(".port-card[data-port='tan-vu'] .pm[data-metric='yard-occupancy']")
                            .getDomAttribute("class"))
                    .contains("alarm");
            WebElement gauge = browser.find(".port-card[data-port='tan-vu'] .pm-gauge");
            assertThat(gauge.getDomAttribute("data-level")).isEqualTo("warn");
            assertThat(browser.find(".port-card[data-port='tan-vu'] .gauge-value")
                            .getText())
                    .isEqualTo("17,4 m/s");

            // The vessel: a marker turned to its heading, its tooltip as text.
            WebElement marker = browser.waitFor(
                    d -> d.findElements(By.cssSelector(".vessel-marker[data-mmsi='" + MMSI + "']")).stream()
                            .findFirst()
                            .orElse(null));
            String transform = (String)
                    browser.script("return arguments[0].querySelector('.vessel-ship').style.transform", marker);
            assertThat(transform).isEqualTo("rotate(315deg)");
            assertThat(browser.driver().findElements(By.cssSelector(".vessel-marker")))
                    .hasSize(2);
            Path city = browser.screenshot("ports-panel-city.png");
            // The tab brings the port close, where its ships no longer hide under its label.
            browser.find(".port-tab[data-port='tan-vu']").click();
            browser.waitFor(d -> "tan-vu".equals(browser.script("return document.body.dataset.portFocus")));
            new Actions(browser.driver()).moveToElement(marker).perform();
            WebElement tip =
                    browser.waitFor(d -> d.findElements(By.cssSelector(".leaflet-tooltip.wall-tooltip")).stream()
                            .filter(t -> t.getText().contains("MMSI " + MMSI))
                            .findFirst()
                            .orElse(null));
            assertThat(tip.getText())
                    .contains("<img src=x")
                    .contains("Đang cập bến")
                    .contains("hải lý/giờ");
            assertThat(browser.driver().findElements(By.cssSelector("#map img[src='x']")))
                    .isEmpty();
            assertThat(browser.script("return document.body.dataset.pwned")).isNull();
            Path vi = browser.screenshot("ports-panel.png");

            // Another port's tab shows its own figures; the switch to English keeps the panel.
            browser.find(".port-tab[data-port='dinh-vu']").click();
            browser.waitFor(d -> browser.find(".port-card[data-port='dinh-vu']").isDisplayed());
            assertThat(cell(browser, "dinh-vu", "gate-queue")).isEqualTo("5 xe");
            assertThat(cell(browser, "dinh-vu", "reefers-out-of-range")).isEqualTo("—");
            browser.find(".port-tab[data-port='tan-vu']").click();
            browser.find("#lang-switch").click();
            browser.waitFor(d -> browser.find("#port-panel-title").getText().equalsIgnoreCase("Ports"));
            assertThat(cell(browser, "gate-queue")).isEqualTo("37 trucks");
            assertThat(browser.find(".port-card[data-port='tan-vu'] .pm[data-metric='gate-queue'] .pm-label")
                            .getText())
                    .isEqualTo("Gate queue");
            Path en = browser.screenshot("ports-panel-en.png");

            // It leaves the port's area: an empty retained message, and the marker goes.
            await(publisher.raw(ship.topic("tan-vu"), new byte[0], true));
            browser.waitFor(d -> d.findElements(By.cssSelector(".vessel-marker[data-mmsi='" + MMSI + "']"))
                    .isEmpty());
            assertThat(browser.driver().findElements(By.cssSelector(".vessel-marker")))
                    .hasSize(1);
            assertThat(Files.size(city)).isGreaterThan(10_000);
            assertThat(Files.size(vi)).isGreaterThan(10_000);
            assertThat(Files.size(en)).isGreaterThan(10_000);
        }
    }

    private static String cell(Chromium browser, String kpi) {
        return cell(browser, "tan-vu", kpi);
    }

    private static String cell(Chromium browser, String portId, String kpi) {
        return browser.find(".port-card[data-port='" + portId + "'] .pm[data-metric='" + kpi + "'] .pm-value")
                .getText();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
