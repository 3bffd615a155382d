package vn.haiphong.ioc.dashboards;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The dashboards server's settings as they arrive through {@code DeploymentOptions.setConfig}: the broker, where to
 * listen, the reference-data directory, the rules file (for the thresholds the wall draws), the size of the push
 * replay buffer, and the history database (absent: no history, its endpoints answer 503).
 */
public record DashboardsConfig(
        String mqttUri,
        String httpHost,
        int httpPort,
        Optional<Path> refDir,
        Optional<Path> rules,
        int replayBuffer,
        Optional<Database> database) {
    public static final String MQTT = "mqtt";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String REF_DIR = "ref.dir";
    public static final String RULES = "rules";
    public static final String REPLAY_BUFFER = "replay.buffer";
    public static final String DB_URL = "db.url";
    public static final String DB_USER = "db.user";
    public static final String DB_PASSWORD = "db.password";

    /**
     * Where the history lives: a JDBC-style URL ({@code jdbc:postgresql://host:port/db}) and its credentials (null:
     * those of the URL, or none).
     */
    public record Database(String url, String user, String password) {
        public Database {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("the database URL is empty");
            }
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    /** Without a history database. */
    public DashboardsConfig(
            String mqttUri,
            String httpHost,
            int httpPort,
            Optional<Path> refDir,
            Optional<Path> rules,
            int replayBuffer) {
        this(mqttUri, httpHost, httpPort, refDir, rules, replayBuffer, Optional.empty());
    }

    public DashboardsConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http port must be 0 (any free port) to 65535, not " + httpPort);
        }
        if (replayBuffer < 16) {
            throw new IllegalArgumentException("the replay buffer must hold at least 16 messages, not " + replayBuffer);
        }
    }

    public static DashboardsConfig from(JsonObject config) {
        return new DashboardsConfig(
                config.getString(MQTT, "tcp://localhost:1883"),
                config.getString(HTTP_HOST, "0.0.0.0"),
                config.getInteger(HTTP_PORT, 8080),
                path(config.getString(REF_DIR)),
                path(config.getString(RULES)),
                config.getInteger(REPLAY_BUFFER, 10_000),
                database(config.getString(DB_URL), config.getString(DB_USER), config.getString(DB_PASSWORD)));
    }

    /** A database from its URL and credentials, none when the URL is absent or blank. */
    public static Optional<Database> database(String url, String user, String password) {
        return url == null || url.isBlank()
                ? Optional.empty()
                : Optional.of(new Database(url.trim(), blankToNull(user), blankToNull(password)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put(MQTT, mqttUri)
                .put(HTTP_HOST, httpHost)
                .put(HTTP_PORT, httpPort)
                .put(REPLAY_BUFFER, replayBuffer);
        refDir.ifPresent(dir -> json.put(REF_DIR, dir.toString()));
        rules.ifPresent(file -> json.put(RULES, file.toString()));
        database.ifPresent(
                db -> json.put(DB_URL, db.url()).put(DB_USER, db.user()).put(DB_PASSWORD, db.password()));
        return json;
    }
}
