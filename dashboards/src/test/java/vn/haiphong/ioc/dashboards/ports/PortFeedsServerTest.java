package vn.haiphong.ioc.dashboards.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.haiphong.ioc.dashboards.testing.CapSchema.child;
import static vn.haiphong.ioc.dashboards.testing.CapSchema.children;
import static vn.haiphong.ioc.dashboards.testing.CapSchema.text;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsConfig.PortFeeds;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.CapSchema;
import vn.haiphong.ioc.dashboards.testing.FrameQueue;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.Publisher;
import vn.haiphong.ioc.dashboards.testing.Samples;
import vn.haiphong.ioc.dashboards.testing.SseClient;
import vn.haiphong.ioc.dashboards.testing.SseClient.Event;

/**
 * The port operators' feeds of the whole server on a real broker: who may read what through every path and both ways
 * of sending a token, resuming SSE and websocket streams without a gap or a duplicate, and CAP over HTTP.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PortFeedsServerTest {
    private static final String TAN_VU_TOKEN = "tan-vu-operator-token-" + System.nanoTime();
    private static final String DINH_VU_TOKEN = "dinh-vu-operator-token-" + System.nanoTime();

    private static Vertx vertx;
    private static MosquittoBroker broker;
    private static Publisher publisher;
    private static HttpClient http;
    private static WebSocketClient ws;
    private static int port;
    private static io.vertx.core.Context context;

    record Response(int status, MultiMap headers, Buffer body) {}

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        broker = MosquittoBroker.start();
        publisher = new Publisher(vertx, broker.uri());
        // Streams stay open: the pool must hold more than Vert.x's default of 5 connections.
        http = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
        ws = vertx.createWebSocketClient();
        JsonObject digests = new JsonObject()
                .put("tan-vu", new JsonArray().add(PortTokens.digestHex(TAN_VU_TOKEN)))
                .put("dinh-vu", new JsonArray().add(PortTokens.digestHex(DINH_VU_TOKEN)));
        DashboardsConfig config = new DashboardsConfig(
                broker.uri(),
                "127.0.0.1",
                0,
                Optional.empty(),
                Optional.empty(),
                10_000,
                Optional.empty(),
                PortFeeds.withDigests(digests).withHeartbeat(200));
        DashboardsVerticle verticle = new DashboardsVerticle();
        await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson())));
        port = verticle.actualPort();
        poll("the MQTT bridge to connect", () -> "connected"
                .equals(new JsonObject(get("/health", MultiMap.caseInsensitiveMultiMap())
                                .body()
                                .toString())
                        .getString("mqtt")));
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

    // ---- access ----

    @Test
    void eachPathLetsOnlyItsOwnPortsTokenInWhicheverWayItIsSent() throws Exception {
        Alert alert = Samples.portWind("tan-vu", Severity.high, Samples.T0);
        await(publisher.alert(alert));
        String capFile = "/cap/hp-ioc-" + alert.alertId() + "-1.xml";
        poll(
                "the CAP message to be kept",
                () -> get("/api/ports/tan-vu" + capFile, bearer(TAN_VU_TOKEN)).status() == 200);

        for (String path : List.of("/alerts/events", "/alerts/ws", "/cap", capFile)) {
            String uri = "/api/ports/tan-vu" + path;
            boolean socket = path.endsWith("/ws");
            Response none = request(uri, MultiMap.caseInsensitiveMultiMap(), socket);
            assertThat(none.status()).as(uri + " without a token").isEqualTo(401);
            assertThat(none.headers().get("WWW-Authenticate")).as(uri).startsWith("Bearer realm=");
            Response unknown = request(uri, bearer("not-a-token"), socket);
            assertThat(unknown.status()).as(uri + " with an unknown token").isEqualTo(401);
            assertThat(unknown.headers().get("WWW-Authenticate")).contains("invalid_token");
            assertThat(request(uri + "?access_token=not-a-token", none(), socket)
                            .status())
                    .isEqualTo(401);

            Response other = request(uri, bearer(DINH_VU_TOKEN), socket);
            assertThat(other.status()).as(uri + " with Đình Vũ's token").isEqualTo(403);
            assertThat(other.headers().get("WWW-Authenticate")).contains("insufficient_scope");
            assertThat(request(uri + "?access_token=" + DINH_VU_TOKEN, none(), socket)
                            .status())
                    .as(uri + " with Đình Vũ's token as a parameter")
                    .isEqualTo(403);

            int ok = socket ? 101 : 200;
            assertThat(request(uri, bearer(TAN_VU_TOKEN), socket).status())
                    .as(uri)
                    .isEqualTo(ok);
            assertThat(request(uri + "?access_token=" + url(TAN_VU_TOKEN), none(), socket)
                            .status())
                    .as(uri + " with the token as a parameter")
                    .isEqualTo(ok);
            // Both ways at once is a malformed request (RFC 6750), not a way around the check.
            assertThat(request(uri + "?access_token=" + url(TAN_VU_TOKEN), bearer(DINH_VU_TOKEN), socket)
                            .status())
                    .isEqualTo(400);
        }
        // Resuming is no way in either.
        assertThat(request("/api/ports/tan-vu/alerts/events?since=1", bearer(DINH_VU_TOKEN), false)
                        .status())
                .isEqualTo(403);
        MultiMap lastEventId = bearer(DINH_VU_TOKEN).add("Last-Event-ID", "1");
        assertThat(request("/api/ports/tan-vu/alerts/events", lastEventId, false)
                        .status())
                .isEqualTo(403);
        assertThat(request("/api/ports/tan-vu/alerts/ws?since=1", bearer(DINH_VU_TOKEN), true)
                        .status())
                .isEqualTo(403);
        // Tân Vũ's message through Đình Vũ's own path: not there.
        assertThat(get("/api/ports/dinh-vu" + capFile, bearer(DINH_VU_TOKEN)).status())
                .isEqualTo(404);
        // A port without tokens is closed to all; an unknown port is not found.
        assertThat(get("/api/ports/lach-huyen/cap", bearer(TAN_VU_TOKEN)).status())
                .isEqualTo(403);
        assertThat(get("/api/ports/hai-an/cap", bearer(TAN_VU_TOKEN)).status()).isEqualTo(404);
        // The wall's own API stays open.
        assertThat(get("/api/alerts", none()).status()).isEqualTo(200);
    }

    @Test
    void aDinhVuStreamNeverCarriesATanVuAlert() throws Exception {
        SseClient dinhVu = await(
                onLoop(() -> SseClient.connect(http, port, "/api/ports/dinh-vu/alerts/events", bearer(DINH_VU_TOKEN))));
        assertThat(await(dinhVu.next()).event()).isEqualTo("hello");
        Event snapshot = await(dinhVu.next());
        assertThat(snapshot.json().getJsonArray("alerts"))
                .allSatisfy(a -> assertThat(((JsonObject) a).getString("site")).isEqualTo("dinh-vu"));
        Alert tanVu = Samples.portWind("tan-vu", Severity.critical, Samples.T0 + 5);
        Alert dinhVuAlert = Samples.portWind("dinh-vu", Severity.high, Samples.T0 + 6);
        await(publisher.alert(tanVu));
        await(publisher.alert(dinhVuAlert));
        Event next = await(dinhVu.nextMatching(e -> e.event().equals("alert")));
        assertThat(next.json().getString("alertId")).isEqualTo(dinhVuAlert.alertId());
        await(dinhVu.close());
    }

    // ---- SSE ----

    @Test
    void anEventStreamResumesFromLastEventIdWithoutAGapOrADuplicate() throws Exception {
        String uri = "/api/ports/tan-vu/alerts/events?minSeverity=medium";
        SseClient observer = await(onLoop(() -> SseClient.connect(http, port, uri, bearer(TAN_VU_TOKEN))));
        SseClient leaving = await(onLoop(() -> SseClient.connect(http, port, uri, bearer(TAN_VU_TOKEN))));
        Event hello = await(leaving.next());
        assertThat(hello.event()).isEqualTo("hello");
        assertThat(hello.id()).isNull();
        assertThat(hello.json().getString("mode")).isEqualTo("snapshot");
        Event snapshot = await(leaving.next());
        assertThat(snapshot.event()).isEqualTo("snapshot");
        assertThat(leaving.headers().get("Cache-Control")).isEqualTo("no-store");

        Alert a1 = Samples.portWind("tan-vu", Severity.high, Samples.T0 + 10);
        Alert low = Samples.portWind("tan-vu", Severity.low, Samples.T0 + 11);
        Alert other = Samples.portWind("dinh-vu", Severity.critical, Samples.T0 + 12);
        Alert a2 = a1.updated(Samples.T0 + 60_000, Severity.critical, Map.of("gustSpeed", 21.0));
        for (Alert a : List.of(a1, low, other, a2)) {
            await(publisher.alert(a));
        }
        Event e1 = await(leaving.next());
        Event e2 = await(leaving.next());
        assertThat(List.of(e1, e2))
                .extracting(e -> e.json().getString("alertId") + "#" + e.json().getLong("seq"))
                .containsExactly(a1.alertId() + "#1", a1.alertId() + "#2");
        assertThat(e1.seq()).isGreaterThan(snapshot.seq());
        await(leaving.close());

        Alert missed1 = Samples.portWind("tan-vu", Severity.medium, Samples.T0 + 20);
        Alert missedOther = Samples.portWind("dinh-vu", Severity.high, Samples.T0 + 21);
        Alert missed2 = a2.cleared(Samples.T0 + 900_000, Map.of());
        for (Alert a : List.of(missed1, missedOther, missed2)) {
            await(publisher.alert(a));
        }
        await(observer.nextMatching(e -> e.event().equals("alert")
                && e.json().getString("alertId").equals(a1.alertId())
                && e.json().getString("status").equals("cleared")));

        // EventSource reconnects to the same URL with Last-Event-ID: the header wins over an older since.
        MultiMap resume = bearer(TAN_VU_TOKEN).add("Last-Event-ID", e2.id());
        SseClient back = await(onLoop(() -> SseClient.connect(http, port, uri + "&since=" + e1.id(), resume)));
        Event again = await(back.next());
        assertThat(again.json().getString("mode")).isEqualTo("replay");
        Event r1 = await(back.next());
        Event r2 = await(back.next());
        assertThat(List.of(r1, r2))
                .extracting(e -> e.json().getString("alertId") + "#" + e.json().getString("status"))
                .containsExactly(missed1.alertId() + "#active", a1.alertId() + "#cleared");
        assertThat(r1.seq()).isGreaterThan(e2.seq());
        assertThat(r2.seq()).isGreaterThan(r1.seq());

        Alert live = Samples.portWind("tan-vu", Severity.critical, Samples.T0 + 30);
        await(publisher.alert(live));
        Event after = await(back.next());
        assertThat(after.event()).isEqualTo("alert");
        assertThat(after.json().getString("alertId")).isEqualTo(live.alertId());

        // The heartbeat (every 200 ms here) keeps a quiet stream alive.
        poll("a heartbeat comment", () -> back.comments() > 0);
        await(back.close());
        await(observer.close());
    }

    @Test
    void badResumePointsAndFiltersAreRefusedWithAReason() throws Exception {
        Response bad = get("/api/ports/tan-vu/alerts/events?since=yesterday", bearer(TAN_VU_TOKEN));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().toString()).contains("since");
        assertThat(get("/api/ports/tan-vu/alerts/events?minSeverity=urgent", bearer(TAN_VU_TOKEN))
                        .status())
                .isEqualTo(400);
        assertThat(get("/api/ports/tan-vu/cap?port=dinh-vu", bearer(TAN_VU_TOKEN))
                        .status())
                .isEqualTo(400);
    }

    // ---- websocket ----

    @Test
    void aPortWebsocketResumesWithSinceWithoutAGapOrADuplicate() throws Exception {
        String uri = "/api/ports/tan-vu/alerts/ws?access_token=" + url(TAN_VU_TOKEN);
        FrameQueue leaving = await(socket(uri));
        assertThat(await(leaving.next()).getString("type")).isEqualTo("hello");
        JsonObject snapshot = await(leaving.next());
        assertThat(snapshot.getJsonObject("data").fieldNames()).containsExactly("alerts");

        Alert first = Samples.portWind("tan-vu", Severity.high, Samples.T0 + 40);
        await(publisher.alert(Samples.portWind("dinh-vu", Severity.high, Samples.T0 + 41)));
        await(publisher.alert(first));
        JsonObject seen = await(leaving.next());
        assertThat(seen.getJsonObject("data").getString("alertId")).isEqualTo(first.alertId());
        long lastSeen = seen.getLong("seq");
        await(leaving.close());

        Alert missed = Samples.portWind("tan-vu", Severity.medium, Samples.T0 + 42);
        Alert marker = Samples.portWind("tan-vu", Severity.low, Samples.T0 + 43);
        await(publisher.alert(missed));
        await(publisher.alert(Samples.portWind("dinh-vu", Severity.critical, Samples.T0 + 44)));
        await(publisher.alert(marker));
        poll("the missed alerts to reach the server", () -> {
            Response alerts = get("/api/alerts", none());
            return alerts.body().toString().contains(marker.alertId());
        });

        FrameQueue back = await(socket(uri + "&since=" + lastSeen));
        assertThat(await(back.next()).getString("mode")).isEqualTo("replay");
        List<String> replayed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonObject frame = await(back.next());
            assertThat(frame.getString("type")).isEqualTo("alert");
            assertThat(frame.getLong("seq")).isGreaterThan(lastSeen);
            replayed.add(frame.getJsonObject("data").getString("alertId"));
        }
        assertThat(replayed).containsExactly(missed.alertId(), marker.alertId());
        Alert live = Samples.portWind("tan-vu", Severity.high, Samples.T0 + 45);
        await(publisher.alert(live));
        assertThat(await(back.next()).getJsonObject("data").getString("alertId"))
                .isEqualTo(live.alertId());
        await(back.close());
    }

    // ---- CAP ----

    @Test
    void theCapFeedLinksValidMessagesWhoseReferencesChain() throws Exception {
        Alert raised = Samples.portWind("tan-vu", Severity.high, Samples.T0 + 50);
        Alert escalated = raised.updated(Samples.T0 + 120_000, Severity.critical, Map.of("gustSpeed", 22.4));
        Alert cleared = escalated.cleared(Samples.T0 + 1_200_000, Map.of());
        for (Alert a : List.of(raised, escalated, cleared)) {
            await(publisher.alert(a));
        }
        String cancelId = "hp-ioc-" + raised.alertId() + "-3";
        poll("the Cancel in the feed", () -> get("/api/ports/tan-vu/cap", bearer(TAN_VU_TOKEN))
                .body()
                .toString()
                .contains(cancelId));
        Response feed = get("/api/ports/tan-vu/cap?minSeverity=high", bearer(TAN_VU_TOKEN));
        assertThat(feed.headers().get("Content-Type")).startsWith("application/atom+xml");
        Element atom = CapSchema.parse(feed.body().getBytes()).getDocumentElement();
        String href = children(atom, "entry").stream()
                .map(e -> child(e, "link").getAttribute("href"))
                .filter(h -> h.contains(cancelId))
                .findFirst()
                .orElseThrow();

        Response cancel = get(href, bearer(TAN_VU_TOKEN));
        assertThat(cancel.headers().get("Content-Type")).startsWith("application/cap+xml");
        CapSchema.validate(cancel.body().getBytes());
        Element cap = CapSchema.parse(cancel.body().getBytes()).getDocumentElement();
        assertThat(text(cap, "msgType")).isEqualTo("Cancel");
        String[] refs = text(cap, "references").split(" ");
        assertThat(refs).hasSize(2);
        List<String> types = new ArrayList<>();
        for (String ref : refs) {
            String[] parts = ref.split(",");
            Response earlier = get("/api/ports/tan-vu/cap/" + parts[1] + ".xml", bearer(TAN_VU_TOKEN));
            assertThat(earlier.status()).isEqualTo(200);
            CapSchema.validate(earlier.body().getBytes());
            Element e = CapSchema.parse(earlier.body().getBytes()).getDocumentElement();
            assertThat(text(e, "sent")).isEqualTo(parts[2]);
            types.add(text(e, "msgType"));
        }
        assertThat(types).containsExactly("Alert", "Update");
    }

    // ---- helpers ----

    private static MultiMap none() {
        return MultiMap.caseInsensitiveMultiMap();
    }

    private static MultiMap bearer(String token) {
        return MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token);
    }

    private static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Future<FrameQueue> socket(String uri) {
        return onLoop(() -> ws.connect(new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI(uri))
                .map(FrameQueue::of));
    }

    /** The status of a request; a websocket upgrade that succeeds is 101, an open event stream 200 (then closed). */
    private static Response request(String uri, MultiMap headers, boolean socket) throws Exception {
        if (!socket) {
            return get(uri, headers);
        }
        WebSocketConnectOptions options =
                new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
        headers.forEach(options::addHeader);
        try {
            await(await(onLoop(() -> ws.connect(options))).close());
            return new Response(101, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof UpgradeRejectedException rejected) {
                return new Response(rejected.getStatus(), rejected.getHeaders(), rejected.getBody());
            }
            throw e;
        }
    }

    private static Response get(String uri, MultiMap headers) throws Exception {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(uri)
                .setHeaders(headers);
        return await(
                onLoop(() -> http.request(options).compose(req -> req.send()).compose(resp -> {
                    String type = resp.getHeader("Content-Type");
                    if (type != null && type.startsWith("text/event-stream")) {
                        // An open stream never ends: take its head and hang up.
                        return resp.request()
                                .connection()
                                .close()
                                .map(new Response(resp.statusCode(), resp.headers(), Buffer.buffer()));
                    }
                    return resp.body().map(body -> new Response(resp.statusCode(), resp.headers(), body));
                })));
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static void poll(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!check.test()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            await(vertx.timer(50));
        }
    }

    /**
     * Runs a client call on one event loop: built from the test's thread, a chain could attach its body handler only
     * after the response had already been read.
     */
    private static <T> Future<T> onLoop(java.util.function.Supplier<Future<T>> call) {
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        context.runOnContext(v -> call.get().onComplete(promise));
        return promise.future();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
