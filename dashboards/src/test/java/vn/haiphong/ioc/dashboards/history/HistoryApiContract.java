package vn.haiphong.ioc.dashboards.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.HistoryRows;
import vn.haiphong.ioc.dashboards.testing.TestPostgres;

/**
 * The history API end to end: the dashboards server applies the migrations to a real PostgreSQL, rows go in with plain
 * SQL as the Flink job's sink writes them, and the tests read them back over HTTP. Run against each server a subclass
 * names.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class HistoryApiContract {
    /** Whole seconds, so the times written and read back compare as text. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    static final UUID CONGESTION = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID WIND = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID OLD_DESK = UUID.fromString("00000000-0000-4000-8000-000000000003");
    /** Seven low traffic alerts in area 305, for paging: the third and fourth changed at the same instant. */
    static final List<UUID> QUEUE = List.of(
            UUID.fromString("00000000-0000-4000-8000-000000000105"),
            UUID.fromString("00000000-0000-4000-8000-000000000104"),
            UUID.fromString("00000000-0000-4000-8000-000000000107"),
            UUID.fromString("00000000-0000-4000-8000-000000000106"),
            UUID.fromString("00000000-0000-4000-8000-000000000103"),
            UUID.fromString("00000000-0000-4000-8000-000000000102"),
            UUID.fromString("00000000-0000-4000-8000-000000000101"));

    /** 08:00 in Hai Phong on 2026-11-24: three hours of one-minute gust windows start here. */
    static final Instant GUST_START = Instant.parse("2026-11-24T01:00:00Z");

    static final String REPORT = "HP-2026-000123";
    static final String ACCOUNT_REF = "acct:7f3a9c-SECRET-REF";

    private Database database;
    private WebClient client;
    private int port;

    /** A new, empty database on the server under test. */
    abstract Database newDatabase();

    @BeforeAll
    void start(Vertx vertx, VertxTestContext test) throws Exception {
        database = newDatabase();
        client = WebClient.create(vertx);
        DashboardsConfig config = new DashboardsConfig(
                "tcp://127.0.0.1:1", "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000, Optional.of(database));
        DashboardsVerticle verticle = new DashboardsVerticle();
        vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson()))
                .compose(id -> {
                    port = verticle.actualPort();
                    return untilHistoryReady(vertx);
                })
                .compose(v -> vertx.executeBlocking(() -> {
                    seed();
                    return null;
                }))
                .onComplete(test.succeedingThenComplete());
    }

    /** The server migrates in the background; /api/history/status answers 200 once it is done. */
    private Future<Void> untilHistoryReady(Vertx vertx) {
        Promise<Void> ready = Promise.promise();
        vertx.setPeriodic(100, timer -> get("/api/history/status", Map.of()).onSuccess(r -> {
            if (r.statusCode() == 200 && ready.tryComplete()) {
                vertx.cancelTimer(timer);
            }
        }));
        return ready.future();
    }

    private void seed() throws Exception {
        try (HistoryRows rows = new HistoryRows(TestPostgres.connect(database))) {
            rows.alertChange(
                            CONGESTION,
                            1,
                            "traffic",
                            "303",
                            "303",
                            "medium",
                            "active",
                            NOW.minus(30, ChronoUnit.HOURS),
                            NOW.minus(30, ChronoUnit.HOURS),
                            "Ùn tắc Lạch Tray",
                            "Congestion on Lach Tray")
                    .alertChange(
                            CONGESTION,
                            2,
                            "traffic",
                            "303",
                            "303",
                            "high",
                            "active",
                            NOW.minus(30, ChronoUnit.HOURS),
                            NOW.minus(4, ChronoUnit.HOURS),
                            "Ùn tắc Lạch Tray",
                            "Congestion on Lach Tray")
                    .alertChange(
                            CONGESTION,
                            3,
                            "traffic",
                            "303",
                            "303",
                            "high",
                            "cleared",
                            NOW.minus(30, ChronoUnit.HOURS),
                            NOW.minus(3, ChronoUnit.HOURS),
                            "Ùn tắc Lạch Tray",
                            "Congestion on Lach Tray")
                    .alertChange(
                            WIND,
                            1,
                            "port",
                            "tan-vu",
                            "318",
                            "high",
                            "active",
                            NOW.minus(2, ChronoUnit.HOURS),
                            NOW.minus(2, ChronoUnit.HOURS),
                            "Cảnh báo gió tại Tân Vũ",
                            "Wind warning at Tan Vu")
                    .alertChange(
                            WIND,
                            2,
                            "port",
                            "tan-vu",
                            "318",
                            "critical",
                            "active",
                            NOW.minus(2, ChronoUnit.HOURS),
                            NOW.minus(90, ChronoUnit.MINUTES),
                            "Dừng cẩu tại Tân Vũ",
                            "Stop work at Tan Vu")
                    .alertChange(
                            OLD_DESK,
                            1,
                            "desk",
                            "304",
                            "304",
                            "low",
                            "active",
                            NOW.minus(48, ChronoUnit.HOURS),
                            NOW.minus(48, ChronoUnit.HOURS),
                            "Hàng chờ một cửa",
                            "Service desk queue");
            Instant[] queueTimes = {
                NOW.minus(10, ChronoUnit.MINUTES),
                NOW.minus(11, ChronoUnit.MINUTES),
                NOW.minus(12, ChronoUnit.MINUTES),
                NOW.minus(12, ChronoUnit.MINUTES),
                NOW.minus(13, ChronoUnit.MINUTES),
                NOW.minus(14, ChronoUnit.MINUTES),
                NOW.minus(15, ChronoUnit.MINUTES)
            };
            for (int i = 0; i < QUEUE.size(); i++) {
                rows.alertChange(
                        QUEUE.get(i),
                        1,
                        "traffic",
                        "305",
                        "305",
                        "low",
                        "active",
                        queueTimes[i],
                        queueTimes[i],
                        "Ùn tắc " + i,
                        "Congestion " + i);
            }
            for (int i = 0; i < 180; i++) {
                Instant end = GUST_START.plus(i, ChronoUnit.MINUTES);
                rows.kpiValue("max-gust", "port", "tan-vu", end, (i % 60) / 2.0, "m/s", 15.0);
                rows.kpiValue("max-gust", "port", "dinh-vu", end, 99, "m/s", 15.0);
            }
            Instant requested = NOW.minus(6, ChronoUnit.HOURS);
            // Updates arrive out of order; the history puts them in order of their time.
            rows.report(REPORT, "flooding", "303", "Nước ngập sâu 40 cm", requested, ACCOUNT_REF)
                    .reportUpdate("u-3", REPORT, "FIXED", "Công ty Thoát nước", requested.plus(3, ChronoUnit.HOURS))
                    .reportUpdate("u-1", REPORT, "OPEN", null, requested.plus(1, ChronoUnit.MINUTES))
                    .reportUpdate("u-2", REPORT, "INVESTIGATING", "UBND quận", requested.plus(30, ChronoUnit.MINUTES));
        }
    }

    // ---------- alerts ----------

    @Test
    void listsEachAlertOfTheLast24HoursOnceAsItsLastChangeNewestFirst(VertxTestContext test) {
        get("/api/history/alerts", Map.of())
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    JsonObject body = r.bodyAsJsonObject();
                    List<String> ids = ids(body);
                    List<String> expected =
                            new ArrayList<>(QUEUE.stream().map(UUID::toString).toList());
                    expected.add(WIND.toString());
                    expected.add(CONGESTION.toString());
                    assertThat(ids).containsExactlyElementsOf(expected);
                    assertThat(body.getString("next")).isNull();
                    JsonObject congestion = item(body, CONGESTION);
                    assertThat(congestion.getLong("seq")).isEqualTo(3);
                    assertThat(congestion.getString("status")).isEqualTo("cleared");
                    assertThat(congestion.getString("raisedAt"))
                            .isEqualTo(NOW.minus(30, ChronoUnit.HOURS).toString());
                    assertThat(congestion.getString("clearedAt"))
                            .isEqualTo(NOW.minus(3, ChronoUnit.HOURS).toString());
                    assertThat(congestion.getJsonObject("title").getString("vi"))
                            .isEqualTo("Ùn tắc Lạch Tray");
                    assertThat(congestion.getJsonObject("entity").getString("id"))
                            .isEqualTo("tc-303");
                    assertThat(congestion.getJsonObject("position").getDouble("lat"))
                            .isEqualTo(20.8575);
                    assertThat(congestion.getJsonObject("evidence").getLong("seq"))
                            .isEqualTo(3);
                    test.completeNow();
                })));
    }

    @Test
    void filtersByAreaDomainSeverityAndStatus(VertxTestContext test) {
        Future.all(List.of(
                        get("/api/history/alerts", Map.of("area", "303")),
                        get("/api/history/alerts", Map.of("domain", "port")),
                        get("/api/history/alerts", Map.of("minSeverity", "high")),
                        get("/api/history/alerts", Map.of("severity", "critical,medium")),
                        get("/api/history/alerts", Map.of("status", "cleared")),
                        get("/api/history/alerts", Map.of("status", "active", "domain", "traffic")),
                        get("/api/history/alerts", Map.of("area", "303,318")),
                        get("/api/history/alerts", Map.of("site", "tan-vu")),
                        get(
                                "/api/history/alerts",
                                Map.of(
                                        "from", NOW.minus(49, ChronoUnit.HOURS).toString(),
                                        "to", NOW.minus(47, ChronoUnit.HOURS).toString()))))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    List<List<String>> results = new ArrayList<>();
                    for (int i = 0; i < all.size(); i++) {
                        HttpResponse<Buffer> r = all.resultAt(i);
                        assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
                        results.add(ids(r.bodyAsJsonObject()));
                    }
                    assertThat(results.get(0)).containsExactly(CONGESTION.toString());
                    assertThat(results.get(1)).containsExactly(WIND.toString());
                    assertThat(results.get(2)).containsExactly(WIND.toString(), CONGESTION.toString());
                    assertThat(results.get(3)).containsExactly(WIND.toString());
                    assertThat(results.get(4)).containsExactly(CONGESTION.toString());
                    assertThat(results.get(5))
                            .containsExactlyElementsOf(
                                    QUEUE.stream().map(UUID::toString).toList());
                    assertThat(results.get(6)).containsExactly(WIND.toString(), CONGESTION.toString());
                    assertThat(results.get(7)).containsExactly(WIND.toString());
                    assertThat(results.get(8)).containsExactly(OLD_DESK.toString());
                    test.completeNow();
                })));
    }

    @Test
    void listsEveryChangeInTheRangeWhenAsked(VertxTestContext test) {
        get("/api/history/alerts", Map.of("changes", "all", "area", "303,318"))
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
                    List<String> changes = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        JsonObject item = items.getJsonObject(i);
                        changes.add(item.getString("alertId").substring(35) + "#" + item.getLong("seq"));
                    }
                    // The congestion's first change is 30 hours old, outside the default range.
                    assertThat(changes).containsExactly("2#2", "2#1", "1#3", "1#2");
                    test.completeNow();
                })));
    }

    @Test
    void pagesWithTheCursorVisitEveryAlertOnceInOrderEvenWhenNewOnesArrive(Vertx vertx, VertxTestContext test) {
        UUID newcomer = UUID.fromString("00000000-0000-4000-8000-000000000199");
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Map<String, String> filter = Map.of("area", "305", "limit", "2");
        get("/api/history/alerts", filter)
                .compose(first -> {
                    // A new alert arrives between two pages: it is newer than the cursor, so it must not shift them.
                    return vertx.executeBlocking(() -> {
                                try (HistoryRows rows = new HistoryRows(TestPostgres.connect(database))) {
                                    rows.alertChange(
                                            newcomer,
                                            1,
                                            "traffic",
                                            "305",
                                            "305",
                                            "low",
                                            "active",
                                            NOW.minus(1, ChronoUnit.MINUTES),
                                            NOW.minus(1, ChronoUnit.MINUTES),
                                            "Mới",
                                            "New");
                                }
                                return null;
                            })
                            .compose(v -> pages(first, filter, seen, pageSizes));
                })
                .eventually(() -> vertx.executeBlocking(() -> {
                    try (Connection c = TestPostgres.connect(database);
                            Statement s = c.createStatement()) {
                        s.executeUpdate("DELETE FROM alert_changes WHERE alert_id = '" + newcomer + "'");
                    }
                    return null;
                }))
                .onComplete(test.succeeding(v -> test.verify(() -> {
                    assertThat(seen)
                            .containsExactlyElementsOf(
                                    QUEUE.stream().map(UUID::toString).toList());
                    assertThat(pageSizes).containsExactly(2, 2, 2, 1);
                    test.completeNow();
                })));
    }

    private Future<Void> pages(
            HttpResponse<Buffer> page, Map<String, String> filter, List<String> seen, List<Integer> sizes) {
        if (page.statusCode() != 200) {
            return Future.failedFuture("HTTP " + page.statusCode() + ": " + page.bodyAsString());
        }
        JsonObject body = page.bodyAsJsonObject();
        seen.addAll(ids(body));
        sizes.add(body.getJsonArray("items").size());
        String next = body.getString("next");
        if (next == null) {
            return Future.succeededFuture();
        }
        if (sizes.size() > 10) {
            return Future.failedFuture("the cursor does not end");
        }
        Map<String, String> params = new java.util.HashMap<>(filter);
        params.put("cursor", next);
        return get("/api/history/alerts", params).compose(p -> pages(p, filter, seen, sizes));
    }

    @Test
    void givesOneAlertsEveryChangeInOrder(VertxTestContext test) {
        Future.all(
                        get("/api/history/alerts/" + CONGESTION, Map.of()),
                        get("/api/history/alerts/00000000-0000-4000-8000-0000000009ff", Map.of()),
                        get("/api/history/alerts/not-a-uuid", Map.of()))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    HttpResponse<Buffer> found = all.resultAt(0);
                    assertThat(found.statusCode()).isEqualTo(200);
                    JsonArray changes = found.bodyAsJsonObject().getJsonArray("changes");
                    assertThat(changes.stream().map(c -> ((JsonObject) c).getLong("seq")))
                            .containsExactly(1L, 2L, 3L);
                    assertThat(changes.getJsonObject(0).getString("severity")).isEqualTo("medium");
                    assertThat(changes.getJsonObject(2).getString("status")).isEqualTo("cleared");
                    HttpResponse<Buffer> unknown = all.resultAt(1);
                    assertThat(unknown.statusCode()).isEqualTo(404);
                    assertThat(unknown.bodyAsJsonObject().getString("message")).contains("no alert");
                    HttpResponse<Buffer> bad = all.resultAt(2);
                    assertThat(bad.statusCode()).isEqualTo(400);
                    assertThat(bad.bodyAsJsonObject().getString("message")).contains("UUID");
                    test.completeNow();
                })));
    }

    // ---------- KPIs ----------

    @Test
    void givesAKpiSeriesRawAndInFiveMinuteHourlyAndDailyBins(VertxTestContext test) {
        String from = GUST_START.toString();
        String to = GUST_START.plus(3, ChronoUnit.HOURS).toString();
        Map<String, String> gust = Map.of("kpi", "max-gust", "scopeType", "port", "scopeId", "tan-vu");
        Future.all(
                        get("/api/history/kpi", with(gust, "from", from, "to", to, "resolution", "raw")),
                        get("/api/history/kpi", with(gust, "from", from, "to", to, "resolution", "5m")),
                        get("/api/history/kpi", with(gust, "from", from, "to", to, "resolution", "1h")),
                        get("/api/history/kpi", with(gust, "from", from, "to", to, "resolution", "1d")))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    JsonObject raw = json(all.resultAt(0));
                    assertThat(raw.getString("unit")).isEqualTo("m/s");
                    assertThat(raw.getDouble("target")).isEqualTo(15.0);
                    assertThat(raw.getString("resolution")).isEqualTo("raw");
                    JsonArray rawPoints = raw.getJsonArray("points");
                    assertThat(rawPoints).hasSize(180);
                    assertThat(rawPoints.getJsonArray(1))
                            .containsExactly(
                                    GUST_START.plus(1, ChronoUnit.MINUTES).toString(), 0.5, 0.5, 0.5);

                    JsonArray five = json(all.resultAt(1)).getJsonArray("points");
                    assertThat(five).hasSize(36);
                    // Minutes 5..9 of the first hour: gusts 2.5, 3, 3.5, 4, 4.5 m/s.
                    assertThat(five.getJsonArray(1))
                            .containsExactly(
                                    GUST_START.plus(5, ChronoUnit.MINUTES).toString(), 3.5, 2.5, 4.5);

                    JsonArray hours = json(all.resultAt(2)).getJsonArray("points");
                    assertThat(hours).hasSize(3);
                    assertThat(hours.getJsonArray(2))
                            .containsExactly(
                                    GUST_START.plus(2, ChronoUnit.HOURS).toString(), 14.75, 0.0, 29.5);

                    JsonArray days = json(all.resultAt(3)).getJsonArray("points");
                    // One day in the city: it began at midnight, 17:00 UTC the day before.
                    assertThat(days).hasSize(1);
                    assertThat(days.getJsonArray(0)).containsExactly("2026-11-23T17:00:00Z", 14.75, 0.0, 29.5);
                    test.completeNow();
                })));
    }

    @Test
    void anUnknownSeriesIsEmptyNotAnError(VertxTestContext test) {
        get("/api/history/kpi", Map.of("kpi", "max-gust", "scopeType", "port", "scopeId", "hoang-dieu"))
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    JsonObject body = json(r);
                    assertThat(body.getJsonArray("points")).isEmpty();
                    assertThat(body.getString("resolution")).isEqualTo("5m");
                    assertThat(body.getString("unit")).isNull();
                    test.completeNow();
                })));
    }

    // ---------- reports ----------

    @Test
    void givesAReportsHistoryInOrderWithoutItsAccountReference(VertxTestContext test) {
        Future.all(get("/api/history/reports/" + REPORT, Map.of()), get("/api/history/reports/HP-0000-404", Map.of()))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    HttpResponse<Buffer> r = all.resultAt(0);
                    assertThat(r.statusCode()).isEqualTo(200);
                    String text = r.bodyAsString();
                    assertThat(text).doesNotContain(ACCOUNT_REF).doesNotContain("SECRET");
                    assertThat(text.toLowerCase()).doesNotContain("account");
                    JsonObject body = r.bodyAsJsonObject();
                    assertThat(body.getJsonObject("report").getString("serviceCode"))
                            .isEqualTo("flooding");
                    assertThat(body.getJsonObject("report").getString("description"))
                            .isEqualTo("Nước ngập sâu 40 cm");
                    assertThat(body.getJsonArray("updates").stream().map(u -> ((JsonObject) u).getString("status")))
                            .containsExactly("OPEN", "INVESTIGATING", "FIXED");
                    assertThat(body.getString("status")).isEqualTo("FIXED");
                    Instant requested = NOW.minus(6, ChronoUnit.HOURS);
                    assertThat(body.getString("acknowledgedAt"))
                            .isEqualTo(requested.plus(30, ChronoUnit.MINUTES).toString());
                    assertThat(all.<HttpResponse<Buffer>>resultAt(1).statusCode())
                            .isEqualTo(404);
                    test.completeNow();
                })));
    }

    // ---------- bad requests ----------

    @Test
    void answersEveryBadParameterWith400AndAReason(VertxTestContext test) {
        Map<String, String> gust = Map.of("kpi", "max-gust", "scopeType", "port", "scopeId", "tan-vu");
        List<Object[]> cases = List.of(
                new Object[] {"/api/history/alerts", Map.of("from", "yesterday"), "ISO-8601"},
                new Object[] {"/api/history/alerts", Map.of("from", "2026-11-25T08:00:00"), "offset"},
                new Object[] {
                    "/api/history/alerts",
                    Map.of("from", "2026-11-25T08:00:00Z", "to", "2026-11-24T08:00:00Z"),
                    "before"
                },
                new Object[] {"/api/history/alerts", Map.of("limit", "0"), "limit"},
                new Object[] {"/api/history/alerts", Map.of("limit", "501"), "500"},
                new Object[] {"/api/history/alerts", Map.of("limit", "ten"), "whole number"},
                new Object[] {"/api/history/alerts", Map.of("severty", "high"), "unknown parameter"},
                new Object[] {"/api/history/alerts", Map.of("severity", "urgent"), "severity"},
                new Object[] {"/api/history/alerts", Map.of("minSeverity", "huge"), "minSeverity"},
                new Object[] {"/api/history/alerts", Map.of("severity", "high", "minSeverity", "low"), "not both"},
                new Object[] {"/api/history/alerts", Map.of("domain", "weather"), "domain"},
                new Object[] {"/api/history/alerts", Map.of("status", "open"), "status"},
                new Object[] {"/api/history/alerts", Map.of("area", "303;DROP TABLE alert_changes"), "area"},
                new Object[] {"/api/history/alerts", Map.of("area", "303,"), "empty"},
                new Object[] {"/api/history/alerts", Map.of("changes", "some"), "changes"},
                new Object[] {"/api/history/alerts", Map.of("cursor", "bm90IGEgY3Vyc29y"), "cursor"},
                new Object[] {"/api/history/kpi", Map.of("kpi", "max-gust", "scopeType", "port"), "scopeId"},
                new Object[] {"/api/history/kpi", with(gust, "resolution", "2m"), "resolution"},
                new Object[] {
                    "/api/history/kpi",
                    with(gust, "resolution", "raw", "from", "2026-11-01T00:00:00Z", "to", "2026-11-20T00:00:00Z"),
                    "7 days"
                },
                new Object[] {
                    "/api/history/kpi",
                    with(gust, "resolution", "1m", "from", "2026-01-01T00:00:00Z", "to", "2026-11-20T00:00:00Z"),
                    "coarser"
                },
                new Object[] {"/api/history/reports/" + REPORT, Map.of("x", "1"), "unknown parameter"});
        List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, String> params = (Map<String, String>) c[1];
            requests.add(get((String) c[0], params));
        }
        // A single value given twice.
        requests.add(client.get(port, "127.0.0.1", "/api/history/alerts")
                .addQueryParam("limit", "5")
                .addQueryParam("limit", "6")
                .send());
        Future.all(requests)
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    for (int i = 0; i < cases.size(); i++) {
                        HttpResponse<Buffer> r = all.resultAt(i);
                        assertThat(r.statusCode())
                                .as("case %d %s", i, cases.get(i)[1])
                                .isEqualTo(400);
                        JsonObject body = r.bodyAsJsonObject();
                        assertThat(body.getString("error")).isEqualTo("bad request");
                        assertThat(body.getString("message")).as("case %d", i).contains((String) cases.get(i)[2]);
                    }
                    HttpResponse<Buffer> twice = all.resultAt(cases.size());
                    assertThat(twice.statusCode()).isEqualTo(400);
                    assertThat(twice.bodyAsJsonObject().getString("message")).contains("once");
                    test.completeNow();
                })));
    }

    @Test
    void healthSaysTheHistoryIsReady(VertxTestContext test) {
        get("/health", Map.of())
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.bodyAsJsonObject().getString("history")).isEqualTo("ready");
                    test.completeNow();
                })));
    }

    // ---------- helpers ----------

    Future<HttpResponse<Buffer>> get(String path, Map<String, String> params) {
        HttpRequest<Buffer> request = client.get(port, "127.0.0.1", path);
        params.forEach(request::addQueryParam);
        return request.send();
    }

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> map = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static JsonObject json(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream()
                .map(i -> ((JsonObject) i).getString("alertId"))
                .toList();
    }

    static JsonObject item(JsonObject page, UUID id) {
        return page.getJsonArray("items").stream()
                .map(i -> (JsonObject) i)
                .filter(i -> i.getString("alertId").equals(id.toString()))
                .findFirst()
                .orElseThrow();
    }
}
