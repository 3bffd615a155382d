package vn.haiphong.ioc.ingest.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parallel writer of {@link PostgresSink}. The task thread only fills batches; a thread of the writer's own sends
 * each full batch to PostgreSQL while the next one fills, so a COPY, a slow disk or housekeeping does not stall the
 * operators upstream (the alert path shares them). At most {@link #MAX_IN_FLIGHT} full batches wait or are being
 * written; a further one blocks the task (that is the backpressure when the database cannot keep up). Before every
 * checkpoint barrier {@link #flush} hands over what it holds and waits until every batch is in the database, so a
 * completed checkpoint still means every row before it is stored.
 *
 * <p>It connects lazily and again after any failure, so a database that is down when the job starts, or goes down
 * later, only delays the rows. A failure that is not a connection problem fails the job at the next write or flush
 * (which restarts from its last checkpoint); an interrupt (the task being cancelled) ends every wait.
 */
@Internal
final class PostgresSinkWriter implements SinkWriter<HistoryRow> {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSinkWriter.class);

    /** Full batches handed over and not yet stored, at most: one being written and one waiting. */
    @VisibleForTesting
    static final int MAX_IN_FLIGHT = 2;

    private final PostgresSinkOptions options;
    private final String name;
    private final boolean maintains;
    private final Backoff backoff;
    private final Counter rowsWritten;
    private final ExecutorService sender;
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicInteger rowsInFlight = new AtomicInteger();

    /** Filled by the task thread only. */
    private HistoryBatch batch = new HistoryBatch();
    /** Used by the sender thread only. */
    private HistoryConnection connection;

    private long lastMaintainMillis = Long.MIN_VALUE;
    private volatile boolean databaseDown;
    private volatile Throwable failure;

    PostgresSinkWriter(PostgresSinkOptions options, int subtask, SinkWriterMetricGroup metrics) {
        this.options = options;
        this.name = options.applicationName() + "-" + subtask;
        // Housekeeping takes an advisory lock and is safe from every writer, but once is enough.
        this.maintains = subtask == 0;
        this.backoff = new Backoff(options.minBackoffMillis(), options.maxBackoffMillis(), LOG, name);
        this.rowsWritten = metrics.getNumRecordsSendCounter();
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "history writer " + name);
            t.setDaemon(true);
            return t;
        });
        metrics.gauge("historyRowsBuffered", rowsInFlight::get);
        metrics.gauge("historyDatabaseDown", () -> databaseDown ? 1 : 0);
    }

    @Override
    public void write(HistoryRow row, Context context) throws IOException, InterruptedException {
        rethrowFailure();
        batch.add(row);
        if (batch.size() >= options.batchSize()) {
            handOver();
        }
    }

    /** Before every checkpoint barrier and at the end of input: everything held goes to the database first. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        handOver();
        slots.acquire(MAX_IN_FLIGHT); // every batch handed over is stored (or failed)
        slots.release(MAX_IN_FLIGHT);
        rethrowFailure();
    }

    /** Gives the filled batch to the sender, waiting while {@link #MAX_IN_FLIGHT} batches are already there. */
    private void handOver() throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        slots.acquire();
        rethrowFailure();
        HistoryBatch full = batch;
        batch = new HistoryBatch();
        rowsInFlight.addAndGet(full.size());
        try {
            sender.execute(() -> {
                try {
                    if (failure == null) { // after a failure the job restarts and replays these rows anyway
                        send(full);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    rowsInFlight.addAndGet(-full.size());
                    slots.release();
                }
            });
        } catch (RuntimeException e) { // the sender was shut down: the writer is closing
            rowsInFlight.addAndGet(-full.size());
            slots.release();
            throw new IOException(name + ": the history writer is closed", e);
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (t != null) {
            throw new IOException(name + ": the history writer failed: " + t, t);
        }
    }

    /** On the sender thread: until the batch is stored, retrying with backoff while the database is unreachable. */
    private void send(HistoryBatch full) throws IOException, InterruptedException {
        int rows = full.size();
        while (true) {
            try {
                if (connection == null) {
                    connection = HistoryConnection.open(
                            options.url(), options.user(), options.password(), name, options.mode());
                }
                maintainIfDue();
                connection.write(full);
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
    public void close() throws InterruptedException {
        int held = batch.size() + rowsInFlight.get();
        if (held > 0) {
            // Not written: the job stops or fails over, and the rows come again from the last checkpoint's replay.
            LOG.info("{}: closing with {} rows not written; a restart replays them", name, held);
        }
        sender.shutdownNow(); // interrupts a backoff wait
        if (!sender.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("{}: the history writer thread did not stop within 30 s", name);
            return;
        }
        closeConnection(); // the sender has stopped: no one else uses the connection now
    }
}
