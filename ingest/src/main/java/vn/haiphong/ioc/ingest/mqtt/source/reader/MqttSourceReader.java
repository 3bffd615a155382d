package vn.haiphong.ioc.ingest.mqtt.source.reader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.source.MqttSourceOptions;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

/**
 * Reads the MQTT sessions (splits) assigned to one parallel instance of the source.
 *
 * <p>Each split's Paho client pushes messages into one bounded queue ({@code queueCapacity} records, default
 * 10,000). When the queue is full the Paho callback thread blocks, Paho's receiver stops reading the socket, and TCP
 * and the broker hold the rest: backpressure reaches the broker without an unbounded buffer. The task thread emits
 * one record per {@link #pollNext} and tells the split's {@link AckTracker}; acknowledgements go out in
 * {@link #notifyCheckpointComplete}.
 *
 * <p>Metrics on the reader's group: {@code numRecordsIn} and {@code numBytesIn} (emitted records), and the gauges
 * {@code mqttQueueSize}, {@code mqttPendingAcks}, {@code mqttSubscribedSessions}, {@code mqttAcksSent},
 * {@code mqttDuplicatesDropped} and {@code mqttReconnects}.
 */
@Internal
public final class MqttSourceReader implements SourceReader<MqttRecord, MqttSplit>, SplitSubscriber.Handoff {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceReader.class);

    /** How often a blocked Paho callback thread checks whether the reader is closing. */
    private static final long OFFER_POLL_MS = 100;

    private final MqttSourceOptions options;
    private final SourceReaderContext context;
    private final BlockingQueue<ReceivedMessage> queue;
    /** Copy-on-write: changes only when splits are added, read by the task thread and metric reporters. */
    private final List<SplitSubscriber> subscribers = new CopyOnWriteArrayList<>();

    private final ScheduledExecutorService reconnector;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Counter recordsIn;
    private final Counter bytesIn;

    private volatile CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile boolean closed;

    public MqttSourceReader(MqttSourceOptions options, SourceReaderContext context) {
        this.options = options;
        this.context = context;
        this.queue = new LinkedBlockingQueue<>(options.queueCapacity());
        int subtask = context.getIndexOfSubtask();
        this.reconnector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-source-reconnect-" + subtask);
            thread.setDaemon(true);
            return thread;
        });
        SourceReaderMetricGroup metrics = context.metricGroup();
        this.recordsIn = metrics.getIOMetricGroup().getNumRecordsInCounter();
        this.bytesIn = metrics.getIOMetricGroup().getNumBytesInCounter();
        metrics.gauge("mqttQueueSize", queue::size);
        metrics.gauge("mqttPendingAcks", this::pendingAcks);
        metrics.gauge("mqttSubscribedSessions", this::subscribedSessions);
        metrics.gauge("mqttAcksSent", this::acksSent);
        metrics.gauge("mqttDuplicatesDropped", this::duplicatesDropped);
        metrics.gauge("mqttReconnects", this::reconnects);
        metrics.gauge("mqttPacketIdsReused", () -> sum(SplitSubscriber::idsReused));
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<MqttRecord> output) throws Exception {
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IOException("MQTT source reader " + context.getIndexOfSubtask() + " failed", cause);
        }
        ReceivedMessage message = queue.poll();
        if (message == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        output.collect(
                new MqttRecord(message.topic, message.payload, message.receivedAtMillis), message.receivedAtMillis);
        message.subscriber.emitted(message);
        recordsIn.inc();
        bytesIn.inc(message.payload.length);
        return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<MqttSplit> snapshotState(long checkpointId) {
        List<MqttSplit> splits = new ArrayList<>(subscribers.size());
        for (SplitSubscriber subscriber : subscribers) {
            subscriber.snapshot(checkpointId);
            splits.add(subscriber.split());
        }
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        for (SplitSubscriber subscriber : subscribers) {
            subscriber.checkpointComplete(checkpointId);
        }
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        // The aborted checkpoint's ids stay sealed in each AckTracker; the next completed checkpoint acks them.
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        CompletableFuture<Void> current = available;
        if (current.isDone()) {
            if (!queue.isEmpty() || failure.get() != null) {
                return current;
            }
            current = new CompletableFuture<>();
            available = current;
        }
        // Checked after publishing the new future: a message queued meanwhile either sees it or is seen here.
        if (!queue.isEmpty() || failure.get() != null) {
            current.complete(null);
        }
        return current;
    }

    @Override
    public void addSplits(List<MqttSplit> splits) {
        for (MqttSplit split : splits) {
            if (subscribers.stream().anyMatch(s -> s.split().splitId().equals(split.splitId()))) {
                continue;
            }
            try {
                SplitSubscriber subscriber = new SplitSubscriber(
                        split, options.connection().serverUri(), options.toPahoOptions(), this, reconnector);
                subscribers.add(subscriber);
                subscriber.start();
            } catch (MqttException | RuntimeException e) {
                fail(new IOException("MQTT split " + split.splitId() + " could not start", e));
            }
        }
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        closed = true;
        for (SplitSubscriber subscriber : subscribers) {
            subscriber.close();
        }
        reconnector.shutdownNow();
        try {
            reconnector.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
        LOG.info("MQTT source reader {} closed", context.getIndexOfSubtask());
    }

    // ---- SplitSubscriber.Handoff, called on Paho threads ----

    @Override
    public boolean offer(ReceivedMessage message) throws InterruptedException {
        while (!queue.offer(message, OFFER_POLL_MS, TimeUnit.MILLISECONDS)) {
            if (closed) {
                return false;
            }
        }
        CompletableFuture<Void> current = available;
        if (!current.isDone()) {
            current.complete(null);
        }
        return true;
    }

    @Override
    public void fail(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            LOG.error("MQTT source reader {} fails: {}", context.getIndexOfSubtask(), cause.toString());
        }
        available.complete(null);
    }

    @VisibleForTesting
    long subscribedSessions() {
        return sum(s -> s.isSubscribed() ? 1 : 0);
    }

    @VisibleForTesting
    long pendingAcks() {
        return sum(SplitSubscriber::pendingAcks);
    }

    @VisibleForTesting
    long acksSent() {
        return sum(SplitSubscriber::acksSent);
    }

    @VisibleForTesting
    long duplicatesDropped() {
        return sum(SplitSubscriber::duplicatesDropped);
    }

    @VisibleForTesting
    long reconnects() {
        return sum(SplitSubscriber::reconnects);
    }

    private long sum(ToLongFunction<SplitSubscriber> metric) {
        long total = 0;
        for (SplitSubscriber subscriber : subscribers) {
            total += metric.applyAsLong(subscriber);
        }
        return total;
    }
}
