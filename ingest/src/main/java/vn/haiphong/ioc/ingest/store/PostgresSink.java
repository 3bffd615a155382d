package vn.haiphong.ioc.ingest.store;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link HistoryRow}s to PostgreSQL (or TimescaleDB) at least once, idempotently, so effectively once.
 *
 * <p>Each parallel writer holds rows until it has {@code batchSize} or a checkpoint comes: {@code flush} runs before
 * the checkpoint barrier leaves the writer, so a completed checkpoint (after which the MQTT source acknowledges the
 * messages) never covers a row that is not in the database. A batch is one transaction; every table's key makes a
 * replayed row a no-op. While the database is unavailable the writer waits and retries with a capped exponential
 * backoff, holding the rows: the job slows down (backpressure, checkpoints may time out) but loses nothing.
 */
@PublicEvolving
public final class PostgresSink implements Sink<HistoryRow> {
    private static final long serialVersionUID = 1L;

    private final PostgresSinkOptions options;

    PostgresSink(PostgresSinkOptions options) {
        this.options = options;
    }

    public static PostgresSinkBuilder builder() {
        return new PostgresSinkBuilder();
    }

    @VisibleForTesting
    PostgresSinkOptions options() {
        return options;
    }

    @Override
    public SinkWriter<HistoryRow> createWriter(WriterInitContext context) {
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        return new PostgresSinkWriter(options, subtask, context.metricGroup());
    }
}
