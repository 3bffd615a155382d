package vn.haiphong.ioc.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.config.Settings;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.sink.MqttSink;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSource;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSourceBuilder;
import vn.haiphong.ioc.ingest.pipeline.IocPipeline;
import vn.haiphong.ioc.ingest.store.HistoryRows;
import vn.haiphong.ioc.ingest.store.Migrations;
import vn.haiphong.ioc.ingest.store.PostgresSink;
import vn.haiphong.ioc.ingest.store.WriteMode;

/**
 * The IOC's Flink job: MQTT feeds in, alerts, KPIs and dead letters out. With {@code --local=true} it runs on an
 * embedded local cluster with the Flink web UI (the demo); otherwise submit this module's {@code -job.jar} to a
 * cluster.
 */
public final class IocJob {
    private static final Logger LOG = LoggerFactory.getLogger(IocJob.class);

    private IocJob() {}

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromArgs(args);
        String mqtt = s.get("mqtt", "tcp://localhost:1883");
        boolean local = s.getBoolean("local", false);
        int parallelism = s.getInt("parallelism", 2);
        long checkpointMs = s.getLong("checkpoint-interval", 2000);
        Path dataDir = Path.of(s.get("data-dir", ".ioc/data/flink")).toAbsolutePath();
        String refDir = s.find("ref-dir").orElse(null);
        RuleSet rules = RuleSet.load(s.find("rules").map(Path::of));
        ReferenceData.cached(refDir); // fail at start, not in a task, when the data is broken

        Configuration conf = new Configuration();
        Path checkpoints = dataDir.resolve("checkpoints");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (s.getBoolean("resume", true)) {
            latestCheckpoint(checkpoints).ifPresent(cp -> {
                LOG.info("Resuming from checkpoint {}", cp);
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, cp.toString());
                conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            });
        }

        StreamExecutionEnvironment env;
        if (local) {
            conf.set(RestOptions.PORT, s.getInt("flink-ui-port", 8081));
            conf.set(RestOptions.BIND_ADDRESS, s.get("flink-ui-host", "127.0.0.1"));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointMs, CheckpointingMode.AT_LEAST_ONCE);
        // A network buffer leaves when full or after this long. Flink's 100 ms default, paid at each of the job's
        // shuffles, was most of the publish-to-alert latency at city rates; 5 ms costs little throughput.
        env.setBufferTimeout(s.getLong("buffer-timeout-ms", 5));
        // Chained operators hand records on without copying them: every event and alert type is immutable.
        env.getConfig().enableObjectReuse();

        String clientPrefix = s.get("client-id", "ioc-ingest");
        // Shared subscriptions spread the feeds over several MQTT sessions (one per reader). HiveMQ CE, the embedded
        // broker, serves them badly (live traffic goes to one member, a large shared backlog stalls it), so they are
        // opt-in: --mqtt-connections=N with an MQTT 5 broker that balances them (EMQX, Mosquitto 2).
        int connections = s.getInt("mqtt-connections", 1);
        MqttSource source = MqttSource.builder()
                .serverUri(mqtt)
                .clientIdPrefix(clientPrefix)
                // The runtime rules too: retained, so a started job gets the rule set in force. A shared subscription
                // (--mqtt-connections > 1) is not sent retained messages: the job then starts from --rules until the
                // next change.
                .topicFilters(Topics.INBOUND_ALL, Topics.RULES)
                .sharedSubscriptionGroup(connections > 1 ? s.get("shared-group", "ioc-ingest") : null)
                .splits(connections)
                .credentials(s.get("mqtt-username", null), s.get("mqtt-password", null))
                // Unacknowledged messages per session: with acknowledgements after each checkpoint, one session
                // carries at most this many messages per checkpoint interval.
                .receiveMaximum(s.getInt("mqtt-receive-maximum", MqttSourceBuilder.DEFAULT_RECEIVE_MAXIMUM))
                .build();
        DataStream<MqttRecord> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "MQTT hp/v1/#")
                .uid("mqtt-source");
        if (connections < parallelism) {
            // Fewer sessions than subtasks: spread the records, or idle decoders would hold event time back.
            records = records.rebalance();
        }

        IocPipeline.Options options = new IocPipeline.Options(
                rules,
                refDir,
                Duration.ofSeconds(s.getLong("out-of-order-seconds", 10)),
                Duration.ofSeconds(s.getLong("idle-lag-seconds", 30)),
                Duration.ofMinutes(1),
                Duration.ofSeconds(10));
        // Storage is optional: without --db-url the job runs as before and keeps no history.
        Optional<String> dbUrl = s.find("db-url");
        if (dbUrl.isPresent()) {
            String user = s.get("db-user", null);
            String password = s.get("db-password", null);
            // Before the job starts, so that the writers find the tables; housekeeping then runs hourly in the sink.
            Migrations.apply(dbUrl.get(), user, password, s.getInt("db-connect-retries", 20));
            options = options.withHistory(new HistoryRows(refDir, pseudonymKey(s)));
        }
        IocPipeline.Outputs outputs = IocPipeline.build(records, options);
        if (dbUrl.isPresent()) {
            outputs.toHistory()
                    .sinkTo(PostgresSink.builder()
                            .url(dbUrl.get())
                            .credentials(s.get("db-user", null), s.get("db-password", null))
                            .mode(WriteMode.valueOf(
                                    s.get("db-write-mode", "copy").toUpperCase(java.util.Locale.ROOT)))
                            .batchSize(s.getInt("db-batch-size", 5_000))
                            .backoff(
                                    Duration.ofMillis(200), Duration.ofSeconds(s.getLong("db-max-backoff-seconds", 30)))
                            .build())
                    .name("PostgreSQL history")
                    .uid("postgres-sink");
        }
        outputs.toMessages()
                .sinkTo(MqttSink.builder()
                        .serverUri(mqtt)
                        .clientIdPrefix(clientPrefix + "-out")
                        .credentials(s.get("mqtt-username", null), s.get("mqtt-password", null))
                        .build())
                .name("MQTT ioc/v1")
                .uid("mqtt-sink");

        LOG.info(
                "Starting the IOC job: MQTT {}, parallelism {}, checkpoints every {} ms in {}, history {}",
                mqtt,
                parallelism,
                checkpointMs,
                checkpoints,
                dbUrl.orElse("off (no --db-url)"));
        env.execute("Hai Phong IOC");
    }

    /**
     * The key of the account ids' keyed hash: {@code --db-pseudonym-key}, else the environment's {@code
     * IOC_PSEUDONYM_KEY}; none means that reports are stored without any account reference.
     */
    static String pseudonymKey(Settings s) {
        String key = s.find("db-pseudonym-key").orElseGet(() -> System.getenv("IOC_PSEUDONYM_KEY"));
        if (key == null || key.isBlank()) {
            LOG.info(
                    "No pseudonym key (--db-pseudonym-key or IOC_PSEUDONYM_KEY): reports are stored without account_ref");
            return null;
        }
        return key;
    }

    /** The newest completed checkpoint under the directory, so a restarted demo carries on where it stopped. */
    static Optional<Path> latestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .map(Path::getParent);
        }
    }
}
