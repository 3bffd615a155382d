package vn.haiphong.ioc.dashboards;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.dashboards.history.HistoryDatabase;
import vn.haiphong.ioc.dashboards.http.HistoryApi;
import vn.haiphong.ioc.dashboards.http.HttpApi;
import vn.haiphong.ioc.dashboards.http.WallData;
import vn.haiphong.ioc.dashboards.live.LiveHub;
import vn.haiphong.ioc.dashboards.mqtt.MqttBridge;

/**
 * The dashboards server: the MQTT bridge feeding the live hub, the websocket and REST routes, and the operations wall.
 * The HTTP server listens whether or not the broker is reachable; the wall shows the MQTT state.
 */
public final class DashboardsVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(DashboardsVerticle.class);
    private static final String LEAFLET_POM = "META-INF/maven/org.webjars.npm/leaflet/pom.properties";
    /** Browsers send nothing but pings on the push socket; a small limit keeps a misbehaving one cheap. */
    private static final int MAX_INBOUND_FRAME = 4 * 1024;

    private HttpServer server;
    private MqttBridge bridge;
    private LiveHub hub;
    private HistoryDatabase history;

    @Override
    public Future<?> start() {
        DashboardsConfig config = DashboardsConfig.from(config());
        return vertx.executeBlocking(() -> WallData.load(config.refDir(), config.rules()))
                .compose(data -> {
                    hub = new LiveHub(vertx, config.replayBuffer());
                    history = HistoryDatabase.of(vertx, config.database());
                    bridge = new MqttBridge(vertx, context, config.mqttUri(), hub);
                    HttpServerOptions options = new HttpServerOptions()
                            .setMaxWebSocketFrameSize(MAX_INBOUND_FRAME)
                            .setMaxWebSocketMessageSize(MAX_INBOUND_FRAME);
                    server = vertx.createHttpServer(options)
                            .requestHandler(router(new HttpApi(hub, data, history), new HistoryApi(history)));
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

    private Router router(HttpApi api, HistoryApi historyApi) {
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
        router.get("/geo/districts.geojson").handler(api::districts);
        router.get("/geo/land.geojson").handler(api::land);
        router.get("/ws").handler(api::sinceParam).handler(api::upgrade);
        router.route("/vendor/leaflet/*")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(StaticHandler.create(leafletRoot()).setMaxAgeSeconds(86_400));
        router.route()
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(StaticHandler.create("webroot").setMaxAgeSeconds(300));
        router.errorHandler(404, api::notFound);
        router.errorHandler(405, api::methodNotAllowed);
        router.errorHandler(500, api::internalError);
        return router;
    }

    /** Leaflet's files inside its webjar, whose path carries the version the build resolved. */
    private static String leafletRoot() {
        Properties pom = new Properties();
        try (InputStream in = DashboardsVerticle.class.getClassLoader().getResourceAsStream(LEAFLET_POM)) {
            if (in == null) {
                throw new IllegalStateException("the Leaflet webjar is missing from the classpath");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "META-INF/resources/webjars/leaflet/" + pom.getProperty("version") + "/dist";
    }
}
