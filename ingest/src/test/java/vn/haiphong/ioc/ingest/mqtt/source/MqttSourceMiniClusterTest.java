package vn.haiphong.ioc.ingest.mqtt.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.haiphong.ioc.ingest.mqtt.Await;
import vn.haiphong.ioc.ingest.mqtt.CollectingSink;
import vn.haiphong.ioc.ingest.mqtt.EmbeddedMqttBroker;
import vn.haiphong.ioc.ingest.mqtt.FlinkTestCluster;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.TestMqttClients;

/** {@link MqttSource} in real jobs on a Flink MiniCluster against a real MQTT 5 broker (HiveMQ CE embedded). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MqttSourceMiniClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    static Path brokerFolder;

    private static EmbeddedMqttBroker broker;
    private static FlinkTestCluster flink;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedMqttBroker.start(brokerFolder);
        flink = FlinkTestCluster.start(4);
    }

    @AfterAll
    static void stop() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * The backlog is queued while the job is down, as after a deployment. HiveMQ CE sends a session its next batch
     * (up to the receive maximum) only once everything in flight is acknowledged, and gives live shared traffic to
     * one member; with a queued backlog and a receive maximum of 50, each reader takes a batch when it connects.
     */
    @Test
    void sharedSubscriptionSpreadsAQueuedBacklogOverBothReadersAndAcknowledgesEverything() throws Exception {
        String key = "shared";
        String group = "it-shared";
        String filter = "hp/v1/shared/#";
        for (int i = 0; i < 2; i++) {
            createPersistentSharedSession(group + "-" + i, "$share/" + group + "/" + filter);
        }
        int n = 1_000;
        List<String> backlog = payloads("m", n);
        MqttAsyncClient publisher = TestMqttClients.connect(broker.uri(), "it-shared-publisher");
        for (int device = 0; device < 4; device++) {
            int from = device * n / 4;
            TestMqttClients.publishAll(
                    publisher, "hp/v1/shared/cam-" + device + "/tlm", backlog.subList(from, from + n / 4), 100);
        }

        StreamExecutionEnvironment env = flink.environment(2, new Configuration());
        env.enableCheckpointing(200);
        MqttSource source = MqttSource.builder()
                .serverUri(broker.uri())
                .clientIdPrefix(group)
                .topicFilters(filter)
                .sharedSubscriptionGroup(group)
                .receiveMaximum(50)
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt").sinkTo(new CollectingSink(key));
        JobClient job = env.executeAsync("shared subscription");
        JobID jobId = job.getJobID();
        try {
            Await.until(
                    "the queued backlog",
                    WAIT,
                    () -> CollectingSink.results(key).size() >= n,
                    () -> "(got " + CollectingSink.results(key).size() + ")");
            List<CollectingSink.Collected> drained = CollectingSink.results(key);
            assertThat(drained.stream().map(c -> c.subtask).collect(Collectors.toSet()))
                    .as("both readers received messages")
                    .containsExactlyInAnyOrder(0, 1);

            List<String> live = payloads("live", 200);
            TestMqttClients.publishAll(publisher, "hp/v1/shared/cam-9/evt", live, 100);
            Await.until(
                    "the live messages", WAIT, () -> CollectingSink.results(key).size() >= n + live.size());

            List<CollectingSink.Collected> results = CollectingSink.results(key);
            List<String> expected = new ArrayList<>(backlog);
            expected.addAll(live);
            assertThat(results).extracting(c -> c.payload).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(results).extracting(c -> c.topic).allMatch(t -> t.startsWith("hp/v1/shared/cam-"));
            // Acknowledged once checkpoints covered them: all of them, eventually.
            awaitGauge(jobId, "mqttAcksSent", expected.size());
            assertThat(flink.gaugeSum(jobId, "mqttPendingAcks")).isZero();
            assertThat(broker.droppedMessages()).isZero();
        } finally {
            TestMqttClients.disconnect(publisher);
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void afterAFailureTheBrokerRedeliversWhatNoCompletedCheckpointCoveredAndNothingElse() throws Exception {
        String key = "redeliver";
        Configuration configuration = new Configuration();
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = flink.environment(1, configuration);
        // Checkpoints only when the test triggers them (the periodic one is a year away).
        env.enableCheckpointing(Duration.ofDays(365).toMillis());
        MqttSource source = MqttSource.builder()
                .serverUri(broker.uri())
                .clientIdPrefix("it-redeliver")
                .topicFilters("hp/v1/redeliver/+")
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .map(new FailOnFirstBoom())
                .sinkTo(new CollectingSink(key));
        JobClient job = env.executeAsync("redelivery");
        JobID jobId = job.getJobID();
        MqttAsyncClient publisher = TestMqttClients.connect(broker.uri(), "it-redeliver-publisher");
        try {
            awaitGauge(jobId, "mqttSubscribedSessions", 1);

            // A: received, covered by completed checkpoints, acknowledged.
            List<String> a = payloads("a", 50);
            TestMqttClients.publishAll(publisher, "hp/v1/redeliver/a", a, 50);
            checkpointUntil(
                    jobId,
                    "batch A emitted and acknowledged",
                    () -> CollectingSink.payloads(key, 0).containsAll(a)
                            && flink.gaugeSum(jobId, "mqttPendingAcks") == 0);
            assertThat(flink.gaugeSum(jobId, "mqttAcksSent")).isEqualTo(a.size());

            // The gate stays unacknowledged for now, so the broker queues B and boom behind it.
            TestMqttClients.publishAll(publisher, "hp/v1/redeliver/gate", List.of("gate"), 1);
            Await.until("the gate message", WAIT, () -> CollectingSink.payloads(key, 0)
                    .contains("gate"));
            List<String> b = payloads("b", 50);
            TestMqttClients.publishAll(publisher, "hp/v1/redeliver/b", b, 50);
            TestMqttClients.publishAll(publisher, "hp/v1/redeliver/boom", List.of("boom"), 1);

            // The last completed checkpoint: it covers the gate, whose acknowledgement releases B and boom. They are
            // emitted after it, and the first run fails on boom before any other checkpoint.
            flink.miniCluster().triggerCheckpoint(jobId).get(30, TimeUnit.SECONDS);
            Await.until("B and boom again after the restart", WAIT, () -> {
                List<String> second = CollectingSink.payloads(key, 1);
                return second.containsAll(b) && second.contains("boom");
            });
            assertThat(CollectingSink.payloads(key, 0))
                    .as("B reached the sink before the failure")
                    .containsAll(b);

            // The restarted job goes on: new messages arrive once checkpoints acknowledge the redelivered ones.
            TestMqttClients.publishAll(publisher, "hp/v1/redeliver/c", List.of("c-0"), 1);
            checkpointUntil(jobId, "a new message after the restart", () -> CollectingSink.payloads(key, 1)
                    .contains("c-0"));

            List<String> second = CollectingSink.payloads(key, 1);
            assertThat(second)
                    .as("A and the gate were acknowledged after completed checkpoints: not redelivered")
                    .noneMatch(p -> a.contains(p) || p.equals("gate"));
            List<String> expectedRedelivery = new ArrayList<>(b);
            expectedRedelivery.add("boom");
            assertThat(second.subList(0, expectedRedelivery.size()))
                    .as("redelivered once each, in publish order")
                    .containsExactlyElementsOf(expectedRedelivery);
            Set<String> all = new HashSet<>(CollectingSink.payloads(key, 0));
            all.addAll(second);
            assertThat(all).as("none lost").containsAll(a).containsAll(b).contains("gate", "boom", "c-0");
        } finally {
            TestMqttClients.disconnect(publisher);
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Triggers checkpoints one after another until the condition holds: each acknowledges what it covers. */
    private static void checkpointUntil(JobID job, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            long acked = flink.gaugeSum(job, "mqttAcksSent");
            flink.miniCluster().triggerCheckpoint(job).get(30, TimeUnit.SECONDS);
            // Paces the loop: the completion notice reaches the reader shortly after the checkpoint completes.
            Await.atMost(
                    Duration.ofSeconds(1),
                    () -> flink.gaugeSum(job, "mqttAcksSent") > acked || condition.getAsBoolean());
        }
    }

    /** A persistent session subscribed to the shared filter and then offline: the broker queues for the group. */
    private static void createPersistentSharedSession(String clientId, String subscription) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.uri(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(Duration.ofHours(1).toSeconds());
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(
                        new MqttSubscription[] {new MqttSubscription(subscription, 1)},
                        null,
                        null,
                        new MqttProperties())
                .waitForCompletion(10_000);
        TestMqttClients.disconnect(client);
    }

    private static List<String> payloads(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }

    private static void awaitGauge(JobID job, String gauge, long atLeast) throws InterruptedException {
        Await.until(
                gauge + " >= " + atLeast,
                WAIT,
                () -> flink.gaugeSum(job, gauge) >= atLeast,
                () -> "(is " + flink.gaugeSum(job, gauge) + ")");
    }

    /** Fails the first execution attempt on the payload "boom"; later attempts pass it on. */
    private static final class FailOnFirstBoom extends RichMapFunction<MqttRecord, MqttRecord> {
        @Override
        public MqttRecord map(MqttRecord record) {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0
                    && "boom".equals(new String(record.payload, StandardCharsets.UTF_8))) {
                throw new IllegalStateException("injected failure on boom");
            }
            return record;
        }
    }
}
