package vn.haiphong.ioc.ingest.store;

import java.io.IOException;
import java.sql.SQLException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parallel writer of {@link PostgresSink}. It connects lazily and again after any failure, so a database that is
 * down when the job starts, or goes down later, only delays the rows. Writes and flushes block while it waits for the
 * database (that is the backpressure); an interrupt (the task being cancelled) ends the wait.
 */
@Internal
final class PostgresSinkWriter implements SinkWriter<HistoryRow> {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSinkWriter.class);

    private final PostgresSinkOptions options;
    private final String name;
    private final boolean maintains;
    private final HistoryBatch batch = new HistoryBatch();
    private final Backoff backoff;
    private final Counter rowsWritten;

    private HistoryConnection connection;
    private long lastMaintainMillis = Long.MIN_VALUE;
    private volatile boolean databaseDown;

    PostgresSinkWriter(PostgresSinkOptions options, int subtask, SinkWriterMetricGroup metrics) {
        this.options = options;
        this.name = options.applicationName() + "-" + subtask;
        // Housekeeping takes an advisory lock and is safe from every writer, but once is enough.
        this.maintains = subtask == 0;
        this.backoff = new Backoff(options.minBackoffMillis(), options.maxBackoffMillis(), LOG, name);
        this.rowsWritten = metrics.getNumRecordsSendCounter();
        metrics.gauge("historyRowsBuffered", batch::size);
        metrics.gauge("historyDatabaseDown", () -> databaseDown ? 1 : 0);
    }

    @Override
    public void write(HistoryRow row, Context context) throws IOException, InterruptedException {
        batch.add(row);
        if (batch.size() >= options.batchSize()) {
            writeBatch();
        }
    }

    /** Before every checkpoint barrier and at the end of input: everything held goes to the database first. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBatch();
    }

    private void writeBatch() throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        int rows = batch.size();
        while (true) {
            try {
                if (connection == null) {
                    connection = HistoryConnection.open(
                            options.url(), options.user(), options.password(), name, options.mode());
                }
                maintainIfDue();
                connection.write(batch);
                break;
            } catch (SQLException e) {
                closeConnection();
                if (!HistoryConnection.isTransient(e)) {
                    throw new IOException(
                            name + ": PostgreSQL refused a batch of " + rows + " rows; not a connection problem, so "
                                    + "not retried (the job restarts from its last checkpoint): " + e.getMessage(),
                            e);
                }
                databaseDown = true;
                Thread.sleep(backoff.failed(e, rows, System.currentTimeMillis()));
            }
        }
        backoff.succeeded(rows, System.currentTimeMillis());
        databaseDown = false;
        rowsWritten.inc(rows);
        batch.clear();
    }

    private void maintainIfDue() throws SQLException {
        long now = System.currentTimeMillis();
        if (!maintains
                || (lastMaintainMillis != Long.MIN_VALUE && now - lastMaintainMillis < options.maintainEveryMillis())) {
            return;
        }
        String done = connection.maintain();
        lastMaintainMillis = now;
        if (!done.isEmpty()) {
            LOG.info("{}: ioc_maintain(): {}", name, done);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void close() {
        if (!batch.isEmpty()) {
            // Not written: the job stops or fails over, and the rows come again from the last checkpoint's replay.
            LOG.info("{}: closing with {} rows not written; a restart replays them", name, batch.size());
        }
        closeConnection();
    }
}
