package vn.haiphong.ioc.dashboards;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.rules.RuleSetMessage;
import vn.haiphong.ioc.dashboards.admin.OperatorActions;
import vn.haiphong.ioc.dashboards.admin.ReportUpdatesApi;
import vn.haiphong.ioc.dashboards.admin.RulesAdmin;
import vn.haiphong.ioc.dashboards.auth.OperatorAuth;
import vn.haiphong.ioc.dashboards.auth.OperatorTokens;
import vn.haiphong.ioc.dashboards.cap.CapLedger;
import vn.haiphong.ioc.dashboards.history.ActiveAlerts;
import vn.haiphong.ioc.dashboards.history.HistoryDatabase;
import vn.haiphong.ioc.dashboards.http.HistoryApi;
import vn.haiphong.ioc.dashboards.http.HttpApi;
import vn.haiphong.ioc.dashboards.http.PortFeedApi;
import vn.haiphong.ioc.dashboards.http.WallData;
import vn.haiphong.ioc.dashboards.live.LiveHub;
import vn.haiphong.ioc.dashboards.mqtt.MqttBridge;
import vn.haiphong.ioc.dashboards.open311.Open311Api;
import vn.haiphong.ioc.dashboards.ports.PortTokens;

/**
 * The dashboards server: the MQTT bridge feeding the live hub, the websocket and REST routes, the port operators'
 * feeds, and the operations wall.
 * The HTTP server listens whether or not the broker is reachable; the wall shows the MQTT state.
 */
public final class DashboardsVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(DashboardsVerticle.class);
    private static final String LEAFLET_POM = "META-INF/maven/org.webjars.npm/leaflet/pom.properties";
    private static final String MARKERCLUSTER_POM = "META-INF/maven/org.webjars/leaflet-markercluster/pom.properties";
    /** Browsers send nothing but pings on the push socket; a small limit keeps a misbehaving one cheap. */
    private static final int MAX_INBOUND_FRAME = 4 * 1024;
    /**
     * The operators' bearer-token digests: a JSON object of name → {roles, tokens}, or the path of a file of that
     * shape ({@code --operator-tokens}); without it a server with a data directory generates demo operators there.
     */
    public static final String OPERATOR_TOKENS = "operator.tokens";

    private static final int MAX_OPERATOR_BODY = 32 * 1024;

    private HttpServer server;
    private MqttBridge bridge;
    private LiveHub hub;
    private HistoryDatabase history;

    private record Loaded(
            WallData data, Optional<PortTokens> tokens, Optional<OperatorTokens> operators, RuleSet rules) {}

    @Override
    public Future<?> start() {
        DashboardsConfig config = DashboardsConfig.from(config());
        return vertx.executeBlocking(() -> {
                    WallData data = WallData.load(config.refDir(), config.rules());
                    return new Loaded(
                            data,
                            portTokens(config.portFeeds(), data),
                            operatorTokens(config().getValue(OPERATOR_TOKENS), config.portFeeds()),
                            RuleSet.load(config.rules()));
                })
                .compose(loaded -> {
                    WallData data = loaded.data();
                    hub = new LiveHub(vertx, config.replayBuffer());
                    Set<String> ports =
                            data.reference().ports().stream().map(Port::id).collect(Collectors.toSet());
                    CapLedger ledger = new CapLedger(ports);
                    hub.addAlertListener(ledger);
                    PortFeedApi portApi = new PortFeedApi(
                            hub,
                            data.reference(),
                            ledger,
                            loaded.tokens(),
                            config.portFeeds().heartbeatMs());
                    history = HistoryDatabase.of(vertx, config.database());
                    history.onReady(() -> ActiveAlerts.load(history)
                            .onSuccess(alerts -> {
                                hub.restore(alerts);
                                log.info("{} active alerts taken back from the history", alerts.size());
                            })
                            .onFailure(e -> log.warn("active alerts not read from the history: {}", e.getMessage())));
                    bridge = new MqttBridge(vertx, context, config.mqttUri(), hub);
                    HttpServerOptions options = new HttpServerOptions()
                            .setMaxWebSocketFrameSize(MAX_INBOUND_FRAME)
                            .setMaxWebSocketMessageSize(MAX_INBOUND_FRAME)
                            // Open311 posts forms: a 4000-character description is up to 16 000 bytes of UTF-8.
                            .setMaxFormAttributeSize(Open311Api.MAX_FIELD)
                            .setMaxFormBufferedBytes(Open311Api.MAX_BODY)
                            .setMaxFormFields(64);
                    MqttBridge publisher = bridge;
                    Open311Api open311 = new Open311Api(data.reference(), history, publisher::publish, config());
                    OperatorActions actions = new OperatorActions(history);
                    RulesAdmin rules = new RulesAdmin(vertx, hub, publisher::publish, actions, loaded.rules());
                    history.onReady(rules::restoreLog);
                    Operators operators = new Operators(
                            new OperatorAuth(loaded.operators()),
                            new ReportUpdatesApi(data.reference(), publisher::publish, actions),
                            rules);
                    server = vertx.createHttpServer(options)
                            .requestHandler(router(
                                    new HttpApi(hub, data, history),
                                    new HistoryApi(history),
                                    portApi,
                                    open311,
                                    operators));
                    return server.listen(config.httpPort(), config.httpHost()).onSuccess(s -> {
                        log.info(
                                "dashboards listening on {}:{}, MQTT broker {}",
                                config.httpHost(),
                                s.actualPort(),
                                config.mqttUri());
                        bridge.start();
                        history.start();
                    });
                });
    }

    @Override
    public Future<?> stop() {
        Future<Void> mqtt = bridge == null ? Future.succeededFuture() : bridge.stop();
        Future<Void> http = server == null ? Future.succeededFuture() : server.close();
        Future<Void> db = history == null ? Future.succeededFuture() : history.stop();
        return Future.join(mqtt, http, db);
    }

    /** The port the server listens on: the configured one, or the one chosen when configured as 0. */
    public int actualPort() {
        return server.actualPort();
    }

    /**
     * The digests of each port's tokens: configured inline or in a file, else the demo's generated tokens in the data
     * directory, else none (the port feeds then answer 503). Blocking: files.
     */
    private static Optional<PortTokens> portTokens(DashboardsConfig.PortFeeds feeds, WallData data) {
        Set<String> ports = data.reference().ports().stream()
                .map(Port::id)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (feeds.tokens().isPresent()) {
            return Optional.of(PortTokens.fromDigests(feeds.tokens().get(), ports));
        }
        if (feeds.tokensFile().isPresent()) {
            PortTokens tokens = PortTokens.fromFile(feeds.tokensFile().get(), ports);
            log.info(
                    "port feeds: tokens of {} from {}",
                    tokens.ports(),
                    feeds.tokensFile().get());
            return Optional.of(tokens);
        }
        if (feeds.dataDir().isPresent()) {
            PortTokens tokens = PortTokens.demo(feeds.dataDir().get(), ports);
            log.info(
                    "port feeds: demo tokens, one per port, are in {} (readable by this user only); give each port"
                            + " operator only its own",
                    feeds.dataDir().get().resolve(PortTokens.DEMO_FILE).toAbsolutePath());
            return Optional.of(tokens);
        }
        log.info("port feeds: no port tokens configured (--port-tokens), so they answer 503");
        return Optional.empty();
    }

    /** The operators' routes: sign-in, report updates, the rules admin. */
    private record Operators(OperatorAuth auth, ReportUpdatesApi reports, RulesAdmin rules) {}

    /**
     * The operators' token digests: configured inline or in a file, else the demo's generated operators in the data
     * directory, else none (the operator routes then answer 503). Blocking: files.
     */
    private static Optional<OperatorTokens> operatorTokens(Object configured, DashboardsConfig.PortFeeds feeds) {
        if (configured instanceof io.vertx.core.json.JsonObject json) {
            return Optional.of(OperatorTokens.fromDigests(json));
        }
        if (configured instanceof String file && !file.isBlank()) {
            OperatorTokens tokens = OperatorTokens.fromFile(java.nio.file.Path.of(file));
            log.info("operators: {} from {}", tokens.names(), file);
            return Optional.of(tokens);
        }
        if (configured != null && !(configured instanceof String)) {
            throw new IllegalArgumentException(OPERATOR_TOKENS + " must be a JSON object of operator → {roles, tokens},"
                    + " or the path of a JSON file of that shape");
        }
        if (feeds.dataDir().isPresent()) {
            OperatorTokens tokens = OperatorTokens.demo(feeds.dataDir().get());
            log.info(
                    "operators: demo tokens of {} are in {} (readable by this user only); paste one into the wall's"
                            + " sign-in",
                    tokens.names(),
                    feeds.dataDir().get().resolve(OperatorTokens.DEMO_FILE).toAbsolutePath());
            return Optional.of(tokens);
        }
        log.info("operators: no operator tokens configured (--operator-tokens), so operator actions answer 503");
        return Optional.empty();
    }

    private Router router(
            HttpApi api, HistoryApi historyApi, PortFeedApi portApi, Open311Api open311, Operators operators) {
        Router router = Router.router(vertx);
        router.route().handler(api::securityHeaders);
        router.get("/health").handler(api::health);
        router.get("/api/reference").handler(api::reference);
        router.get("/api/alerts").handler(api::alerts);
        router.get("/api/kpis").handler(api::kpis);
        router.get("/api/history/status").handler(historyApi::status);
        router.get("/api/history/*").handler(historyApi::requireDatabase);
        router.get("/api/history/alerts").handler(historyApi::alerts);
        router.get("/api/history/alerts/:alertId").handler(historyApi::alert);
        router.get("/api/history/kpi").handler(historyApi::kpi);
        router.get("/api/history/reports/:serviceRequestId").handler(historyApi::report);
        router.route("/api/ports/:portId/*").handler(portApi::authorize);
        router.get("/api/ports/:portId/alerts/events").handler(portApi::events);
        router.get("/api/ports/:portId/alerts/ws").handler(portApi::webSocket);
        router.get("/api/ports/:portId/cap").handler(portApi::capFeed);
        router.get("/api/ports/:portId/cap/:file").handler(portApi::capMessage);
        String v2 = "/open311/v2/";
        String fmt = "\\.(?<fmt>xml|json)";
        router.getWithRegex(v2 + "services" + fmt).handler(open311::services);
        router.getWithRegex(v2 + "services/(?<code>[^/.]+)" + fmt).handler(open311::service);
        router.postWithRegex(v2 + "requests" + fmt)
                .handler(BodyHandler.create(false).setBodyLimit(Open311Api.MAX_BODY))
                .handler(open311::create)
                .failureHandler(open311::failure);
        router.getWithRegex(v2 + "requests" + fmt)
                .handler(open311::requireDatabase)
                .handler(open311::requests);
        router.getWithRegex(v2 + "requests/(?<id>[^/.]+)" + fmt)
                .handler(open311::requireDatabase)
                .handler(open311::request);
        router.getWithRegex(v2 + "servicerequestupdates" + fmt)
                .handler(open311::requireDatabase)
                .handler(open311::updates);
        router.get("/api/operator/me").handler(operators.auth()::me);
        router.post("/api/operator/reports/:serviceRequestId/updates")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_OPERATOR_BODY))
                .handler(operators.auth().require(OperatorTokens.OPERATOR))
                .handler(operators.reports()::create)
                .failureHandler(DashboardsVerticle::bodyFailure);
        router.get("/api/admin/rules")
                .handler(operators.auth().require(OperatorTokens.ADMIN))
                .handler(operators.rules()::get);
        router.put("/api/admin/rules")
                .handler(BodyHandler.create(false).setBodyLimit(RuleSetMessage.MAX_BYTES))
                .handler(operators.auth().require(OperatorTokens.ADMIN))
                .handler(operators.rules()::put)
                .failureHandler(DashboardsVerticle::bodyFailure);
        router.patch("/api/admin/rules/:ruleId")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_OPERATOR_BODY))
                .handler(operators.auth().require(OperatorTokens.ADMIN))
                .handler(operators.rules()::patch)
                .failureHandler(DashboardsVerticle::bodyFailure);
        router.get("/geo/districts.geojson").handler(api::districts);
        router.get("/geo/land.geojson").handler(api::land);
        router.get("/ws").handler(api::sinceParam).handler(api::upgrade);
        router.route("/vendor/leaflet/*")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(StaticHandler.create(leafletRoot()).setMaxAgeSeconds(86_400));
        router.route("/vendor/markercluster/*")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(StaticHandler.create(markerClusterRoot()).setMaxAgeSeconds(86_400));
        router.route()
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(StaticHandler.create("webroot").setMaxAgeSeconds(300));
        router.errorHandler(404, api::notFound);
        router.errorHandler(405, api::methodNotAllowed);
        router.errorHandler(500, api::internalError);
        return router;
    }

    /** An oversized body (413 from the body handler) or a failure in an operator route, as JSON. */
    private static void bodyFailure(io.vertx.ext.web.RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            HttpApi.error(ctx.response(), 413, "payload too large", "the body is larger than this endpoint accepts");
            return;
        }
        log.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        HttpApi.error(ctx.response(), 500, "internal error", "the server could not complete the request");
    }

    /** Leaflet's files inside its webjar, whose path carries the version the build resolved. */
    private static String leafletRoot() {
        return "META-INF/resources/webjars/leaflet/" + webjarVersion(LEAFLET_POM, "Leaflet") + "/dist";
    }

    /** Leaflet.markercluster's files (leaflet.markercluster.js, MarkerCluster.css) inside its webjar. */
    private static String markerClusterRoot() {
        return "META-INF/resources/webjars/leaflet-markercluster/" + webjarVersion(MARKERCLUSTER_POM, "markercluster");
    }

    private static String webjarVersion(String pomProperties, String what) {
        Properties pom = new Properties();
        try (InputStream in = DashboardsVerticle.class.getClassLoader().getResourceAsStream(pomProperties)) {
            if (in == null) {
                throw new IllegalStateException("the " + what + " webjar is missing from the classpath");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }
}
