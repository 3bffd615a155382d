package vn.haiphong.ioc.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.dashboards.http.HttpApi;
import vn.haiphong.ioc.dashboards.testing.FrameQueue;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.Publisher;
import vn.haiphong.ioc.dashboards.testing.Samples;

/** The whole server against a real broker: MQTT in, websocket and HTTP out. */
@ExtendWith(VertxExtension.class)
class DashboardsServerTest {
    private static MosquittoBroker broker;
    private static Publisher publisher;
    private static int port;
    private static HttpClient http;
    private static WebSocketClient ws;
    /** One event loop for every client call (see onLoop). */
    private static Context context;

    record Response(int status, MultiMap headers, Buffer body) {
        JsonObject json() {
            return body.toJsonObject();
        }
    }

    @BeforeAll
    static void start(Vertx vertx, VertxTestContext test) throws Exception {
        broker = MosquittoBroker.start();
        publisher = new Publisher(vertx, broker.uri());
        http = vertx.createHttpClient();
        ws = vertx.createWebSocketClient();
        context = vertx.getOrCreateContext();
        DashboardsConfig config =
                new DashboardsConfig(broker.uri(), "127.0.0.1", 0, Optional.empty(), Optional.empty(), 10_000);
        DashboardsVerticle verticle = new DashboardsVerticle();
        vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson()))
                .compose(id -> {
                    port = verticle.actualPort();
                    return untilMqttConnected(vertx);
                })
                .onComplete(test.succeedingThenComplete());
    }

    @AfterAll
    static void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The bridge connects in the background; the tests start once /health says it has. */
    private static Future<Void> untilMqttConnected(Vertx vertx) {
        Promise<Void> connected = Promise.promise();
        vertx.setPeriodic(50, timer -> get("/health").onSuccess(r -> {
            if ("connected".equals(r.json().getString("mqtt")) && connected.tryComplete()) {
                vertx.cancelTimer(timer);
            }
        }));
        return connected.future();
    }

    private static Future<Response> get(String uri) {
        return onLoop(() -> http.request(HttpMethod.GET, port, "127.0.0.1", uri)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> new Response(resp.statusCode(), resp.headers(), body))));
    }

    private static Future<FrameQueue> connect(String uri) {
        return onLoop(() -> ws.connect(new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI(uri))
                .map(FrameQueue::of));
    }

    /**
     * Runs a client call on one event loop: built from the test's thread, a chain could attach its body handler only
     * after the response had been read, and see an empty body (seen in CI as "No content to map").
     */
    private static <T> Future<T> onLoop(Supplier<Future<T>> call) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> call.get().onComplete(promise));
        return promise.future();
    }

    /** Connects a new client and reads its hello and snapshot, so what follows is live. */
    private static Future<FrameQueue> connectLive() {
        return connect("/ws")
                .compose(frames -> frames.next().compose(hello -> frames.next()).map(snapshot -> frames));
    }

    @Test
    void pushesAnAlertPublishedOnMqttToAWebsocketClient(VertxTestContext test) {
        Alert alert = Samples.incident("tc-001", Samples.T0);
        connectLive()
                .compose(frames -> publisher.alert(alert).compose(v -> frames.nextAlert(alert.alertId())))
                .onComplete(test.succeeding(frame -> test.verify(() -> {
                    assertThat(frame.getLong("seq")).isPositive();
                    JsonObject data = frame.getJsonObject("data");
                    assertThat(data.getString("status")).isEqualTo("active");
                    assertThat(data.getJsonObject("title").getString("en")).isEqualTo("Traffic accident at tc-001");
                    assertThat(data.getString("raisedAt")).isEqualTo("2026-11-25T08:00:00+07:00");
                    test.completeNow();
                })));
    }

    @Test
    void aClientResumingWithSinceGetsExactlyTheFramesItMissed(VertxTestContext test) {
        Alert first = Samples.incident("tc-002", Samples.T0);
        Alert missed1 = Samples.incident("tc-003", Samples.T0 + 1_000);
        Alert missed2 = Samples.incident("tc-004", Samples.T0 + 2_000);
        Alert after = Samples.incident("tc-005", Samples.T0 + 3_000);
        // The observer stays connected throughout, so the test knows when the server has taken in the missed alerts.
        Future<FrameQueue> observer = connectLive();
        Future<FrameQueue> leaving = connectLive();
        Future.all(observer, leaving)
                .compose(v -> publisher.alert(first))
                .compose(v -> leaving.result().nextAlert(first.alertId()))
                .compose(seen -> leaving.result().close().map(seen.getLong("seq")))
                .compose(lastSeen -> publisher
                        .alert(missed1)
                        .compose(v -> publisher.alert(missed2))
                        .compose(v -> observer.result().nextAlert(missed2.alertId()))
                        .compose(v -> connect("/ws?since=" + lastSeen))
                        .compose(back -> back.next()
                                .compose(hello -> {
                                    test.verify(() -> {
                                        assertThat(hello.getString("type")).isEqualTo("hello");
                                        assertThat(hello.getString("mode")).isEqualTo("replay");
                                    });
                                    return back.next();
                                })
                                .compose(f1 -> back.next().map(f2 -> List.of(f1, f2)))
                                .compose(replayed -> publisher
                                        .alert(after)
                                        .compose(v -> back.next())
                                        .map(live -> {
                                            test.verify(() -> {
                                                JsonObject r1 = replayed.get(0);
                                                JsonObject r2 = replayed.get(1);
                                                assertThat(r1.getLong("seq")).isEqualTo(lastSeen + 1);
                                                assertThat(r1.getJsonObject("data")
                                                                .getString("alertId"))
                                                        .isEqualTo(missed1.alertId());
                                                assertThat(r2.getLong("seq")).isEqualTo(lastSeen + 2);
                                                assertThat(r2.getJsonObject("data")
                                                                .getString("alertId"))
                                                        .isEqualTo(missed2.alertId());
                                                assertThat(live.getLong("seq")).isEqualTo(lastSeen + 3);
                                                assertThat(live.getJsonObject("data")
                                                                .getString("alertId"))
                                                        .isEqualTo(after.alertId());
                                            });
                                            return null;
                                        }))))
                .onComplete(test.succeedingThenComplete());
    }

    @Test
    void aNewClientFindsTheLatestKpiInItsSnapshot(VertxTestContext test) {
        Kpi older = Samples.maxGust("dinh-vu", 12.5, Samples.T0);
        Kpi latest = Samples.maxGust("dinh-vu", 17.25, Samples.T0 + 600_000);
        connectLive()
                .compose(observer -> publisher
                        .kpi(older)
                        .compose(v -> publisher.kpi(latest))
                        .compose(v -> observer.nextMatching(f -> "kpi".equals(f.getString("type"))
                                && f.getJsonObject("data").getDouble("value") == 17.25)))
                .compose(v -> connect("/ws"))
                .compose(client -> client.next().compose(hello -> client.next().map(snapshot -> {
                    test.verify(() -> {
                        assertThat(hello.getString("mode")).isEqualTo("snapshot");
                        assertThat(snapshot.getString("type")).isEqualTo("snapshot");
                        assertThat(snapshot.getLong("seq")).isEqualTo(hello.getLong("seq"));
                        JsonArray kpis = snapshot.getJsonObject("data").getJsonArray("kpis");
                        List<JsonObject> dinhVu = kpis.stream()
                                .map(JsonObject.class::cast)
                                .filter(k -> k.getString("kpi").equals("max-gust")
                                        && k.getString("scopeId").equals("dinh-vu"))
                                .toList();
                        assertThat(dinhVu).hasSize(1);
                        assertThat(dinhVu.get(0).getDouble("value")).isEqualTo(17.25);
                        assertThat(snapshot.getJsonObject("data")
                                        .getJsonObject("mqtt")
                                        .getString("state"))
                                .isEqualTo("connected");
                    });
                    return null;
                })))
                .onComplete(test.succeedingThenComplete());
    }

    @Test
    void anUndecodableAlertDoesNotBreakTheBridge(VertxTestContext test) {
        Alert good = Samples.incident("tc-006", Samples.T0);
        byte[] notJson = {(byte) 0xff, 0x00, 0x7b};
        byte[] wrongTypes =
                "{\"alertId\":42,\"status\":\"active\",\"raisedAt\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8);
        connectLive()
                .compose(frames -> publisher
                        .raw(good.topic(), notJson, false)
                        .compose(v -> publisher.raw(good.topic(), wrongTypes, false))
                        .compose(v -> publisher.alert(good))
                        .compose(v -> frames.next()))
                .compose(frame -> get("/health").map(health -> {
                    test.verify(() -> {
                        // The very next frame is the good alert: nothing was pushed for the broken ones.
                        assertThat(frame.getString("type")).isEqualTo("alert");
                        assertThat(frame.getJsonObject("data").getString("alertId"))
                                .isEqualTo(good.alertId());
                        assertThat(health.json().getString("mqtt")).isEqualTo("connected");
                        assertThat(health.json().getLong("undecodable")).isGreaterThanOrEqualTo(2);
                    });
                    return null;
                }))
                .onComplete(test.succeedingThenComplete());
    }

    @Test
    void aClearedAlertIsPushedAndLeavesTheActiveSet(VertxTestContext test) {
        Alert active = Samples.incident("tc-007", Samples.T0);
        Alert cleared = active.cleared(Samples.T0 + 60_000, java.util.Map.of());
        connectLive()
                .compose(frames -> publisher
                        .alert(active)
                        .compose(v -> frames.nextAlert(active.alertId()))
                        .compose(v -> get("/api/alerts"))
                        .compose(whileActive -> {
                            test.verify(() ->
                                    assertThat(whileActive.body().toString()).contains(active.alertId()));
                            return publisher.alert(cleared);
                        })
                        .compose(v -> frames.nextAlert(active.alertId())))
                .compose(frame -> get("/api/alerts").map(afterwards -> {
                    test.verify(() -> {
                        assertThat(frame.getJsonObject("data").getString("status"))
                                .isEqualTo("cleared");
                        assertThat(afterwards.body().toString()).doesNotContain(active.alertId());
                    });
                    return null;
                }))
                .onComplete(test.succeedingThenComplete());
    }

    @Test
    void listsActiveAlertsNewestFirst(VertxTestContext test) {
        Alert older = Samples.incident("tc-008", Samples.T0 + 5_000_000);
        Alert newer = Samples.incident("tc-009", Samples.T0 + 6_000_000);
        connectLive()
                .compose(frames -> publisher
                        .alert(newer)
                        .compose(v -> publisher.alert(older))
                        .compose(v -> frames.nextAlert(older.alertId())))
                .compose(v -> get("/api/alerts"))
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.status()).isEqualTo(200);
                    List<String> ids = response.body().toJsonArray().stream()
                            .map(a -> ((JsonObject) a).getString("alertId"))
                            .toList();
                    assertThat(ids).containsSubsequence(newer.alertId(), older.alertId());
                    test.completeNow();
                })));
    }

    @Test
    void healthReportsMqttConnected(VertxTestContext test) {
        get("/health")
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.headers().get("Content-Type")).startsWith("application/json");
                    assertThat(response.json().getString("status")).isEqualTo("ok");
                    assertThat(response.json().getString("mqtt")).isEqualTo("connected");
                    test.completeNow();
                })));
    }

    @Test
    void referenceListsTheCamerasPortsAndAreasWithoutGeometry(VertxTestContext test) {
        ReferenceData reference = ReferenceData.defaults();
        get("/api/reference")
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.status()).isEqualTo(200);
                    JsonObject body = response.json();
                    List<String> ids = body.getJsonArray("cameras").stream()
                            .map(c -> ((JsonObject) c).getString("id"))
                            .toList();
                    assertThat(ids)
                            .containsExactlyElementsOf(
                                    reference.cameras().stream().map(Camera::id).toList());
                    JsonObject firstCamera = body.getJsonArray("cameras").getJsonObject(0);
                    assertThat(firstCamera.getJsonObject("name").getString("vi"))
                            .isNotBlank();
                    assertThat(firstCamera.getString("kind")).isIn("traffic", "desk");
                    assertThat(body.getJsonArray("ports"))
                            .hasSize(reference.ports().size());
                    assertThat(body.getJsonArray("ports").getJsonObject(0).getJsonArray("assets"))
                            .isNotEmpty();
                    assertThat(body.getJsonArray("areas")).hasSize(15);
                    assertThat(body.getJsonArray("areas").getJsonObject(0).fieldNames())
                            .containsExactlyInAnyOrder("code", "name");
                    assertThat(body.getJsonArray("services")).isNotEmpty();
                    assertThat(body.getJsonObject("thresholds").getDouble("gustWarning"))
                            .isEqualTo(15.0);
                    assertThat(body.getJsonObject("thresholds").getDouble("gustStopWork"))
                            .isEqualTo(20.0);
                    assertThat(response.body().toString()).doesNotContain("coordinates", "geometry");
                    test.completeNow();
                })));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders(VertxTestContext test) {
        List<String> uris = List.of(
                "/",
                "/wall.js",
                "/health",
                "/api/alerts",
                "/api/kpis",
                "/api/reference",
                "/geo/districts.geojson",
                "/vendor/leaflet/leaflet.js",
                "/no/such/page",
                "/ws?since=abc");
        Future.all(uris.stream().map(DashboardsServerTest::get).toList())
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    for (int i = 0; i < uris.size(); i++) {
                        Response response = all.resultAt(i);
                        MultiMap h = response.headers();
                        assertThat(h.get("Content-Security-Policy"))
                                .as(uris.get(i))
                                .isEqualTo(HttpApi.CONTENT_SECURITY_POLICY)
                                .contains("default-src 'self'")
                                .doesNotContain("unsafe-inline");
                        assertThat(h.get("X-Content-Type-Options"))
                                .as(uris.get(i))
                                .isEqualTo("nosniff");
                        assertThat(h.get("Referrer-Policy")).as(uris.get(i)).isEqualTo("no-referrer");
                        assertThat(h.get("X-Frame-Options")).as(uris.get(i)).isEqualTo("DENY");
                    }
                    test.completeNow();
                })));
    }

    @Test
    void servesTheWallTheGeographyAndLeaflet(VertxTestContext test) {
        Future.all(
                        get("/"),
                        get("/geo/districts.geojson"),
                        get("/geo/land.geojson"),
                        get("/vendor/leaflet/leaflet.css"),
                        get("/vendor/markercluster/leaflet.markercluster.js"))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    Response cluster = all.resultAt(4);
                    assertThat(cluster.status()).isEqualTo(200);
                    assertThat(cluster.body().toString()).contains("MarkerClusterGroup");
                    Response page = all.resultAt(0);
                    assertThat(page.status()).isEqualTo(200);
                    assertThat(page.body().toString())
                            .contains(
                                    "id=\"map\"", "id=\"connection-state\"", "id=\"alert-list\"", "id=\"lang-switch\"")
                            .doesNotContain("<script>", "style=\"");
                    Response districts = all.resultAt(1);
                    assertThat(districts.status()).isEqualTo(200);
                    assertThat(districts.headers().get("Content-Type")).startsWith("application/geo+json");
                    assertThat(districts.headers().get("Cache-Control")).contains("max-age=");
                    assertThat(districts.json().getJsonArray("features")).hasSize(15);
                    Response land = all.resultAt(2);
                    assertThat(land.status()).isEqualTo(200);
                    assertThat(land.headers().get("Cache-Control")).contains("max-age=");
                    assertThat(all.<Response>resultAt(3).status()).isEqualTo(200);
                    test.completeNow();
                })));
    }

    @Test
    void aNonNumericSinceIsABadRequest(VertxTestContext test) {
        Future<Response> plain = get("/ws?since=abc");
        Future<FrameQueue> upgrade = connect("/ws?since=abc");
        Future.join(plain, upgrade)
                .onComplete(done -> test.verify(() -> {
                    assertThat(plain.result().status()).isEqualTo(400);
                    assertThat(plain.result().json().getString("message")).contains("since");
                    assertThat(upgrade.failed()).isTrue();
                    assertThat(upgrade.cause()).isInstanceOf(UpgradeRejectedException.class);
                    assertThat(((UpgradeRejectedException) upgrade.cause()).getStatus())
                            .isEqualTo(400);
                    test.completeNow();
                }));
    }

    @Test
    void anUnknownRouteIsA404WithAMessage(VertxTestContext test) {
        get("/api/nothing-here")
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.status()).isEqualTo(404);
                    assertThat(response.headers().get("Content-Type")).startsWith("application/json");
                    assertThat(response.json().getString("message")).contains("/api/nothing-here");
                    test.completeNow();
                })));
    }

    @Test
    void aWebsocketFromAnotherSiteIsRefused(VertxTestContext test) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/ws")
                .addHeader("Origin", "https://evil.example");
        ws.connect(options)
                .onComplete(test.failing(e -> test.verify(() -> {
                    assertThat(e).isInstanceOf(UpgradeRejectedException.class);
                    assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(403);
                    test.completeNow();
                })));
    }
}
