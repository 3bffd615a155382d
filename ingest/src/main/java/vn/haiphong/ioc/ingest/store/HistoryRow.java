package vn.haiphong.ioc.ingest.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row for a {@link HistoryTable}: its values as PostgreSQL reads them in text form (null for SQL NULL), in the
 * table's column order. Made upstream of the sink, so the writer only batches and sends.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields), serialized without Kryo.
 */
public class HistoryRow {
    public HistoryTable table;

    public String[] values;

    /** For upserted tables, which of two rows with the same key is newer (epoch ms); 0 elsewhere. */
    public long version;

    public HistoryRow() {}

    public HistoryRow(HistoryTable table, long version, String... values) {
        if (values.length != table.columnCount()) {
            throw new IllegalArgumentException(
                    table + " has " + table.columnCount() + " columns, not " + values.length);
        }
        this.table = table;
        this.values = values;
        this.version = version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryRow r && table == r.table && version == r.version && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, version) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return table + Arrays.toString(values);
    }
}
