package vn.haiphong.ioc.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSource;

/**
 * Measures how fast {@code MqttSource} consumes QoS 1 messages from an embedded HiveMQ CE broker on this machine
 * (a measurement, not a test: nothing asserts a rate).
 *
 * <p>Two publisher connections send {@code --messages} small QoS 1 messages; the source runs at parallelism
 * {@code --splits} with checkpoints every {@code --checkpoint-ms} into a counting sink that drops the records.
 * {@code --mode=live} publishes while the job runs; {@code --mode=backlog} queues everything for the offline
 * sessions first and times the drain. {@code --inflight-window} is HiveMQ's per-client in-flight cap (its own
 * default is 50). {@code --group=none} reads with one plain (non-shared) subscription instead.
 *
 * <pre>{@code
 * mvn -q -pl ingest -am test-compile
 * mvn -q -pl ingest dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java $FLINK_JVM_OPTS -cp "$(cat /tmp/cp.txt):ingest/target/test-classes:ingest/target/classes" \
 *     vn.haiphong.ioc.ingest.mqtt.MqttSourceThroughput --messages=200000 --mode=live
 * }</pre>
 */
public final class MqttSourceThroughput {
    private static final String FILTER = "hp/v1/bench/#";
    private static final String GROUP = "bench";

    static final AtomicLong RECEIVED = new AtomicLong();
    static final AtomicLong FIRST_NANOS = new AtomicLong();
    static final AtomicLong LAST_NANOS = new AtomicLong();
    static final AtomicLongArray PER_READER = new AtomicLongArray(64);

    private MqttSourceThroughput() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "200000"));
        int splits = Integer.parseInt(options.getOrDefault("splits", "2"));
        long checkpointMs = Long.parseLong(options.getOrDefault("checkpoint-ms", "1000"));
        int receiveMaximum = Integer.parseInt(options.getOrDefault("receive-maximum", "10000"));
        int inflightWindow = Integer.parseInt(options.getOrDefault("inflight-window", "65535"));
        int payloadBytes = Integer.parseInt(options.getOrDefault("payload-bytes", "300"));
        String mode = options.getOrDefault("mode", "live");
        boolean shared = !options.getOrDefault("group", GROUP).equals("none");
        if (!shared && (splits != 1 || !mode.equals("live"))) {
            throw new IllegalArgumentException("--group=none (a plain subscription) needs --splits=1 --mode=live");
        }
        int publishers = 2;

        Path folder = Files.createTempDirectory("mqtt-throughput");
        System.out.printf(
                "messages=%d payload=%dB splits=%d checkpoint=%dms receiveMaximum=%d hivemqWindow=%d "
                        + "mode=%s shared=%s cores=%d%n",
                messages,
                payloadBytes,
                splits,
                checkpointMs,
                receiveMaximum,
                inflightWindow,
                mode,
                shared,
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(folder, inflightWindow);
                FlinkTestCluster flink = FlinkTestCluster.start(splits)) {
            if (mode.equals("backlog")) {
                for (int i = 0; i < splits; i++) {
                    createOfflineSharedSession(broker.uri(), GROUP + "-" + i);
                }
                long publishNanos = publish(broker.uri(), publishers, messages, payloadBytes);
                System.out.printf(
                        "published %d in %.2f s (%.0f msg/s) into the offline sessions%n",
                        messages, publishNanos / 1e9, messages / (publishNanos / 1e9));
            }

            StreamExecutionEnvironment env = flink.environment(splits, new Configuration());
            env.enableCheckpointing(checkpointMs);
            MqttSource source = MqttSource.builder()
                    .serverUri(broker.uri())
                    .clientIdPrefix(GROUP)
                    .topicFilters(FILTER)
                    .sharedSubscriptionGroup(shared ? GROUP : null)
                    .receiveMaximum(receiveMaximum)
                    .build();
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt").sinkTo(new CountingSink());
            long start = System.nanoTime();
            JobClient job = env.executeAsync("mqtt source throughput");
            JobID jobId = job.getJobID();
            if (mode.equals("live")) {
                Await.until(
                        "subscribed sessions",
                        Duration.ofSeconds(60),
                        () -> flink.gaugeSum(jobId, "mqttSubscribedSessions") >= splits);
                start = System.nanoTime();
                long publishNanos = publish(broker.uri(), publishers, messages, payloadBytes);
                System.out.printf(
                        "published %d in %.2f s (%.0f msg/s) while the job ran%n",
                        messages, publishNanos / 1e9, messages / (publishNanos / 1e9));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (RECEIVED.get() < messages) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + RECEIVED.get() + " of " + messages + " consumed");
                }
                Await.atMost(Duration.ofSeconds(10), () -> RECEIVED.get() >= messages);
                System.out.printf(
                        "... %d consumed, acks sent %d, reconnects %d%n",
                        RECEIVED.get(), flink.gaugeSum(jobId, "mqttAcksSent"), flink.gaugeSum(jobId, "mqttReconnects"));
            }
            long end = LAST_NANOS.get();
            double total = (end - start) / 1e9;
            double firstToLast = (end - FIRST_NANOS.get()) / 1e9;
            long[] perReader = new long[splits];
            for (int i = 0; i < splits; i++) {
                perReader[i] = PER_READER.get(i);
            }
            System.out.printf(
                    "consumed %d in %.2f s from %s: %.0f msg/s (first to last record: %.2f s, " + "%.0f msg/s)%n",
                    RECEIVED.get(),
                    total,
                    mode.equals("live") ? "publish start" : "job submission",
                    messages / total,
                    firstToLast,
                    messages / firstToLast);
            System.out.printf(
                    "per reader %s; acks sent %d; duplicates dropped %d; broker dropped %d%n",
                    Arrays.toString(perReader),
                    flink.gaugeSum(jobId, "mqttAcksSent"),
                    flink.gaugeSum(jobId, "mqttDuplicatesDropped"),
                    broker.droppedMessages());
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** Publishes from parallel connections, each keeping up to 500 QoS 1 publishes in flight. */
    private static long publish(String uri, int publishers, int messages, int payloadBytes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            done.add(pool.submit(() -> {
                MqttAsyncClient client = TestMqttClients.connect(uri, "bench-publisher-" + publisher);
                Semaphore window = new Semaphore(500);
                MqttActionListener release = new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        window.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable exception) {
                        window.release();
                        System.err.println("publish failed: " + exception);
                    }
                };
                for (int i = publisher; i < messages; i += publishers) {
                    window.acquire();
                    client.publish(
                            "hp/v1/bench/cam-" + (i % 100) + "/tlm", payload(i, payloadBytes), 1, false, null, release);
                }
                window.acquire(500);
                TestMqttClients.disconnect(client);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        return System.nanoTime() - start;
    }

    private static byte[] payload(int sequence, int size) {
        StringBuilder json = new StringBuilder(size)
                .append("{\"id\":\"bench-")
                .append(sequence)
                .append("\",\"dateObserved\":\"2026-11-25T08:15:02+07:00\",\"occupancy\":0.42,\"pad\":\"");
        while (json.length() < size - 2) {
            json.append('x');
        }
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void createOfflineSharedSession(String uri, String clientId) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(
                        new MqttSubscription[] {new MqttSubscription("$share/" + GROUP + "/" + FILTER, 1)},
                        null,
                        null,
                        new MqttProperties())
                .waitForCompletion(10_000);
        TestMqttClients.disconnect(client);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options look like --messages=200000, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    /** Counts records per reader and drops them. */
    private static final class CountingSink implements Sink<MqttRecord> {
        @Override
        public SinkWriter<MqttRecord> createWriter(WriterInitContext context) {
            int subtask = context.getTaskInfo().getIndexOfThisSubtask();
            return new SinkWriter<>() {
                @Override
                public void write(MqttRecord record, Context ctx) {
                    long now = System.nanoTime();
                    FIRST_NANOS.compareAndSet(0, now);
                    LAST_NANOS.set(now);
                    PER_READER.incrementAndGet(subtask);
                    RECEIVED.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
