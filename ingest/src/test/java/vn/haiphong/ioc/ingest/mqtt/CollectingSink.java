package vn.haiphong.ioc.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A test sink that keeps every record with the subtask and the execution attempt that wrote it, in a static
 * registry keyed per test (the MiniCluster runs in the test JVM).
 */
public final class CollectingSink implements Sink<MqttRecord> {
    private static final ConcurrentHashMap<String, Queue<Collected>> RESULTS = new ConcurrentHashMap<>();

    private final String key;

    public CollectingSink(String key) {
        this.key = key;
        RESULTS.put(key, new ConcurrentLinkedQueue<>());
    }

    public static List<Collected> results(String key) {
        return List.copyOf(RESULTS.get(key));
    }

    /** Payloads collected by the given attempt (0 = first run, 1 = after the first restart). */
    public static List<String> payloads(String key, int attempt) {
        return results(key).stream()
                .filter(c -> c.attempt == attempt)
                .map(c -> c.payload)
                .collect(Collectors.toList());
    }

    @Override
    public SinkWriter<MqttRecord> createWriter(WriterInitContext context) {
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        int attempt = context.getTaskInfo().getAttemptNumber();
        Queue<Collected> results = RESULTS.get(key);
        return new SinkWriter<>() {
            @Override
            public void write(MqttRecord record, Context ctx) {
                results.add(new Collected(
                        record.topic, new String(record.payload, StandardCharsets.UTF_8), subtask, attempt));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    /** One collected record. */
    public static final class Collected {
        public final String topic;
        public final String payload;
        public final int subtask;
        public final int attempt;

        Collected(String topic, String payload, int subtask, int attempt) {
            this.topic = topic;
            this.payload = payload;
            this.subtask = subtask;
            this.attempt = attempt;
        }

        @Override
        public String toString() {
            return payload + "@" + subtask + "/" + attempt;
        }
    }
}
