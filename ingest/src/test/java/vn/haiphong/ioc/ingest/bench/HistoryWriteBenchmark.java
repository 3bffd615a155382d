package vn.haiphong.ioc.ingest.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vn.haiphong.ioc.ingest.store.HistoryBenchmarkAccess;
import vn.haiphong.ioc.ingest.store.HistoryConnection;
import vn.haiphong.ioc.ingest.store.HistoryRow;
import vn.haiphong.ioc.ingest.store.HistoryTable;
import vn.haiphong.ioc.ingest.store.Migrations;
import vn.haiphong.ioc.ingest.store.WriteMode;

/**
 * Rows per second that one sink writer's connection stores in {@code events}: a batch of new camera events (about
 * 250 bytes of JSON each) per operation, committed, into a real PostgreSQL 14 (zonky) with fsync and synchronous
 * commit on, as the demo runs it. One op is one row ({@code @OperationsPerInvocation}), so the throughput is rows/s.
 * Compares COPY through a staging table with multi-row INSERTs. Run with {@code ./ioc jmh HistoryWriteBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class HistoryWriteBenchmark {
    static final int BATCH = 5_000;

    @Param({"COPY", "INSERT"})
    public WriteMode mode;

    private EmbeddedPostgres postgres;
    private HistoryConnection connection;
    private final String[][] template = new String[BATCH][];
    private long next;

    @Setup(Level.Trial)
    public void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        Migrations.apply(url, "postgres", "postgres", 0);
        connection = HistoryConnection.open(url, "postgres", "postgres", "bench", mode);
        String now = Instant.now().toString();
        for (int i = 0; i < BATCH; i++) {
            template[i] = new String[] {
                "cam",
                null, // the id, unique per row, set per batch
                now,
                now,
                "hp/v1/cam/tc-012/tlm",
                "tc-012",
                "tlm",
                "304",
                "{\"dateObservedFrom\":\"2026-11-25T08:14:02+07:00\",\"dateObservedTo\":\"2026-11-25T08:15:02+07:00\","
                        + "\"intensity\":{\"motorcycle\":41,\"car\":7,\"bus\":1,\"lorry\":2},"
                        + "\"averageVehicleSpeed\":27.5,\"occupancy\":0.31,\"congested\":false}"
            };
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        connection.close();
        postgres.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void writeBatchOfNewEvents() throws SQLException {
        HistoryBenchmarkAccess.Batch batch = HistoryBenchmarkAccess.batch();
        for (String[] row : template) {
            String[] values = row.clone();
            values[1] = "bench-" + next++;
            batch.add(new HistoryRow(HistoryTable.EVENTS, 0, values));
        }
        batch.writeTo(connection);
    }
}
