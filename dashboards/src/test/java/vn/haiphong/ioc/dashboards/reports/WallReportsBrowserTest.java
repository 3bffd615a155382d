package vn.haiphong.ioc.dashboards.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.TimeUnit;
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
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.auth.OperatorTokens;
import vn.haiphong.ioc.dashboards.testing.Chromium;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.Publisher;

/**
 * The wall's citizen reports in headless Chromium, fed through a real broker as the Flink job feeds it: retained
 * ReportViews on ioc/v1/report/{id}, a report.hotspot alert with its outline and an incident.fused alert. Screenshots
 * in target/screenshots.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WallReportsBrowserTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
            + " Nguyễn Văn Hùng ở số 12 Tô Hiệu báo: nước ngập sâu 40 cm";
    private static final String ACCOUNT = "acc-5e1f00d";
    private static final String PHONE = "0912 345 678";
    private static final long MINUTE = 60_000L;
    private static final String OPERATOR_TOKEN = "wall-reports-test-operator-token-0123456789";

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
                new JsonObject().put("op-minh", OperatorTokens.entry(List.of("operator"), OPERATOR_TOKEN)));
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
    void showsTheReportsLateFirstTheirTextAsTextTheHotspotAndTheFusedIncident() throws Exception {
        long now = Instant.now().toEpochMilli();
        // Around camera tc-001 (20.8602, 106.681), in area 303.
        ReportView onTime = report(
                "hp-2026-000101",
                "flooding",
                "Ngập úng",
                "Flooding",
                20.8598,
                106.6822,
                "OPEN",
                "Nước ngập ngang bánh xe máy",
                now - 20 * MINUTE,
                null,
                false,
                1);
        ReportView escalated = report(
                "hp-2026-000102",
                "road-damage",
                "Hư hỏng mặt đường",
                "Road damage",
                20.8571,
                106.6871,
                "INVESTIGATING",
                "Ổ gà lớn giữa đường",
                now - 60 * 60 * MINUTE,
                ReportView.LATE_RESOLVE,
                true,
                3);
        ReportView hostile = report(
                "hp-2026-000103",
                "flooding",
                "Ngập úng",
                "Flooding",
                20.8607,
                106.6838,
                "OPEN",
                HOSTILE,
                now - 90 * MINUTE,
                ReportView.LATE_ACKNOWLEDGE,
                false,
                2);
        ReportView resolveLate = report(
                "hp-2026-000104",
                "street-lighting",
                "Chiếu sáng công cộng",
                "Street lighting",
                20.8532,
                106.6760,
                "IN_PROGRESS",
                "Đèn đường tắt cả dãy",
                now - 40 * 60 * MINUTE,
                ReportView.LATE_RESOLVE,
                false,
                4);
        ReportView inProgress = report(
                "hp-2026-000105",
                "waste",
                "Rác thải",
                "Waste",
                20.8650,
                106.6790,
                "IN_PROGRESS",
                "Rác tồn đọng",
                now - 2 * 60 * MINUTE,
                null,
                false,
                2);
        ReportView fixed = report(
                "hp-2026-000106",
                "fallen-tree",
                "Cây đổ",
                "Fallen tree",
                20.8580,
                106.6800,
                "FIXED",
                "Cây đổ chắn ngõ",
                now - 5 * 60 * MINUTE,
                null,
                false,
                5);

        try (Chromium browser = Chromium.start(1920, 1080)) {
            browser.driver().get("http://127.0.0.1:" + port + "/");
            browser.waitFor(d -> "true".equals(browser.script("return document.body.dataset.mapReady")));
            // Any script the hostile text managed to run would call these.
            browser.script("window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));");
            long scripts = (Long) browser.script("return document.scripts.length");

            for (ReportView r : List.of(onTime, escalated, resolveLate, inProgress, fixed)) {
                await(publisher.raw(r.topic(), OutboundCodec.encode(r), true));
            }
            // The job's view carries no personal data; a payload that did anyway must not bring it to the wall.
            ObjectNode withPersonal = (ObjectNode) Json.mapper().readTree(OutboundCodec.encode(hostile));
            withPersonal.put("account_id", ACCOUNT).put("phone", PHONE);
            await(publisher.raw(hostile.topic(), Json.mapper().writeValueAsBytes(withPersonal), true));
            await(publisher.alert(hotspot(now)));
            Alert incident = fused(now, onTime);
            await(publisher.alert(incident));
            await(publisher.kpi(cityKpi("reports-received-today", 12, "reports", null, now)));
            await(publisher.kpi(cityKpi("reports-open", 5, "reports", null, now)));
            await(publisher.kpi(cityKpi("reports-ack-on-time", 91.5, "%", 98.0, now)));
            await(publisher.kpi(cityKpi("reports-resolved-on-time", 98.4, "%", 98.0, now)));
            await(publisher.kpi(cityKpi("reports-first-response-median", 42, "min", null, now)));

            // Open reports only, escalated, then late to resolve, then late to acknowledge, then by deadline.
            browser.waitFor(d -> rowIds(browser).size() == 5);
            assertThat(rowIds(browser))
                    .containsExactly(
                            "hp-2026-000102", "hp-2026-000104", "hp-2026-000103", "hp-2026-000101", "hp-2026-000105");
            assertThat(row(browser, "hp-2026-000102").getDomAttribute("data-level"))
                    .isEqualTo("escalated");
            assertThat(row(browser, "hp-2026-000102").getText())
                    .contains("Hư hỏng mặt đường")
                    .contains("quá hạn xử lý")
                    .contains("Đã chuyển cấp trên");
            assertThat(row(browser, "hp-2026-000101").getText()).contains("còn").contains("để tiếp nhận");
            assertThat(browser.find("#deadline-count").getText()).isEqualTo("5");
            assertThat(browser.find("#deadline-late").getText()).isEqualTo("3 quá hạn");
            // The city's report KPIs head the panel; below its 98 % target is marked.
            browser.waitFor(d -> !browser.find(".rk[data-kpi='reports-first-response-median']")
                    .getDomAttribute("data-value")
                    .isEmpty());
            assertThat(browser.find(".rk[data-kpi='reports-received-today'] .rk-value")
                            .getText())
                    .isEqualTo("12");
            assertThat(browser.find(".rk[data-kpi='reports-ack-on-time']").getDomAttribute("class"))
                    .contains("below-target");
            assertThat(browser.find(".rk[data-kpi='reports-resolved-on-time']").getDomAttribute("class"))
                    .doesNotContain("below-target");
            assertThat(browser.find(".rk[data-kpi='reports-resolved-on-time'] .rk-value")
                            .getText())
                    .isEqualTo("98,4 %");
            assertThat(browser.find(".rk[data-kpi='reports-first-response-median'] .rk-value")
                            .getText())
                    .isEqualTo("42 phút");

            // The hotspot's outline and the fused incident's marker and links are drawn.
            browser.waitFor(
                    d -> !d.findElements(By.cssSelector("path.hotspot-outline")).isEmpty());
            WebElement fusedMarker = browser.waitFor(d -> d.findElements(By.cssSelector(".fused-icon")).stream()
                    .findFirst()
                    .orElse(null));
            browser.waitFor(
                    d -> d.findElements(By.cssSelector("path.fused-link")).size() == 2);
            Path city = browser.screenshot("wall-reports-city.png");

            // The fused incident lists the camera and the report as its evidence.
            browser.script("arguments[0].click()", fusedMarker);
            browser.waitFor(d -> "incident".equals(browser.find("#report-panel").getDomAttribute("data-type")));
            List<WebElement> sources = browser.driver().findElements(By.cssSelector("#report-panel .rp-source"));
            assertThat(sources).extracting(s -> s.getDomAttribute("data-type")).containsExactly("camera", "report");
            assertThat(sources.get(0).getText()).contains("tc-001").contains("86 %");
            assertThat(sources.get(1).getText()).contains("Ngập úng").contains("hp-2026-000101");

            // So does its alert in the list.
            browser.find("#report-panel-close").click();
            browser.find("#alert-list li[data-alert-id='" + incident.alertId() + "']")
                    .click();
            browser.waitFor(d -> browser.find("#report-panel").isDisplayed());
            assertThat(browser.find("#report-panel").getDomAttribute("data-id")).isEqualTo(incident.alertId());

            // The hostile report: its text shown as it was written, nothing made from it.
            row(browser, "hp-2026-000103").click();
            browser.waitFor(
                    d -> "hp-2026-000103".equals(browser.find("#report-panel").getDomAttribute("data-id")));
            WebElement description = browser.find("#report-panel .rp-description");
            assertThat(description.getText()).isEqualTo(HOSTILE);
            assertThat(description.findElements(By.xpath("./*"))).isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector("img[src='x']")))
                    .isEmpty();
            assertThat(browser.script("return document.scripts.length")).isEqualTo(scripts);
            assertThat(browser.find("#report-panel .rp-photo").getDomAttribute("src"))
                    .isEqualTo("/media/hp-2026-000103.jpg");
            String page = (String) browser.script("return document.documentElement.outerHTML");
            assertThat(page).doesNotContain(ACCOUNT).doesNotContain(PHONE);
            // No database in this test: the history says so rather than staying blank.
            browser.waitFor(
                    d -> "off".equals(browser.find("#report-panel .rp-history").getDomAttribute("data-state")));
            // Signed out: no status buttons.
            assertThat(browser.find("#report-panel .rp-actions").isDisplayed()).isFalse();
            browser.script("sessionStorage.setItem('ioc.operatorToken', 'not-a-valid-token')");
            browser.waitFor(d -> browser.find("#report-panel .rp-actions").isDisplayed());
            assertThat(browser.driver().findElements(By.cssSelector("#report-panel .rp-action")))
                    .extracting(WebElement::getText)
                    .containsExactly("Tiếp nhận", "Đang xử lý", "Đã xử lý", "Đóng", "Trùng lặp");
            browser.find("#report-panel .rp-action[data-status='INVESTIGATING']")
                    .click();
            // The server refuses an unknown token, and the wall shows its answer.
            WebElement message = browser.waitFor(d -> {
                WebElement m = browser.find("#report-panel .rp-message");
                return "error".equals(m.getDomAttribute("data-state")) ? m : null;
            });
            assertThat(message.getText()).startsWith("Không được phép:");
            // A real operator's update is accepted (the job, absent here, would then publish the new status).
            browser.script("sessionStorage.setItem('ioc.operatorToken', arguments[0])", OPERATOR_TOKEN);
            browser.find("#report-panel .rp-note").sendKeys("Đã cử tổ thoát nước đến hiện trường");
            browser.find("#report-panel .rp-action[data-status='IN_PROGRESS']").click();
            browser.waitFor(
                    d -> "ok".equals(browser.find("#report-panel .rp-message").getDomAttribute("data-state")));
            assertThat(browser.find("#report-panel .rp-message").getText()).isEqualTo("Đã gửi: Đang xử lý");
            Path panel = browser.screenshot("report-panel.png");
            assertThat(browser.script("return window.__alerts")).asList().isEmpty();

            // The escalated report: the map brings it into view, out of its cluster.
            browser.find("#report-panel-close").click();
            row(browser, "hp-2026-000102").click();
            browser.waitFor(d -> !d.findElements(By.cssSelector(".report-dot.selected[data-id='hp-2026-000102']"))
                    .isEmpty());
            Path wall = browser.screenshot("wall-reports.png");

            // English, then a report removed by its empty retained payload.
            browser.find("#lang-switch").click();
            browser.waitFor(d ->
                    browser.find("#deadlines-title [data-i18n]").getText().equalsIgnoreCase("Reports · deadlines"));
            assertThat(row(browser, "hp-2026-000102").getText())
                    .contains("Road damage")
                    .contains("Escalated");
            await(publisher.raw(onTime.topic(), new byte[0], true));
            browser.waitFor(d -> rowIds(browser).size() == 4);
            assertThat(rowIds(browser)).doesNotContain("hp-2026-000101");
            assertThat(browser.script("return document.body.dataset.reports")).isEqualTo("5");
            assertThat(browser.script("return window.__alerts")).asList().isEmpty();

            // The hotspot clears: its outline goes.
            await(publisher.alert(hotspot(now).cleared(now + MINUTE, Map.of())));
            browser.waitFor(
                    d -> d.findElements(By.cssSelector("path.hotspot-outline")).isEmpty());

            assertThat(Files.size(city)).isGreaterThan(10_000);
            assertThat(Files.size(panel)).isGreaterThan(10_000);
            assertThat(Files.size(wall)).isGreaterThan(10_000);
        }
    }

    private static Kpi cityKpi(String name, double value, String unit, Double target, long now) {
        return new Kpi(
                name,
                "city",
                "haiphong",
                new LocalizedText(name, name),
                now - MINUTE,
                now,
                value,
                unit,
                target,
                true,
                now);
    }

    /** In one read: the list is redrawn as reports arrive and every few seconds. */
    @SuppressWarnings("unchecked")
    private static List<String> rowIds(Chromium browser) {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('#deadline-list .deadline-row')].map(r => r.dataset.id)");
    }

    private static WebElement row(Chromium browser, String id) {
        return browser.find("#deadline-list .deadline-row[data-id='" + id + "']");
    }

    private static ReportView report(
            String id,
            String code,
            String vi,
            String en,
            double lat,
            double lon,
            String status,
            String description,
            long requestedAt,
            String late,
            boolean escalated,
            long seq) {
        boolean acknowledged = !status.equals("OPEN");
        boolean resolved = status.equals("FIXED");
        return new ReportView(
                id,
                code,
                new LocalizedText(vi, en),
                "303",
                lat,
                lon,
                status,
                description,
                "/media/" + id.toLowerCase() + ".jpg",
                requestedAt,
                requestedAt + seq * MINUTE,
                acknowledged ? requestedAt + 10 * MINUTE : null,
                resolved ? requestedAt + 4 * 60 * MINUTE : null,
                requestedAt + 60 * MINUTE,
                requestedAt + (acknowledged && late == null ? 7 : 24) * 60 * MINUTE,
                late,
                escalated,
                null,
                null,
                null,
                seq);
    }

    /** Five flooding reports within 500 m: the hotspot alert with the outline of their cluster. */
    private static Alert hotspot(long now) {
        Entity entity = new Entity("hotspot", "flooding/303");
        List<List<double[]>> ring = List.of(List.of(
                new double[] {106.6790, 20.8570},
                new double[] {106.6860, 20.8570},
                new double[] {106.6860, 20.8625},
                new double[] {106.6790, 20.8625},
                new double[] {106.6790, 20.8570}));
        return new Alert(
                Alert.idFor("report.hotspot", entity, now - 30 * MINUTE),
                "report.hotspot",
                "report",
                "303",
                "303",
                "report",
                "flooding",
                Severity.high,
                AlertStatus.active,
                now - 30 * MINUTE,
                now - 30 * MINUTE,
                null,
                entity,
                new Position(20.8598, 106.6825),
                new LocalizedText("Điểm nóng ngập úng: 5 phản ánh", "Flooding hotspot: 5 reports"),
                new LocalizedText(
                        "5 phản ánh ngập úng trong 500 m, 60 phút", "5 flooding reports within 500 m, 60 min"),
                Map.of(
                        "outline",
                        Map.of("type", "Polygon", "coordinates", ring),
                        "reports",
                        List.of("hp-2026-000101", "hp-2026-000103"),
                        "count",
                        5),
                1);
    }

    /** A camera's flood detection and a citizen's flooding report, 300 m and 30 minutes apart: one incident. */
    private static Alert fused(long now, ReportView report) {
        Entity entity = new Entity("incident", "flood/tc-001");
        return new Alert(
                Alert.idFor("incident.fused", entity, now - 15 * MINUTE),
                "incident.fused",
                "incident",
                "303",
                "303",
                "incident",
                "flood",
                Severity.high,
                AlertStatus.active,
                now - 15 * MINUTE,
                now - 15 * MINUTE,
                null,
                entity,
                new Position(20.8600, 106.6816),
                new LocalizedText("Ngập: camera tc-001 và 1 phản ánh", "Flood: camera tc-001 and 1 report"),
                new LocalizedText("Camera và người dân cùng báo ngập", "Camera and citizens report flooding"),
                Map.of(
                        "sources",
                        List.of(
                                Map.of(
                                        "type",
                                        "camera",
                                        "id",
                                        "tc-001",
                                        "at",
                                        Instant.ofEpochMilli(now - 15 * MINUTE).toString(),
                                        "confidence",
                                        0.86),
                                Map.of(
                                        "type",
                                        "report",
                                        "id",
                                        report.serviceRequestId(),
                                        "at",
                                        Instant.ofEpochMilli(report.requestedAt())
                                                .toString()))),
                1);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
