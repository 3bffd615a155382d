package vn.haiphong.ioc.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-machine IOC: the MQTT broker (HiveMQ CE in this JVM, or mosquitto as a child process with {@code
 * --broker=mosquitto}), then the Flink job (ingest), the dashboards server and the simulators as child processes, each
 * started from its module's packaged classpath and waited for until ready.
 *
 * <pre>{@code
 * // In a *SystemIT: the repository Maven runs in, free ports, data and logs under target/system-test/<name>.
 * StackOptions options = StackOptions.forSystemTest(Path.of(System.getProperty("ioc.system-test-dir"), "alerts"))
 *         .withSimulators(false)                  // the test publishes its own messages
 *         .build();
 * try (Stack stack = Stack.start(options)) {
 *     publish(stack.mqttUri(), ...);
 *     get(stack.httpUrl() + "/health");         // stack.flinkUiUrl(), stack.logFile(Stack.INGEST), ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} (also run by a shutdown hook on Ctrl-C or SIGTERM) stops everything in reverse order.
 */
public final class Stack implements AutoCloseable {
    public static final String BROKER = "broker";
    public static final String INGEST = "ingest";
    public static final String DASHBOARDS = "dashboards";
    public static final String SIMULATORS = "simulators";
    public static final String DATABASE = "database";

    static final String INGEST_MAIN = "vn.haiphong.ioc.ingest.IocJob";
    static final String DASHBOARDS_MAIN = "vn.haiphong.ioc.dashboards.DashboardsMain";
    static final String SIMULATORS_MAIN = "vn.haiphong.ioc.simulators.SimulatorMain";

    static final String INGEST_HEAP = "-Xmx768m";
    static final String DASHBOARDS_HEAP = "-Xmx256m";
    static final String SIMULATORS_HEAP = "-Xmx256m";

    /** The inbound feeds' topic root: the simulators are ready once something arrives under it. */
    static final String INBOUND_TOPICS = "hp/v1/#";

    /** Marks the children in {@code ps} and lets ./ioc tell them from unrelated processes that reuse a stale pid. */
    static final String COMPONENT_PROPERTY = "haiphong.ioc.component";

    private static final Logger log = LoggerFactory.getLogger(Stack.class);

    private final StackOptions options;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, Component> running = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private Broker broker;
    private EmbeddedDatabase database;
    private String dbUrl;
    private String dbUser;
    private String dbPassword;
    private int dbPort;
    private int mqttPort;
    private int httpPort;
    private int flinkUiPort;
    private volatile boolean closed;

    /** What a component runs and how it shows it is ready. */
    private record Spec(
            String name,
            String module,
            List<String> jvmOptions,
            String mainClass,
            List<String> args,
            Supplier<Readiness> readiness,
            String detail,
            Map<String, String> env) {}

    private Stack(StackOptions options) {
        this.options = options;
        this.shutdownHook = options.shutdownHook() ? new Thread(this::close, "ioc-stack-shutdown") : null;
    }

    /**
     * Starts the whole stack and returns once every component is ready. On failure everything started so far is
     * stopped and a {@link StackException} names the component and the log to read.
     */
    public static Stack start(StackOptions options) {
        Stack stack = new Stack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        mqttPort = Ports.resolve(options.mqttPort(), "MQTT broker", "mqtt-port");
        httpPort = Ports.resolve(options.httpPort(), "dashboards", "http-port");
        flinkUiPort = Ports.resolve(options.flinkUiPort(), "Flink web UI", "flink-ui-port");
        // Free ports are picked one after another and released at once, so two picks may, rarely, coincide.
        while (options.httpPort() == 0 && httpPort == mqttPort) {
            httpPort = Ports.freePort();
        }
        while (options.flinkUiPort() == 0 && (flinkUiPort == mqttPort || flinkUiPort == httpPort)) {
            flinkUiPort = Ports.freePort();
        }
        if (mqttPort == httpPort || mqttPort == flinkUiPort || httpPort == flinkUiPort) {
            throw new StackException("the MQTT, HTTP and Flink UI ports must differ: " + mqttPort + ", " + httpPort
                    + ", " + flinkUiPort);
        }
        if (options.withDb() && options.dbUrl() == null) {
            dbPort = Ports.resolve(options.dbPort(), "PostgreSQL", "db-port");
            while (options.dbPort() == 0 && (dbPort == mqttPort || dbPort == httpPort || dbPort == flinkUiPort)) {
                dbPort = Ports.freePort();
            }
            dbUrl = EmbeddedDatabase.jdbcUrl(dbPort);
            dbUser = EmbeddedDatabase.USER;
        } else if (options.withDb()) {
            dbUrl = options.dbUrl();
            dbUser = options.dbUser();
            dbPassword = options.dbPassword();
        }
        createDirectories();
        defineSpecs();
        // Fail before anything starts when a module has not been packaged, rather than after the broker and Flink.
        for (Spec spec : specs.values()) {
            if (!SIMULATORS.equals(spec.name()) || options.withSimulators()) {
                JavaCommand.moduleClasspath(options.repoRoot(), spec.module());
            }
        }

        startDatabase();

        long t0 = System.nanoTime();
        Broker started = newBroker().start();
        synchronized (this) {
            broker = started;
            if (closed) {
                started.stop();
                throw new StackException("the stack was stopped while it was starting");
            }
            writePidFile();
        }
        progress(
                BROKER,
                t0,
                mqttUri() + " (" + started.description() + ", data in " + started.dataDir() + ")"
                        + (isChildProcess(started) ? "  (log " + relative(logFile(BROKER)) + ")" : ""));

        // The Flink job and the dashboards do not need each other, so they start side by side, which saves the
        // start-up time of one JVM. The simulators come last, so that their first events meet a running job.
        List<Pending> pending = new ArrayList<>();
        pending.add(spawn(specs.get(INGEST)));
        pending.add(spawn(specs.get(DASHBOARDS)));
        awaitAll(pending);
        if (options.withSimulators()) {
            awaitAll(List.of(spawn(specs.get(SIMULATORS))));
        }
    }

    /** The embedded PostgreSQL, unless the options name an external one or none; the job and dashboards get its URL. */
    private void startDatabase() {
        if (!options.withDb()) {
            return;
        }
        if (options.dbUrl() != null) {
            options.out().accept(String.format("[ioc] %-10s external %s", DATABASE, dbUrl));
            return;
        }
        long t0 = System.nanoTime();
        EmbeddedDatabase started = new EmbeddedDatabase(options.dataDir().resolve("postgres"), dbPort).start();
        synchronized (this) {
            database = started;
            if (closed) {
                started.close();
                throw new StackException("the stack was stopped while it was starting");
            }
        }
        progress(DATABASE, t0, dbUrl + " (embedded PostgreSQL, data in " + relative(started.dataDir()) + ")");
    }

    /** Each broker keeps its own folder: the two do not read each other's sessions. */
    private Broker newBroker() {
        return switch (options.broker()) {
            case HIVEMQ ->
                new EmbeddedBroker(
                        options.mqttBind(), mqttPort, options.dataDir().resolve("broker"));
            case MOSQUITTO ->
                new MosquittoBroker(
                        options.mqttBind(), mqttPort, options.dataDir().resolve("mosquitto"), logFile(BROKER));
        };
    }

    private static boolean isChildProcess(Broker broker) {
        return broker.pid() != ProcessHandle.current().pid();
    }

    private void defineSpecs() {
        String mqtt = mqttUri();
        List<String> ingestArgs = new ArrayList<>(List.of(
                "--mqtt=" + mqtt,
                "--local=true",
                "--flink-ui-port=" + flinkUiPort,
                "--parallelism=" + options.parallelism(),
                "--data-dir=" + options.dataDir().resolve("flink")));
        // The job and the dashboards both learn the database from the same options; the password goes through the
        // environment (IOC_DB_PASSWORD), never the command line that ps and the logs show.
        List<String> dbArgs = new ArrayList<>();
        Map<String, String> dbEnv = new LinkedHashMap<>();
        if (dbUrl != null) {
            dbArgs.add("--db-url=" + dbUrl);
            if (dbUser != null) {
                dbArgs.add("--db-user=" + dbUser);
            }
            if (dbPassword != null) {
                dbEnv.put("IOC_DB_PASSWORD", dbPassword);
            }
        }
        ingestArgs.addAll(dbArgs);
        List<String> ingestJvm = new ArrayList<>(JavaCommand.flinkJvmOptions());
        // Heaps sized for one machine: without a limit each JVM may take a quarter of the RAM and, with memory to
        // spare, lets its heap grow instead of collecting. ./ioc bench measures what they use.
        ingestJvm.add(INGEST_HEAP);
        define(new Spec(
                INGEST,
                "ingest",
                ingestJvm,
                options.mainClass(INGEST, INGEST_MAIN),
                ingestArgs,
                () -> Readiness.flinkJobRunning(flinkUiPort),
                "Flink web UI " + flinkUiUrl(),
                dbEnv));
        // Its data dir holds the demo's port-operator tokens (port-tokens.json), beside the broker's and Flink's data.
        List<String> dashboardsArgs = new ArrayList<>(List.of(
                "--mqtt=" + mqtt,
                "--http-port=" + httpPort,
                "--data-dir=" + options.dataDir().resolve("dashboards")));
        dashboardsArgs.addAll(dbArgs);
        define(new Spec(
                DASHBOARDS,
                "dashboards",
                List.of(DASHBOARDS_HEAP),
                options.mainClass(DASHBOARDS, DASHBOARDS_MAIN),
                dashboardsArgs,
                () -> Readiness.httpOk(httpUrl() + "/health"),
                "wall " + httpUrl(),
                dbEnv));
        List<String> simArgs = new ArrayList<>(
                List.of("--mqtt=" + mqtt, "--rate=" + options.simRate(), "--seed=" + options.simSeed()));
        if (options.scenario() != null) {
            simArgs.add("--scenario=" + options.scenario());
        }
        define(new Spec(
                SIMULATORS,
                "simulators",
                List.of(SIMULATORS_HEAP),
                options.mainClass(SIMULATORS, SIMULATORS_MAIN),
                simArgs,
                () -> Readiness.firstMessage(mqttUri(), INBOUND_TOPICS),
                options.simRate() + " msg/s, seed " + options.simSeed()
                        + (options.scenario() == null ? "" : ", scenario " + options.scenario()),
                Map.of()));
    }

    private void define(Spec spec) {
        List<String> args = new ArrayList<>(spec.args());
        args.addAll(options.extraArgs(spec.name()));
        List<String> jvm = new ArrayList<>(spec.jvmOptions());
        jvm.add("-D" + COMPONENT_PROPERTY + "=" + spec.name());
        specs.put(
                spec.name(),
                new Spec(
                        spec.name(),
                        spec.module(),
                        List.copyOf(jvm),
                        spec.mainClass(),
                        List.copyOf(args),
                        spec.readiness(),
                        spec.detail(),
                        Map.copyOf(spec.env())));
    }

    /** A child that has been started and is not known to be ready yet. */
    private record Pending(Spec spec, Component component, Readiness readiness, long startedNanos) {}

    private synchronized Pending spawn(Spec spec) {
        if (closed) {
            throw new StackException("the stack is closed");
        }
        List<String> command =
                JavaCommand.of(options.repoRoot(), spec.module(), spec.jvmOptions(), spec.mainClass(), spec.args());
        Readiness readiness = spec.readiness().get();
        long t0 = System.nanoTime();
        Component component;
        try {
            component = Component.start(
                    spec.name(),
                    command,
                    spec.env(),
                    options.repoRoot(),
                    options.logDir().resolve(spec.name() + ".log"));
        } catch (RuntimeException e) {
            readiness.close();
            throw e;
        }
        running.put(spec.name(), component);
        writePidFile();
        log.info("started {} (pid {}): {}", spec.name(), component.pid(), String.join(" ", command));
        return new Pending(spec, component, readiness, t0);
    }

    /** Polls every pending component until all are ready, failing at once if one exits or runs out of time. */
    private void awaitAll(List<Pending> pending) {
        List<Pending> waiting = new ArrayList<>(pending);
        try {
            while (!waiting.isEmpty()) {
                for (Pending p : List.copyOf(waiting)) {
                    Component c = p.component();
                    if (closed) {
                        throw new StackException("the stack was stopped while " + c.name() + " was starting");
                    }
                    if (p.readiness().isReady()) {
                        waiting.remove(p);
                        progress(
                                c.name(),
                                p.startedNanos(),
                                p.spec().detail() + "  (log " + relative(c.logFile()) + ")");
                    } else if (!c.isAlive()) {
                        throw new StackException(
                                c.name() + " exited with code " + c.exitCode().orElse(-1)
                                        + " before it was ready (waiting for "
                                        + p.readiness().description() + ")."
                                        + " Read " + c.logFile() + "; its last lines:\n" + indent(c.logTail(25)));
                    } else if (System.nanoTime() - p.startedNanos()
                            > options.startupTimeout().toNanos()) {
                        throw new StackException(c.name() + " was not ready after "
                                + options.startupTimeout().toSeconds() + " s (waiting for "
                                + p.readiness().description() + "). Read " + c.logFile()
                                + "; its last lines:\n" + indent(c.logTail(25)));
                    }
                }
                if (!waiting.isEmpty()) {
                    Thread.sleep(250);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the stack to start", e);
        } finally {
            pending.forEach(p -> p.readiness().close());
        }
    }

    /**
     * Stops one component and starts it again with the same options and ports, returning once it is ready: for tests
     * of recovery (a Flink job restarted from its checkpoints, a dashboards server that reconnects).
     */
    public Component restart(String name) {
        Spec spec = specs.get(name);
        if (spec == null || (SIMULATORS.equals(name) && !options.withSimulators())) {
            throw new IllegalArgumentException("no component '" + name + "' in this stack; known: " + running.keySet());
        }
        Component old;
        synchronized (this) {
            old = running.remove(name);
        }
        if (old != null) {
            old.stop(options.stopGrace());
        }
        Pending restarted = spawn(spec);
        awaitAll(List.of(restarted));
        return restarted.component();
    }

    /** The child process of a component ({@link #INGEST}, {@link #DASHBOARDS}, {@link #SIMULATORS}). */
    public synchronized Optional<Component> component(String name) {
        return Optional.ofNullable(running.get(name));
    }

    /** The child processes: ingest, dashboards, simulators (those that run). */
    public synchronized List<Component> components() {
        return inRoleOrder();
    }

    /** The order the stack starts them in, whatever was restarted since: close() stops them in reverse. */
    private List<Component> inRoleOrder() {
        List<Component> ordered = new ArrayList<>();
        for (String name : specs.keySet()) {
            Component c = running.get(name);
            if (c != null) {
                ordered.add(c);
            }
        }
        return ordered;
    }

    /**
     * The broker, e.g. to stop and start it in a test of reconnection. A mosquitto started again that way has a new
     * pid, which the pid file learns only when the stack next starts a component.
     */
    public synchronized Broker broker() {
        return broker;
    }

    /**
     * The process that runs the broker: this JVM's for the embedded HiveMQ, mosquitto's own otherwise (for sampling
     * {@code /proc/<pid>}).
     */
    public synchronized long brokerPid() {
        if (broker == null) {
            throw new IllegalStateException("the broker has not been started");
        }
        return broker.pid();
    }

    /**
     * The JDBC URL of the history database the job and the dashboards use (embedded or external), if the stack has
     * one.
     */
    public synchronized Optional<String> dbUrl() {
        return Optional.ofNullable(dbUrl);
    }

    /** The embedded PostgreSQL, e.g. to stop and start it in a test; empty with an external database or none. */
    public synchronized Optional<EmbeddedDatabase> database() {
        return Optional.ofNullable(database);
    }

    /** Whether {@link #close()} has begun: a broker or component that stops after this was stopped on purpose. */
    public boolean isClosed() {
        return closed;
    }

    public String mqttUri() {
        return "tcp://localhost:" + mqttPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The wall and the dashboards' REST and websocket base, e.g. {@code http://localhost:8080}. */
    public String httpUrl() {
        return "http://localhost:" + httpPort;
    }

    public int flinkUiPort() {
        return flinkUiPort;
    }

    public String flinkUiUrl() {
        return "http://localhost:" + flinkUiPort;
    }

    public StackOptions options() {
        return options;
    }

    /** The log file of a component; the embedded broker logs with this JVM, mosquitto to {@code broker.log}. */
    public Path logFile(String component) {
        return options.logDir().resolve(component + ".log");
    }

    /**
     * Stops the simulators, the dashboards, the Flink job, the broker and then the embedded database (last: the job
     * flushes its history on the way down). Safe to call more than once.
     */
    @Override
    public void close() {
        List<Component> toStop;
        Broker startedBroker;
        EmbeddedDatabase startedDatabase;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = inRoleOrder();
            running.clear();
            startedBroker = broker;
            startedDatabase = database;
        }
        Collections.reverse(toStop);
        for (Component c : toStop) {
            long t0 = System.nanoTime();
            c.stop(options.stopGrace());
            stopped(c.name(), t0, "exit code " + c.exitCode().orElse(-1));
        }
        if (startedBroker != null && startedBroker.isRunning()) {
            long t0 = System.nanoTime();
            startedBroker.stop();
            stopped(BROKER, t0, "");
        }
        if (startedDatabase != null && startedDatabase.isRunning()) {
            long t0 = System.nanoTime();
            startedDatabase.close();
            stopped(DATABASE, t0, "");
        }
        deletePidFile();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook will find the stack closed and return.
            }
        }
    }

    private void createDirectories() {
        try {
            Files.createDirectories(options.dataDir());
            Files.createDirectories(options.logDir());
        } catch (IOException e) {
            throw new StackException("cannot create " + options.dataDir() + " or " + options.logDir() + ": " + e, e);
        }
    }

    private void writePidFile() {
        Path file = options.pidFile();
        if (file == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        // The embedded broker is this JVM, which is not for ./ioc to kill.
        if (broker != null && broker.isRunning() && isChildProcess(broker)) {
            lines.add(broker.pid() + " " + BROKER);
        }
        if (database != null && database.isRunning() && database.pid() > 0) {
            lines.add(database.pid() + " " + DATABASE);
        }
        inRoleOrder().forEach(c -> lines.add(c.pid() + " " + c.name()));
        String pids = lines.stream().collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pids, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot write the pid file {}: {}", file, e.toString());
        }
    }

    private void deletePidFile() {
        if (options.pidFile() != null) {
            try {
                Files.deleteIfExists(options.pidFile());
            } catch (IOException e) {
                log.warn("cannot delete the pid file {}: {}", options.pidFile(), e.toString());
            }
        }
    }

    private void progress(String name, long startedNanos, String detail) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        String line = String.format("[ioc] %-10s ready in %5.1f s  %s", name, seconds, detail);
        log.info("{}", line);
        options.out().accept(line);
    }

    private void stopped(String name, long startedNanos, String detail) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        String line = String.format("[ioc] %-10s stopped in %4.1f s  %s", name, seconds, detail)
                .stripTrailing();
        log.info("{}", line);
        options.out().accept(line);
    }

    private String relative(Path file) {
        Path root = options.repoRoot();
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
    }

    /** How long a component may take to stop, for callers that stop one by hand. */
    public Duration stopGrace() {
        return options.stopGrace();
    }
}
