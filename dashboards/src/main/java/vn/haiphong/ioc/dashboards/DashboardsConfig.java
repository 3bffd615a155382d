package vn.haiphong.ioc.dashboards;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The dashboards server's settings as they arrive through {@code DeploymentOptions.setConfig}: the broker, where to
 * listen, the reference-data directory, the rules file (for the thresholds the wall draws), the size of the push
 * replay buffer, the history database (absent: no history, its endpoints answer 503), and who may read the port
 * operators' feeds.
 */
public record DashboardsConfig(
        String mqttUri,
        String httpHost,
        int httpPort,
        Optional<Path> refDir,
        Optional<Path> rules,
        int replayBuffer,
        Optional<Database> database,
        PortFeeds portFeeds) {
    public static final String MQTT = "mqtt";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String REF_DIR = "ref.dir";
    public static final String RULES = "rules";
    public static final String REPLAY_BUFFER = "replay.buffer";
    public static final String DB_URL = "db.url";
    public static final String DB_USER = "db.user";
    public static final String DB_PASSWORD = "db.password";
    public static final String PORT_TOKENS = "port.tokens";
    public static final String DATA_DIR = "data.dir";
    public static final String PORT_HEARTBEAT_MS = "port.heartbeat.ms";

    /**
     * The port operators' feeds: the SHA-256 digests of each port's tokens (inline, or a JSON file of the same shape),
     * else a data directory where a demo server keeps one generated token per port; with neither, the feeds answer
     * 503. Heartbeats keep quiet event streams open through proxies.
     */
    public record PortFeeds(
            Optional<JsonObject> tokens, Optional<Path> tokensFile, Optional<Path> dataDir, long heartbeatMs) {
        public static final long DEFAULT_HEARTBEAT_MS = 15_000;
        public static final PortFeeds NONE =
                new PortFeeds(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_HEARTBEAT_MS);

        public PortFeeds {
            if (tokens.isPresent() && tokensFile.isPresent()) {
                throw new IllegalArgumentException("give the port tokens inline or as a file, not both");
            }
            if (heartbeatMs < 10) {
                throw new IllegalArgumentException("the heartbeat interval must be at least 10 ms, not " + heartbeatMs);
            }
        }

        public static PortFeeds withDigests(JsonObject digests) {
            return new PortFeeds(Optional.of(digests), Optional.empty(), Optional.empty(), DEFAULT_HEARTBEAT_MS);
        }

        public PortFeeds withHeartbeat(long ms) {
            return new PortFeeds(tokens, tokensFile, dataDir, ms);
        }
    }

    /**
     * The citizen app's abuse limits (read from the same configuration, defaults when absent): reports and photos per
     * device id, a burst then so many a minute, and per client address ten times that (a carrier's NAT puts many
     * phones behind one address); the largest photo accepted, in bytes. Photos are kept under {@code data.dir}/media.
     */
    public record CitizenLimits(int burst, int perMinute, int photoBytes) {
        public static final String BURST = "citizen.rate.burst";
        public static final String PER_MINUTE = "citizen.rate.per.minute";
        public static final String PHOTO_BYTES = "citizen.photo.max.bytes";
        public static final CitizenLimits DEFAULTS = new CitizenLimits(5, 6, 8 * 1024 * 1024);

        public CitizenLimits {
            if (burst < 1 || perMinute < 1) {
                throw new IllegalArgumentException("the citizen rate limits need a burst and a rate of at least 1");
            }
            if (photoBytes < 1024 || photoBytes > 64 * 1024 * 1024) {
                throw new IllegalArgumentException(
                        PHOTO_BYTES + " must be between 1 KiB and 64 MiB, not " + photoBytes);
            }
        }

        public static CitizenLimits from(JsonObject config) {
            return new CitizenLimits(
                    config.getInteger(BURST, DEFAULTS.burst()),
                    config.getInteger(PER_MINUTE, DEFAULTS.perMinute()),
                    config.getInteger(PHOTO_BYTES, DEFAULTS.photoBytes()));
        }
    }

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

    /** Without port feeds. */
    public DashboardsConfig(
            String mqttUri,
            String httpHost,
            int httpPort,
            Optional<Path> refDir,
            Optional<Path> rules,
            int replayBuffer,
            Optional<Database> database) {
        this(mqttUri, httpHost, httpPort, refDir, rules, replayBuffer, database, PortFeeds.NONE);
    }

    public DashboardsConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http port must be 0 (any free port) to 65535, not " + httpPort);
        }
        java.util.Objects.requireNonNull(portFeeds, "portFeeds");
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
                database(config.getString(DB_URL), config.getString(DB_USER), config.getString(DB_PASSWORD)),
                portFeeds(config));
    }

    private static PortFeeds portFeeds(JsonObject config) {
        Object tokens = config.getValue(PORT_TOKENS);
        Optional<JsonObject> inline = Optional.empty();
        Optional<Path> file = Optional.empty();
        if (tokens instanceof JsonObject json) {
            inline = Optional.of(json);
        } else if (tokens instanceof String name) {
            file = path(name);
        } else if (tokens != null) {
            throw new IllegalArgumentException(PORT_TOKENS + " must be a JSON object of port → token digests, or the"
                    + " path of a JSON file of that shape");
        }
        return new PortFeeds(
                inline,
                file,
                path(config.getString(DATA_DIR)),
                config.getLong(PORT_HEARTBEAT_MS, PortFeeds.DEFAULT_HEARTBEAT_MS));
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
        portFeeds.tokens().ifPresent(digests -> json.put(PORT_TOKENS, digests.copy()));
        portFeeds.tokensFile().ifPresent(file -> json.put(PORT_TOKENS, file.toString()));
        portFeeds.dataDir().ifPresent(dir -> json.put(DATA_DIR, dir.toString()));
        json.put(PORT_HEARTBEAT_MS, portFeeds.heartbeatMs());
        return json;
    }
}
