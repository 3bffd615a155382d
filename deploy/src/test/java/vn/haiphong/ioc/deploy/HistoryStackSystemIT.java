package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stack's embedded PostgreSQL as {@code ./ioc demo} runs it: the job migrates it and stores what it handles (a
 * detection published with Paho, the alert it raises, a dead letter); the history survives the stack being stopped and
 * started again on the same data directory, and closing the stack stops PostgreSQL.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class HistoryStackSystemIT {
    @Test
    void theJobStoresItsHistoryInTheEmbeddedPostgresAndItSurvivesARestartOfTheStack() throws Exception {
        Path root = StackOptions.findRepoRoot(Path.of("")).orElseThrow();
        Path work = Files.createDirectories(root.resolve("deploy/target/system-it/history"));
        Path data = Files.createTempDirectory(work, "data-");
        String id = "it-history-" + UUID.randomUUID();

        long postgresPid;
        try (Stack stack = Stack.start(options(root, work, data))) {
            String url = stack.dbUrl().orElseThrow();
            assertThat(url).startsWith("jdbc:postgresql://localhost:").endsWith("/ioc");
            postgresPid = stack.database().orElseThrow().pid();
            assertThat(postgresPid).isPositive();

            try (MqttTestClient device = MqttTestClient.connect(stack.mqttUri(), "system-it-history-" + id)) {
                awaitSourceStoring(url, device);
                device.publish(
                        "hp/v1/cam/tc-031/evt",
                        "{\"id\":\"" + id + "\",\"dateObserved\":\"" + Instant.now()
                                + "\",\"category\":\"carAccident\",\"confidence\":0.94}",
                        1,
                        false);
            }
            awaitCount(url, "SELECT count(*) FROM events WHERE id = '" + id + "'", 1, Duration.ofSeconds(120));
            awaitCount(
                    url,
                    "SELECT count(*) FROM alert_changes WHERE evidence->>'detectionId' = '" + id + "'",
                    1,
                    Duration.ofSeconds(120));
            assertThat(count(
                            url,
                            "SELECT count(*) FROM events WHERE id = '" + id + "' AND device = 'tc-031'"
                                    + " AND feed = 'cam' AND kind = 'evt'"))
                    .isEqualTo(1);
        }
        // pg_ctl stop returns once the pid file is gone, a moment before the process itself.
        ProcessHandle.of(postgresPid)
                .ifPresent(h -> h.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(postgresPid).filter(ProcessHandle::isAlive))
                .as("PostgreSQL stopped with the stack")
                .isEmpty();

        // ./ioc demo again: the same data directory, the history is still there and the schema is not migrated twice.
        try (Stack stack = Stack.start(options(root, work, data))) {
            String url = stack.dbUrl().orElseThrow();
            assertThat(count(url, "SELECT count(*) FROM events WHERE id = '" + id + "'"))
                    .isEqualTo(1);
            assertThat(count(url, "SELECT count(*) FROM alert_changes WHERE evidence->>'detectionId' = '" + id + "'"))
                    .isEqualTo(1);
            assertThat(count(url, "SELECT count(*) FROM flyway_schema_history WHERE success"))
                    .isEqualTo(1);
        }
    }

    private static StackOptions options(Path root, Path work, Path data) {
        return StackOptions.builder(root)
                .mqttPort(0)
                .httpPort(0)
                .flinkUiPort(0)
                .dbPort(0)
                .dataDir(data)
                .logDir(work.resolve("logs"))
                .withSimulators(false)
                .shutdownHook(false)
                .startupTimeout(Duration.ofSeconds(180))
                .build();
    }

    /**
     * The job reports RUNNING a moment before its MQTT source has subscribed: malformed probes are published until
     * one is stored as a dead letter, which shows that the source reads and the sink writes.
     */
    private static void awaitSourceStoring(String url, MqttTestClient device) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String marker = "it-probe-" + UUID.randomUUID();
            device.publish("hp/v1/cam/tc-031/evt", "{\"id\":\"" + marker + "\",", 1, false);
            long probeDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < probeDeadline) {
                if (count(url, "SELECT count(*) FROM dead_letters WHERE payload LIKE '%" + marker + "%'") == 1) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no dead letter reached the database within 120 s: does the job store its history?");
    }

    private static void awaitCount(String url, String sql, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = count(url, sql);
            if (last == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + expected + " from '" + sql + "' within " + timeout + ", got " + last);
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, EmbeddedDatabase.USER, "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().equals("42P01")) {
                return -1; // the job has not migrated the schema yet
            }
            throw e;
        }
    }
}
