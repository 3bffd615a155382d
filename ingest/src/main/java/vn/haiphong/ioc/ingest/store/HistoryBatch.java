package vn.haiphong.ioc.ingest.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a writer holds until its next flush, per table. Rows of an upserted table (KPI values) are merged by key as
 * they arrive, keeping the newest version: a KPI window republished every few seconds is written once per flush, and
 * one INSERT never meets the same key twice (which {@code ON CONFLICT DO UPDATE} refuses).
 */
final class HistoryBatch {
    private final Map<HistoryTable, List<HistoryRow>> appended = new EnumMap<>(HistoryTable.class);
    private final Map<HistoryTable, Map<List<String>, HistoryRow>> merged = new EnumMap<>(HistoryTable.class);
    private int size;

    void add(HistoryRow row) {
        int[] key = row.table.upsertKey();
        if (key == null) {
            appended.computeIfAbsent(row.table, t -> new ArrayList<>()).add(row);
            size++;
            return;
        }
        String[] values = new String[key.length];
        for (int i = 0; i < key.length; i++) {
            values[i] = row.values[key[i]];
        }
        Map<List<String>, HistoryRow> rows = merged.computeIfAbsent(row.table, t -> new LinkedHashMap<>());
        HistoryRow old = rows.putIfAbsent(Arrays.asList(values), row);
        if (old == null) {
            size++;
        } else if (row.version >= old.version) {
            rows.put(Arrays.asList(values), row);
        }
    }

    /** Rows held, after merging. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The rows of one table, in arrival order (first arrival of each key for upserted tables). */
    Collection<HistoryRow> rows(HistoryTable table) {
        if (table.upsertKey() == null) {
            return appended.getOrDefault(table, List.of());
        }
        Map<List<String>, HistoryRow> rows = merged.get(table);
        return rows == null ? List.of() : rows.values();
    }

    void clear() {
        appended.values().forEach(List::clear);
        merged.values().forEach(Map::clear);
        size = 0;
    }
}
