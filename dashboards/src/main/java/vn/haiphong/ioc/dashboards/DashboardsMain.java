package vn.haiphong.ioc.dashboards;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.config.Settings;
import vn.haiphong.ioc.dashboards.open311.Open311Api;

/**
 * Starts the dashboards server. Options ({@code --key=value}, or {@code IOC_KEY} in the environment): {@code --mqtt}
 * (tcp://localhost:1883), {@code --http-port} (8080), {@code --http-host} (0.0.0.0), {@code --ref-dir} (a directory
 * of reference-data files that replace the shipped ones), {@code --rules} (the rules file the Flink job uses, for the
 * thresholds the wall draws), {@code --replay-buffer} (10000 push messages kept for clients that reconnect),
 * {@code --db-url} (the history database, {@code jdbc:postgresql://host:5432/ioc}; absent: no history),
 * {@code --db-user}, {@code --db-password} (better given as {@code IOC_DB_PASSWORD} in the environment),
 * {@code --port-tokens} (a JSON file of port id → SHA-256 digests of that port's bearer tokens, for the port operators'
 * feeds), {@code --data-dir} (.ioc/data/dashboards: without {@code --port-tokens}, one demo token per port is generated
 * into {@code port-tokens.json} there), {@code --open311-keys} (comma-separated SHA-256 digests of the API keys that
 * may post Open311 service requests; absent: posting answers 403), {@code --operator-tokens} (a JSON file of operator
 * name → {@code {"roles": [...], "tokens": [SHA-256 digests]}}; without it, demo operators are generated into
 * {@code operator-tokens.json} in the data directory).
 */
public final class DashboardsMain {
    private static final Logger log = LoggerFactory.getLogger(DashboardsMain.class);

    private DashboardsMain() {}

    public static void main(String[] args) {
        DashboardsConfig config;
        Optional<String> open311Keys;
        Optional<String> operatorTokens;
        try {
            Settings settings = Settings.fromArgs(args);
            open311Keys = settings.find("open311-keys").filter(v -> !v.isBlank());
            operatorTokens = settings.find("operator-tokens").filter(v -> !v.isBlank());
            config = new DashboardsConfig(
                    settings.get("mqtt", "tcp://localhost:1883"),
                    settings.get("http-host", "0.0.0.0"),
                    settings.getInt("http-port", 8080),
                    settings.find("ref-dir").map(Path::of),
                    settings.find("rules").map(Path::of),
                    settings.getInt("replay-buffer", 10_000),
                    DashboardsConfig.database(
                            settings.find("db-url").orElse(null),
                            settings.find("db-user").orElse(null),
                            settings.find("db-password").orElse(null)),
                    new DashboardsConfig.PortFeeds(
                            Optional.empty(),
                            settings.find("port-tokens")
                                    .filter(v -> !v.isBlank())
                                    .map(Path::of),
                            Optional.of(Path.of(settings.get("data-dir", ".ioc/data/dashboards"))),
                            DashboardsConfig.PortFeeds.DEFAULT_HEARTBEAT_MS));
        } catch (IllegalArgumentException e) {
            System.err.println("dashboards: " + e.getMessage());
            System.exit(2);
            return;
        }

        Vertx vertx = Vertx.vertx();
        DashboardsVerticle verticle = new DashboardsVerticle();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                vertx.close().await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                log.warn("dashboards did not stop cleanly: {}", e.toString());
                            }
                        },
                        "dashboards-shutdown"));
        JsonObject json = config.toJson();
        open311Keys.ifPresent(keys -> json.put(Open311Api.API_KEYS, keys));
        operatorTokens.ifPresent(file -> json.put(DashboardsVerticle.OPERATOR_TOKENS, file));
        vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(json))
                .onSuccess(id ->
                        log.info("IOC wall at http://{}:{}/", displayHost(config.httpHost()), verticle.actualPort()))
                .onFailure(e -> {
                    log.error("dashboards failed to start: {}", e.getMessage(), e);
                    vertx.close().onComplete(v -> System.exit(1));
                });
    }

    /** A wildcard address is not something to type into a browser. */
    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }
}
