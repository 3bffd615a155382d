package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's mosquitto started from the configuration {@link MosquittoBroker} writes, with Paho clients acting as the
 * Flink source does: a persistent session with manual acknowledgements held back, as until a checkpoint.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MosquittoBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private MosquittoBroker broker;

    @BeforeEach
    void startBroker() {
        broker = new MosquittoBroker("127.0.0.1", 0, dir.resolve("mosquitto"), dir.resolve("logs/broker.log")).start();
    }

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void runsAsAChildProcessFromItsGeneratedConfigurationAndLogsToTheGivenFile() throws Exception {
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
        assertThat(broker.pid()).isNotEqualTo(ProcessHandle.current().pid());
        // setsid exec'd mosquitto in place: the pid the stack records is the broker's own.
        assertThat(ProcessHandle.of(broker.pid()).orElseThrow().info().command())
                .hasValueSatisfying(command -> assertThat(command).endsWith("mosquitto"));
        assertThat(sessionId(broker.pid()))
                .isEqualTo(broker.pid())
                .isNotEqualTo(sessionId(ProcessHandle.current().pid()));

        Path conf = dir.resolve("mosquitto/" + MosquittoBroker.CONFIG_FILE);
        assertThat(broker.configFile()).isEqualTo(conf);
        assertThat(Files.readAllLines(conf))
                .contains(
                        "listener " + broker.port() + " 127.0.0.1",
                        "allow_anonymous true",
                        "persistence true",
                        "persistence_location " + dir.resolve("mosquitto/data"),
                        "max_inflight_messages 65535",
                        "max_queued_messages 0",
                        "max_queued_bytes 0",
                        "max_packet_size 1048576",
                        "set_tcp_nodelay true",
                        "log_dest file " + dir.resolve("logs/broker.log"));
        assertThat(Files.readString(dir.resolve("logs/broker.log")))
                .contains("mosquitto version 2.")
                .contains("Config loaded from " + conf);

        long pid = broker.pid();
        int port = broker.port();
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Ports.isFree(port)).isTrue();
        // SIGTERM, not SIGKILL: mosquitto saved its database on the way out.
        assertThat(Files.readString(dir.resolve("logs/broker.log"))).contains("Saving in-memory database");
    }

    /**
     * The difference from HiveMQ CE: with the whole window unacknowledged nothing more comes, but an acknowledgement
     * lets queued messages through at once, while the rest of the window is still unacknowledged (HiveMQ waits for all
     * of it). Mosquitto 2.0.11 lets through more than it should: acknowledging the oldest message moves up to a whole
     * Receive Maximum of queued messages into flight (eclipse/mosquitto#2301), so this asserts at least one per
     * acknowledgement, not exactly one.
     */
    @Test
    void slidesItsInFlightWindowAndLosesNoneOfAQueueFarBeyondTheDefaultLimit() throws Exception {
        int total = 5_000;
        int receiveMaximum = 1_000;
        MqttConnectionOptions source = persistentSession(600);
        source.setReceiveMaximum(receiveMaximum);
        try (MqttTestClient job = MqttTestClient.connect(broker.uri(), "checkpointing-source", source, true);
                MqttTestClient publisher = MqttTestClient.connect(broker.uri(), "window-pub")) {
            job.subscribe("window/#", 1);
            for (int i = 0; i < total; i++) {
                publisher.publish("window/cam-001/tlm", "m" + i, 1, false);
            }

            // The whole window arrives although none of it is acknowledged ...
            awaitCount(job, receiveMaximum);
            Thread.sleep(300);
            assertThat(job.all()).hasSize(receiveMaximum);

            // ... and acknowledging the first 10 lets more through while the other 990 are still held.
            List<MqttTestClient.Received> window = job.all();
            for (int i = 0; i < 10; i++) {
                job.ack(window.get(i));
            }
            awaitAtLeast(job, receiveMaximum + 10);

            // Acknowledging as they come drains the other 3,990 queued messages, none lost or repeated, in order.
            int acked = 10;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (job.all().size() < total && System.nanoTime() < deadline) {
                List<MqttTestClient.Received> all = job.all();
                for (; acked < all.size(); acked++) {
                    job.ack(all.get(acked));
                }
                Thread.sleep(5);
            }
            assertThat(job.all())
                    .extracting(MqttTestClient.Received::payload)
                    .containsExactlyElementsOf(
                            IntStream.range(0, total).mapToObj(i -> "m" + i).toList());
        }
    }

    @Test
    void keepsAPersistentSessionAndItsQueuedMessagesAcrossARestart() throws Exception {
        int queued = 2_000;
        MqttConnectionOptions persistent = persistentSession(3600);
        try (MqttTestClient job = MqttTestClient.connect(broker.uri(), "ioc-job", persistent, false)) {
            job.subscribe("hp/v1/port/#", 1);
            job.disconnect();
        }
        try (MqttTestClient device = MqttTestClient.connect(broker.uri(), "met-01")) {
            for (int i = 0; i < queued; i++) {
                device.publish("hp/v1/port/tan-vu/met/met-01/tlm", "{\"gustSpeed\":21.5,\"n\":" + i + "}", 1, false);
            }
            device.publish("hp/v1/cam/cam-001/state", "{\"status\":\"online\"}", 1, true);
        }

        int port = broker.port();
        long oldPid = broker.pid();
        broker.stop();
        broker.start();
        assertThat(broker.port()).isEqualTo(port);
        assertThat(broker.pid()).isNotEqualTo(oldPid);

        try (MqttTestClient job = MqttTestClient.connect(broker.uri(), "ioc-job", persistent, false)) {
            awaitCount(job, queued);
            assertThat(job.all())
                    .extracting(MqttTestClient.Received::payload)
                    .containsExactlyElementsOf(IntStream.range(0, queued)
                            .mapToObj(i -> "{\"gustSpeed\":21.5,\"n\":" + i + "}")
                            .toList());
        }
        try (MqttTestClient late = MqttTestClient.connect(broker.uri(), "late")) {
            late.subscribe("hp/v1/cam/+/state", 1);
            MqttTestClient.Received retained = late.next(WAIT);
            assertThat(retained).isNotNull();
            assertThat(retained.retained()).isTrue();
            assertThat(retained.payload()).isEqualTo("{\"status\":\"online\"}");
        }
    }

    @Test
    void saysHowToInstallMosquittoWhenItIsMissing() throws IOException {
        Path nowhere = dir.resolve("no-such-dir");
        MosquittoBroker missing = new MosquittoBroker(
                "127.0.0.1",
                0,
                dir.resolve("m2"),
                dir.resolve("m2.log"),
                nowhere.resolve("mosquitto"),
                nowhere.toString());
        assertThatThrownBy(missing::start)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("install mosquitto (apt-get install mosquitto)")
                .hasMessageContaining("--broker=hivemq");

        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path onPath = Files.writeString(bin.resolve("mosquitto"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(onPath, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(MosquittoBroker.findExecutable(nowhere.resolve("mosquitto"), nowhere + ":" + bin))
                .contains(onPath);
    }

    private static MqttConnectionOptions persistentSession(long expirySeconds) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(expirySeconds);
        return options;
    }

    private static void awaitAtLeast(MqttTestClient client, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.all().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.all()).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void awaitCount(MqttTestClient client, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.all().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.all()).hasSize(count);
    }

    /** Field 6 of /proc/<pid>/stat, after the command name in parentheses (which may itself hold spaces). */
    private static long sessionId(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }
}
