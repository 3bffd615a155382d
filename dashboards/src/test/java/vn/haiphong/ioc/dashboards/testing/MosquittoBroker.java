package vn.haiphong.ioc.dashboards.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real MQTT broker for tests: Debian's mosquitto on a free port of the loopback interface, with a throw-away
 * configuration, started per test class and stopped after it. The broker is ready when it logs that it is running.
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of(System.getProperty("mosquitto", "/usr/sbin/mosquitto"));

    private final Path dir;
    private final Path config;
    private final int port;
    private final StringBuffer log = new StringBuffer();
    private Process process;

    private MosquittoBroker(Path dir, Path config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /** A broker on a free port, started. */
    public static MosquittoBroker start() throws IOException {
        MosquittoBroker broker = onFreePort();
        broker.run();
        return broker;
    }

    /** A broker with its port chosen and its configuration written, not started yet. */
    public static MosquittoBroker onFreePort() throws IOException {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's broker with "
                    + "'apt-get install -y mosquitto' (or point -Dmosquitto=... at one)");
        }
        int port = freePort();
        Path dir = Files.createTempDirectory("ioc-mosquitto-");
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        "persistence false",
                        "log_dest stderr",
                        "log_type error",
                        "log_type warning",
                        "log_type notice",
                        "log_type information",
                        ""));
        // mosquitto drops root privileges to its own user, which must be able to read the configuration.
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        config.toFile().setReadable(true, false);
        return new MosquittoBroker(dir, config, port);
    }

    /** Starts the broker (again, after {@link #halt()}) and returns once it accepts connections. */
    public void run() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mosquitto is already running on port " + port);
        }
        log.setLength(0);
        process = new ProcessBuilder(EXECUTABLE.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .start();
        awaitRunning(process);
    }

    /** Stops the broker, keeping its port and configuration for {@link #run()}. */
    public void halt() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitRunning(Process process) throws IOException {
        CompletableFuture<Void> running = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            log.append(line).append('\n');
                            if (line.contains(" running")) {
                                running.complete(null);
                            }
                        }
                        running.completeExceptionally(new IOException("mosquitto exited: " + log));
                    } catch (IOException e) {
                        running.completeExceptionally(e);
                    }
                },
                "mosquitto-log-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            running.get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            halt();
            throw new IOException("interrupted while mosquitto started", e);
        } catch (ExecutionException | TimeoutException e) {
            halt();
            throw new IOException("mosquitto did not start on port " + port + ": " + log, e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        halt();
        try {
            Files.deleteIfExists(config);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
