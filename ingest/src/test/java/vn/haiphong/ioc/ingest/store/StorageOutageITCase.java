package vn.haiphong.ioc.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.mqtt.Await;
import vn.haiphong.ioc.ingest.mqtt.EmbeddedMqttBroker;
import vn.haiphong.ioc.ingest.mqtt.FlinkTestCluster;
import vn.haiphong.ioc.ingest.mqtt.TestMqttClients;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSource;
import vn.haiphong.ioc.ingest.pipeline.IocPipeline;

/**
 * The database goes away for 30 seconds while the feeds keep coming through a real broker (HiveMQ CE embedded) and
 * the real job (MQTT source, decode, PostgreSQL sink) on a mini cluster, then comes back on the same data directory
 * and port. Every published event must then be stored exactly once, and the job must have kept running throughout.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class StorageOutageITCase {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final InboundCodec CODEC = new InboundCodec(REF);

    @TempDir
    Path folder;

    @Test
    void everyEventPublishedAcrossA30SecondDatabaseOutageIsStoredExactlyOnce() throws Exception {
        int port = freePort();
        Path pgData = folder.resolve("pg");
        EmbeddedPostgres pg = startPostgres(pgData, port);
        String url = pg.getJdbcUrl("postgres", "postgres");
        Migrations.apply(url, "postgres", "postgres", 0);

        Set<String> published = ConcurrentHashMap.newKeySet();
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicReference<Throwable> publishFailure = new AtomicReference<>();
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(folder.resolve("broker"));
                FlinkTestCluster flink = FlinkTestCluster.start(4)) {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure must show, not be papered over
            StreamExecutionEnvironment env = flink.environment(2, conf);
            env.enableCheckpointing(500);
            MqttSource source = MqttSource.builder()
                    .serverUri(broker.uri())
                    .clientIdPrefix("it-outage")
                    .topicFilters(Topics.INBOUND_ALL)
                    .build();
            IocPipeline.build(
                            env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                                    .rebalance(),
                            IocPipeline.Options.defaults().withHistory(new HistoryRows(null, null)))
                    .toHistory()
                    .sinkTo(PostgresSink.builder()
                            .url(url)
                            .credentials("postgres", "postgres")
                            .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                            .build());
            JobClient job = env.executeAsync("storage outage");
            // Messages published before the job has subscribed reach no session; count only those after.
            awaitSubscribed(broker.uri(), url);

            Thread publisher = new Thread(
                    () -> publish(broker.uri(), published, publishing, publishFailure), "it-outage-publisher");
            publisher.start();
            try {
                Await.until("the first events in the database", Duration.ofSeconds(60), () -> storedEvents(url) > 10);

                long storedAtStop = storedEvents(url);
                pg.close(); // the database stops; its data directory stays
                long stoppedAt = System.nanoTime();
                int publishedAtStop = published.size();
                // The outage itself is a fixed span of time: what is published meanwhile must wait, not vanish.
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                assertThat(published.size())
                        .as("events published during the outage")
                        .isGreaterThan(publishedAtStop);

                pg = startPostgres(pgData, port);
                Await.until("the sink to write again", Duration.ofSeconds(60), () -> storedEvents(url) > storedAtStop);
                Await.until(
                        "more events after the outage",
                        Duration.ofSeconds(30),
                        () -> published.size() > publishedAtStop + 500);
            } finally {
                publishing.set(false);
                publisher.join(30_000);
            }
            assertThat(publishFailure.get()).isNull();

            int expected = published.size();
            Await.until(
                    "every published event in the database",
                    Duration.ofSeconds(90),
                    () -> storedEvents(url) >= expected,
                    () -> "(" + storedEvents(url) + " of " + expected + "; " + missing(url, published)
                            + "; broker dropped " + broker.droppedMessages() + ")");
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            job.cancel().get(30, TimeUnit.SECONDS);

            Map<String, Long> counts = counts(url);
            System.out.printf(
                    "StorageOutageITCase: published %d events, stored count(*) %d, count(distinct id) %d%n",
                    expected, counts.get("all"), counts.get("distinct"));
            assertThat(counts.get("all")).isEqualTo(expected);
            assertThat(counts.get("distinct")).isEqualTo(expected);
            assertThat(storedIds(url)).isEqualTo(published);
        } finally {
            pg.close();
        }
    }

    /** Publishes warm-up events (not counted) until one of them is in the database. */
    private static void awaitSubscribed(String uri, String url) throws Exception {
        String camera = REF.cameras(Camera.Kind.traffic).get(0).id();
        MqttAsyncClient client = TestMqttClients.connect(uri, "it-outage-warm-up");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            for (int i = 0; warmUpEvents(url) == 0; i++) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the job stored no warm-up event within 90 s");
                }
                long now = System.currentTimeMillis();
                byte[] payload = CODEC.encode(new TrafficFlowObserved(
                        camera, "warm-" + i, now - 30_000, now, Map.of("car", 1), 35.0, 0.2, null));
                client.publish(Topics.camera(camera, "tlm"), payload, 1, false).waitForCompletion(10_000);
                Thread.sleep(200);
            }
        } finally {
            TestMqttClients.disconnect(client);
        }
    }

    private static long warmUpEvents(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM events WHERE id LIKE 'warm-%'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Camera telemetry with unique ids, about 150 per second, until told to stop. */
    private static void publish(
            String uri, Set<String> published, AtomicBoolean publishing, AtomicReference<Throwable> failure) {
        String camera = REF.cameras(Camera.Kind.traffic).get(0).id();
        String topic = Topics.camera(camera, "tlm");
        try {
            MqttAsyncClient client = TestMqttClients.connect(uri, "it-outage-publisher");
            try {
                for (int i = 0; publishing.get(); i++) {
                    long now = System.currentTimeMillis();
                    String id = "out-" + i;
                    byte[] payload = CODEC.encode(new TrafficFlowObserved(
                            camera, id, now - 30_000, now, Map.of("car", i % 17), 35.0, 0.2, null));
                    IMqttToken token = client.publish(topic, payload, 1, false, null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken t) {
                            published.add(id); // the broker has it: the job owes it to the database
                        }

                        @Override
                        public void onFailure(IMqttToken t, Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    token.waitForCompletion(30_000);
                    Thread.sleep(5); // a steady feed, not a burst
                }
            } finally {
                TestMqttClients.disconnect(client);
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static long storedEvents(String url) {
        try {
            return counts(url).get("all");
        } catch (SQLException e) {
            return -1; // not up yet
        }
    }

    private static Map<String, Long> counts(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM events WHERE id LIKE 'out-%'")) {
            r.next();
            return Map.of("all", r.getLong(1), "distinct", r.getLong(2));
        }
    }

    /** What is missing, for the failure message. */
    private static String missing(String url, Set<String> published) {
        try {
            Set<String> stored = storedIds(url);
            java.util.List<Integer> missing = published.stream()
                    .filter(id -> !stored.contains(id))
                    .map(id -> Integer.parseInt(id.substring(4)))
                    .sorted()
                    .toList();
            long deadLetters;
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM dead_letters")) {
                r.next();
                deadLetters = r.getLong(1);
            }
            return "missing " + missing.size() + ": " + (missing.size() > 40 ? missing.subList(0, 40) + "..." : missing)
                    + ", dead letters " + deadLetters;
        } catch (SQLException e) {
            return e.toString();
        }
    }

    private static Set<String> storedIds(String url) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM events WHERE id LIKE 'out-%'")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
