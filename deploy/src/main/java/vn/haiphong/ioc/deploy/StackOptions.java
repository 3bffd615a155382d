package vn.haiphong.ioc.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How {@link Stack} starts the one-machine IOC. Built in code ({@link #builder(Path)}) by tests, or from {@code
 * --key=value} options ({@link #fromArgs(String...)}) by {@link Demo}. A port of 0 means "pick a free one", which is
 * what tests use.
 */
public final class StackOptions {
    /** Options {@link #fromArgs(String...)} understands; each one may also come from {@code IOC_KEY}. */
    public static final Set<String> KEYS = Set.of(
            "repo-root",
            "broker",
            "mqtt-port",
            "mqtt-bind",
            "http-port",
            "flink-ui-port",
            "sim-rate",
            "sim-seed",
            "scenario",
            "with-simulators",
            "parallelism",
            "data-dir",
            "log-dir",
            "pid-file",
            "startup-timeout",
            "stop-grace",
            "with-db",
            "db-port",
            "db-url",
            "db-user",
            "db-password");

    /** The embedded PostgreSQL's default port: not 5432, where a system PostgreSQL usually listens. */
    public static final int DEFAULT_DB_PORT = 5433;

    private final Path repoRoot;
    private final Path dataDir;
    private final Path logDir;
    private final Path pidFile;
    private final Broker.Kind broker;
    private final int mqttPort;
    private final String mqttBind;
    private final int httpPort;
    private final int flinkUiPort;
    private final int simRate;
    private final long simSeed;
    /** The scenarios {@code ./ioc demo} plays when none is named. */
    public static final String DEMO_SCENARIOS =
            "storm-tan-vu,accident-lach-tray,desk-queue-le-chan,flood-fusion-cau-rao";

    private final String scenario;
    private final boolean withSimulators;
    private final int parallelism;
    private final Duration startupTimeout;
    private final Duration stopGrace;
    private final boolean shutdownHook;
    private final Consumer<String> out;
    private final Map<String, String> mainClasses;
    private final Map<String, List<String>> extraArgs;
    private final boolean withDb;
    private final int dbPort;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;

    private StackOptions(Builder b) {
        this.withDb = b.withDb;
        this.dbPort = b.dbPort;
        this.dbUrl = b.dbUrl;
        this.dbUser = b.dbUser;
        this.dbPassword = b.dbPassword;
        this.repoRoot = b.repoRoot;
        this.dataDir = b.dataDir != null ? b.dataDir : repoRoot.resolve(".ioc/data");
        this.logDir = b.logDir != null ? b.logDir : repoRoot.resolve(".ioc/logs");
        this.pidFile = b.pidFile;
        this.broker = b.broker;
        this.mqttPort = b.mqttPort;
        this.mqttBind = b.mqttBind;
        this.httpPort = b.httpPort;
        this.flinkUiPort = b.flinkUiPort;
        this.simRate = b.simRate;
        this.simSeed = b.simSeed;
        this.scenario = b.scenario;
        this.withSimulators = b.withSimulators;
        this.parallelism = b.parallelism;
        this.startupTimeout = b.startupTimeout;
        this.stopGrace = b.stopGrace;
        this.shutdownHook = b.shutdownHook;
        this.out = b.out;
        this.mainClasses = Map.copyOf(b.mainClasses);
        this.extraArgs = Map.copyOf(b.extraArgs);
    }

    /** Options for the repository at {@code repoRoot} (the folder with the root pom.xml), with the demo's defaults. */
    public static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    /**
     * For system tests: the repository that Maven runs in (system property {@code ioc.repo-root}, which failsafe sets,
     * or the nearest one above the working directory), free ports, and data and logs under {@code workDir}.
     */
    public static Builder forSystemTest(Path workDir) {
        Path root = Optional.ofNullable(System.getProperty("ioc.repo-root"))
                .map(Path::of)
                .or(() -> findRepoRoot(Path.of("")))
                .orElseThrow(() -> new IllegalStateException(
                        "cannot find the IOC repository: set the system property ioc.repo-root"));
        return builder(root)
                .mqttPort(0)
                .httpPort(0)
                .flinkUiPort(0)
                .dbPort(0)
                .dataDir(workDir.resolve("data"))
                .logDir(workDir.resolve("logs"));
    }

    /**
     * Reads {@code --broker --mqtt-port --http-port --flink-ui-port --sim-rate --scenario --with-simulators --data-dir ...}
     * (see {@link #KEYS}); the repository root is {@code --repo-root} or the nearest folder above the working directory
     * that holds the project's pom.xml.
     */
    public static StackOptions fromArgs(String... args) {
        Options o = Options.parse(args).requireKnown(KEYS);
        Path root = o.find("repo-root").map(Path::of).orElseGet(() -> findRepoRoot(Path.of(""))
                .orElseThrow(() -> new IllegalArgumentException("cannot find the IOC repository above "
                        + Path.of("").toAbsolutePath() + "; run from inside it or pass --repo-root=<folder>")));
        Builder b = builder(root)
                .broker(Broker.Kind.fromOption(o.get("broker", Broker.Kind.HIVEMQ.optionValue())))
                .mqttPort(o.getInt("mqtt-port", 1883))
                .mqttBind(o.get("mqtt-bind", "127.0.0.1"))
                .httpPort(o.getInt("http-port", 8080))
                .flinkUiPort(o.getInt("flink-ui-port", 8081))
                .simRate(o.getInt("sim-rate", 200))
                .simSeed(o.getLong("sim-seed", 42))
                // The demo plays one scenario per feed so the wall has port, traffic, desk and citizen alerts within
                // minutes (the Tân Vũ storm, the Lạch Tray accident, Lê Chân's desk queue, the Cầu Rào flood reported
                // by a camera and citizens); --scenario=none for a calm day.
                .scenario(o.find("scenario")
                        .filter(n -> !n.equals("none"))
                        .orElse(o.has("scenario") ? null : DEMO_SCENARIOS))
                .withSimulators(o.getBoolean("with-simulators", true))
                .parallelism(o.getInt("parallelism", 2))
                .startupTimeout(Duration.ofSeconds(o.getInt("startup-timeout", 180)))
                .stopGrace(Duration.ofSeconds(o.getInt("stop-grace", 20)))
                .withDb(o.getBoolean("with-db", true))
                .dbPort(o.getInt("db-port", DEFAULT_DB_PORT));
        o.find("db-url").ifPresent(url -> b.externalDb(url, o.get("db-user", null), o.get("db-password", null)));
        o.find("data-dir").map(Path::of).ifPresent(b::dataDir);
        o.find("log-dir").map(Path::of).ifPresent(b::logDir);
        o.find("pid-file").map(Path::of).ifPresent(b::pidFile);
        return b.build();
    }

    /** The nearest folder at or above {@code start} that holds both the root pom.xml and the deploy module. */
    public static Optional<Path> findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("deploy/pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /** Parent of the components' data: {@code broker/} and {@code flink/} are made under it. */
    public Path dataDir() {
        return dataDir;
    }

    /** Where each child process writes {@code <name>.log}. */
    public Path logDir() {
        return logDir;
    }

    /** A file listing the children's process ids while the stack runs (for ./ioc to clean up after a crash), or null. */
    public Path pidFile() {
        return pidFile;
    }

    /** HiveMQ CE in the launcher's JVM (the default) or mosquitto as a child process. */
    public Broker.Kind broker() {
        return broker;
    }

    public int mqttPort() {
        return mqttPort;
    }

    public String mqttBind() {
        return mqttBind;
    }

    public int httpPort() {
        return httpPort;
    }

    public int flinkUiPort() {
        return flinkUiPort;
    }

    public int simRate() {
        return simRate;
    }

    public long simSeed() {
        return simSeed;
    }

    /** The simulators' scenario, or null for the normal day. */
    public String scenario() {
        return scenario;
    }

    public boolean withSimulators() {
        return withSimulators;
    }

    public int parallelism() {
        return parallelism;
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    public Duration stopGrace() {
        return stopGrace;
    }

    public boolean shutdownHook() {
        return shutdownHook;
    }

    public Consumer<String> out() {
        return out;
    }

    /** Whether the stack keeps history in PostgreSQL (the embedded one unless {@link #dbUrl()} names another). */
    public boolean withDb() {
        return withDb;
    }

    /** The embedded PostgreSQL's port (0: any free one); unused with an external database. */
    public int dbPort() {
        return dbPort;
    }

    /** An external PostgreSQL/TimescaleDB ({@code jdbc:postgresql://...}), or null for the embedded one. */
    public String dbUrl() {
        return dbUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    /** The main class that runs {@code component}, or {@code defaultClass} when none was set. */
    public String mainClass(String component, String defaultClass) {
        return mainClasses.getOrDefault(component, defaultClass);
    }

    /** Options appended to the component's command line after the stack's own. */
    public List<String> extraArgs(String component) {
        return extraArgs.getOrDefault(component, List.of());
    }

    public static final class Builder {
        private final Path repoRoot;
        private Path dataDir;
        private Path logDir;
        private Path pidFile;
        private Broker.Kind broker = Broker.Kind.HIVEMQ;
        private int mqttPort = 1883;
        private String mqttBind = "127.0.0.1";
        private int httpPort = 8080;
        private int flinkUiPort = 8081;
        private int simRate = 200;
        private long simSeed = 42;
        private String scenario;
        private boolean withSimulators = true;
        private int parallelism = 2;
        private Duration startupTimeout = Duration.ofSeconds(180);
        private Duration stopGrace = Duration.ofSeconds(20);
        private boolean shutdownHook = true;
        private Consumer<String> out = System.out::println;
        private final Map<String, String> mainClasses = new HashMap<>();
        private final Map<String, List<String>> extraArgs = new HashMap<>();
        private boolean withDb = true;
        private int dbPort = DEFAULT_DB_PORT;
        private String dbUrl;
        private String dbUser;
        private String dbPassword;

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot.toAbsolutePath().normalize();
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir.toAbsolutePath().normalize();
            return this;
        }

        public Builder logDir(Path dir) {
            this.logDir = dir.toAbsolutePath().normalize();
            return this;
        }

        public Builder pidFile(Path file) {
            this.pidFile = file == null ? null : file.toAbsolutePath().normalize();
            return this;
        }

        /** Which MQTT broker the stack starts; HiveMQ CE in this JVM by default. */
        public Builder broker(Broker.Kind kind) {
            this.broker = Objects.requireNonNull(kind);
            return this;
        }

        /** 0 picks a free port. */
        public Builder mqttPort(int port) {
            this.mqttPort = port;
            return this;
        }

        /** The broker's listen address: 127.0.0.1 keeps it on this machine, 0.0.0.0 lets devices on the LAN in. */
        public Builder mqttBind(String address) {
            this.mqttBind = Objects.requireNonNull(address);
            return this;
        }

        /** 0 picks a free port. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** 0 picks a free port. */
        public Builder flinkUiPort(int port) {
            this.flinkUiPort = port;
            return this;
        }

        /** Messages per second the simulators publish. */
        public Builder simRate(int rate) {
            this.simRate = rate;
            return this;
        }

        public Builder simSeed(long seed) {
            this.simSeed = seed;
            return this;
        }

        /** A simulator scenario such as {@code storm-tan-vu}; null for the normal day. */
        public Builder scenario(String scenario) {
            this.scenario = scenario;
            return this;
        }

        /** False starts no simulators, for tests that publish their own messages. */
        public Builder withSimulators(boolean with) {
            this.withSimulators = with;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** How long each component may take to become ready. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** How long a component may take to exit after SIGTERM before it is killed. */
        public Builder stopGrace(Duration grace) {
            this.stopGrace = grace;
            return this;
        }

        /** Whether the stack stops itself when the JVM exits (Ctrl-C, SIGTERM, System.exit). On by default. */
        public Builder shutdownHook(boolean register) {
            this.shutdownHook = register;
            return this;
        }

        /** Where the one-line progress messages go (System.out by default). */
        public Builder out(Consumer<String> out) {
            this.out = Objects.requireNonNull(out);
            return this;
        }

        /** Runs {@code component} with another main class from the same module classpath (e.g. a stand-in). */
        public Builder mainClass(String component, String className) {
            mainClasses.put(component, className);
            return this;
        }

        /** Appends {@code --key=value} options to a component's command line. */
        public Builder extraArgs(String component, String... args) {
            extraArgs.put(component, List.of(args));
            return this;
        }

        /** False runs the stack without a database: no history is kept. */
        public Builder withDb(boolean with) {
            this.withDb = with;
            return this;
        }

        /** The embedded PostgreSQL's port; 0 picks a free one. */
        public Builder dbPort(int port) {
            this.dbPort = port;
            return this;
        }

        /** Use this PostgreSQL/TimescaleDB instead of starting the embedded one. */
        public Builder externalDb(String url, String user, String password) {
            this.dbUrl = url;
            this.dbUser = user;
            this.dbPassword = password;
            return this;
        }

        public StackOptions build() {
            if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(
                        "--db-url must be a PostgreSQL JDBC URL, jdbc:postgresql://host:port/database, not " + dbUrl);
            }
            if (dbUrl != null && !withDb) {
                throw new IllegalArgumentException("--db-url and --with-db=false contradict each other");
            }
            if (simRate <= 0) {
                throw new IllegalArgumentException("--sim-rate must be positive, not " + simRate);
            }
            if (parallelism <= 0) {
                throw new IllegalArgumentException("--parallelism must be positive, not " + parallelism);
            }
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("--startup-timeout must be positive");
            }
            return new StackOptions(this);
        }
    }
}
