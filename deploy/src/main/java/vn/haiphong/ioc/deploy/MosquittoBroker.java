package vn.haiphong.ioc.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's mosquitto 2 as the stack's MQTT broker ({@code --broker=mosquitto}): a child process started from a
 * configuration generated under the data directory, with persistence there so that persistent sessions and their
 * queued messages survive a restart, as with {@link EmbeddedBroker}.
 *
 * <p>Why a second broker: the Flink source acknowledges a message only after the checkpoint that covers it. HiveMQ CE
 * sends a session its queued messages in stop-and-wait batches (the next batch once the whole previous one is
 * acknowledged), so every message waits up to a checkpoint interval. Mosquitto keeps a sliding window: it sends the
 * next queued message as soon as any in-flight slot frees, within the client's Receive Maximum.
 *
 * <p>Layout: {@code <data-dir>/ioc-mosquitto.conf} and {@code <data-dir>/data/mosquitto.db}; mosquitto's log, its
 * stdout and stderr go to the log file given.
 *
 * <pre>{@code
 * try (MosquittoBroker broker = new MosquittoBroker("127.0.0.1", 0, dir, dir.resolve("broker.log")).start()) {
 *     connect(broker.uri());
 * }
 * }</pre>
 */
public final class MosquittoBroker implements Broker {
    private static final Logger log = LoggerFactory.getLogger(MosquittoBroker.class);

    /** The generated configuration's name: ./ioc recognises a mosquitto it left running by this on its command line. */
    public static final String CONFIG_FILE = "ioc-mosquitto.conf";

    /** Where Debian's package installs the broker; {@code /usr/sbin} is not on every user's PATH. */
    static final Path DEBIAN_EXECUTABLE = Path.of("/usr/sbin/mosquitto");

    /**
     * Starts the broker in a session of its own. Ctrl-C in a terminal signals the whole foreground process group; the
     * JVMs of the stack ignore it under ./ioc (which turns it into one SIGTERM to the launcher), but mosquitto installs
     * its own SIGINT handler and would quit before the Flink job and the dashboards that still publish to it.
     */
    static final Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * The largest MQTT packet the broker takes, in bytes: well above the IOC's 64 KiB payload limit plus topic and
     * properties, so that an oversized payload reaches the Flink job, which dead-letters it with a reason, rather than
     * the broker disconnecting the device without a trace.
     */
    static final int MAX_PACKET_SIZE = 1024 * 1024;

    /** Seconds between saves of the in-memory state while running; it is also saved at every clean stop. */
    static final int AUTOSAVE_INTERVAL_SECONDS = 30;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Mosquitto saves its database on SIGTERM; a large backlog takes a while to write. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final String bind;
    private final int requestedPort;
    private final Path dataDir;
    private final Path logFile;
    private final Path preferredExecutable;
    private final String searchPath;
    private int port;
    private Path executable;
    private Component process;
    private long lastPid;

    public MosquittoBroker(String bind, int port, Path dataDir, Path logFile) {
        this(bind, port, dataDir, logFile, DEBIAN_EXECUTABLE, System.getenv("PATH"));
    }

    /** With another place to look for mosquitto first and another PATH, for tests of a machine without it. */
    MosquittoBroker(String bind, int port, Path dataDir, Path logFile, Path preferredExecutable, String searchPath) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("MQTT port " + port + " is not a TCP port");
        }
        this.bind = bind;
        this.requestedPort = port;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.logFile = logFile.toAbsolutePath().normalize();
        this.preferredExecutable = preferredExecutable;
        this.searchPath = searchPath;
    }

    /**
     * Starts mosquitto and returns once it answers an MQTT CONNECT. A port of 0 picks a free port first, kept for later
     * starts so that clients reconnect to the same one; a stopped broker starts again with the sessions it saved.
     *
     * @throws StackException when mosquitto is not installed, exits, or does not answer in time (with its log's tail)
     */
    @Override
    public synchronized MosquittoBroker start() {
        if (isRunning()) {
            return this;
        }
        executable = findExecutable(preferredExecutable, searchPath)
                .orElseThrow(() -> new StackException("mosquitto is not installed (looked for " + preferredExecutable
                        + " and on the PATH): install mosquitto (apt-get install mosquitto), or use --broker=hivemq"));
        if (port == 0) {
            port = requestedPort == 0 ? Ports.freePort(bind) : requestedPort;
        }
        Path conf = configFile();
        try {
            Files.createDirectories(dataDir.resolve("data"));
            Files.createDirectories(logFile.getParent());
            Files.writeString(conf, config(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare mosquitto's folders under " + dataDir, e);
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(executable.toString(), "-c", conf.toString()));
        Component started = Component.start(Stack.BROKER, command, dataDir, logFile);
        awaitReady(started);
        process = started;
        log.info("mosquitto (pid {}) listening on {} (data in {}, log {})", started.pid(), uri(), dataDir, logFile);
        return this;
    }

    private void awaitReady(Component started) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Readiness ready = Readiness.mqttConnect(uri())) {
            while (true) {
                // Alive after the check too: a mosquitto that lost a race for the port must not pass for ready
                // because something else answers there.
                if (started.isAlive() && ready.isReady() && started.isAlive()) {
                    return;
                }
                if (!started.isAlive()) {
                    throw new StackException("mosquitto exited with code "
                            + started.exitCode().orElse(-1) + " before it accepted MQTT connections on " + uri()
                            + ". Read " + logFile + "; its last lines:\n" + started.logTail(15));
                }
                if (System.nanoTime() > deadline) {
                    started.stop(STOP_GRACE);
                    throw new StackException("mosquitto did not accept MQTT connections on " + uri() + " within "
                            + START_TIMEOUT.toSeconds() + " s. Read " + logFile + "; its last lines:\n"
                            + started.logTail(15));
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.stop(STOP_GRACE);
            throw new StackException("interrupted while mosquitto was starting", e);
        }
    }

    /** SIGTERM, which makes mosquitto save its database and exit; killed if it has not exited after a minute. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Component stopping = process;
        stopping.stop(STOP_GRACE);
        log.info(
                "mosquitto (pid {}) on port {} stopped, exit code {}",
                stopping.pid(),
                port,
                stopping.exitCode().orElse(-1));
        process = null;
        lastPid = stopping.pid();
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started yet");
        }
        return port;
    }

    @Override
    public String uri() {
        return "tcp://" + clientHost() + ":" + port();
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    /** The mosquitto process (the last one, once stopped). */
    @Override
    public synchronized long pid() {
        if (process != null) {
            return process.pid();
        }
        if (lastPid != 0) {
            return lastPid;
        }
        throw new IllegalStateException("mosquitto has not been started yet");
    }

    @Override
    public synchronized String description() {
        return "mosquitto " + (process == null ? "(stopped)" : "pid " + process.pid()) + ", " + executable;
    }

    public Path configFile() {
        return dataDir.resolve(CONFIG_FILE);
    }

    public Path logFile() {
        return logFile;
    }

    private String clientHost() {
        return "0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind;
    }

    /** {@code preferred} if it can run, else the first {@code mosquitto} on {@code pathEnv}. */
    static Optional<Path> findExecutable(Path preferred, String pathEnv) {
        if (Files.isRegularFile(preferred) && Files.isExecutable(preferred)) {
            return Optional.of(preferred);
        }
        if (pathEnv != null) {
            for (String dir : pathEnv.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, "mosquitto");
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The generated mosquitto.conf; each setting says why, since an operator may read it when something is off. */
    String config() {
        return """
                # Written by vn.haiphong.ioc.deploy.MosquittoBroker at every start: change its options, not this file.
                # Every setting is described in mosquitto.conf(5) of mosquitto 2.0.

                # Mosquitto started as root drops to the "mosquitto" user, which could not write the data and log
                # folders of a stack started by root; this keeps the user that started the stack. No effect otherwise.
                user %s

                # The IOC's one MQTT listener (MQTT 3.1.1 and 5, no TLS on this machine-local demo).
                listener %d %s
                # Anyone may connect, as with the embedded HiveMQ. Authentication comes in a later issue.
                allow_anonymous true

                # Sessions (subscriptions, in-flight and queued QoS 1 messages) and retained messages are kept in
                # data/mosquitto.db, so the Flink job's persistent session and its backlog survive a broker restart.
                persistence true
                persistence_location %s
                # Saved every %d s while running (the default is 30 min) and at every clean stop (SIGTERM); a crash
                # loses at most that much. By time, not by count of changes: at 200 msg/s a count would mean
                # rewriting the whole database every few seconds.
                autosave_interval %d
                autosave_on_changes false

                # Outgoing QoS 1 messages a client may have unacknowledged. An MQTT 5 client's own Receive Maximum
                # replaces this (the Flink source asks for 10,000 and acknowledges after each checkpoint); it applies
                # to clients that send none, and mosquitto also announces it in CONNACK as its Receive Maximum for
                # QoS 1 publishes from clients (the Flink sink, the simulators). The default, 20, would throttle
                # both; 65535 is MQTT's packet-id space and the MQTT 5 default. 0 would mean no limit, beyond the
                # packet ids a session can tell apart. Mosquitto 2.0.11 keeps to a client's Receive Maximum only until
                # the first PUBACK: acknowledging the oldest message moves up to a whole window of queued messages into
                # flight (eclipse/mosquitto#2301), so a client must bound what it reads itself.
                max_inflight_messages 65535
                # No limit by bytes (0, the default).
                max_inflight_bytes 0
                # Messages queued per client beyond those in flight: 0 = no limit, for both. The defaults (1000
                # messages) silently DROP what comes beyond, e.g. while the Flink job restarts or holds a full
                # window until its checkpoint. Without a limit the queue of a session whose client never returns
                # grows until the session expires (the Flink source's: one day); memory_limit stays unset, since
                # reaching it drops messages too.
                max_queued_messages 0
                max_queued_bytes 0
                # QoS 0 messages are not queued for offline clients (the default): the feeds and the job use QoS 1.
                queue_qos0_messages false

                # The largest MQTT packet, in bytes: above the IOC's 64 KiB payload limit plus topic and properties,
                # so an oversized payload reaches the Flink job, which dead-letters it with its reason, instead of the
                # broker disconnecting the device.
                max_packet_size %d

                # Small packets go out at once (Nagle's algorithm off): an alert is a single small PUBLISH.
                set_tcp_nodelay true

                # The log goes to the stack's log folder, with readable timestamps; $SYS/# statistics keep their
                # default 10 s interval (no wildcard subscription of the IOC matches $SYS).
                log_dest file %s
                log_type error
                log_type warning
                log_type notice
                log_type information
                log_timestamp_format %%Y-%%m-%%dT%%H:%%M:%%S
                connection_messages true
                """.formatted(
                        System.getProperty("user.name"),
                        port,
                        bind,
                        dataDir.resolve("data"),
                        AUTOSAVE_INTERVAL_SECONDS,
                        AUTOSAVE_INTERVAL_SECONDS,
                        MAX_PACKET_SIZE,
                        logFile);
    }
}
