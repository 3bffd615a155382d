package vn.haiphong.ioc.ingest.store;

/** Lets the benchmarks in another package fill and write a package-private {@link HistoryBatch}. */
public final class HistoryBenchmarkAccess {
    private HistoryBenchmarkAccess() {}

    public static Batch batch() {
        return new Batch();
    }

    /** A {@link HistoryBatch}. */
    public static final class Batch {
        private final HistoryBatch batch = new HistoryBatch();

        public void add(HistoryRow row) {
            batch.add(row);
        }

        public void writeTo(HistoryConnection connection) throws java.sql.SQLException {
            connection.write(batch);
        }
    }
}
