package vn.haiphong.ioc.ingest.store;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The tables of ioc-core's {@code db/migration} that the job writes, with their columns in the order of a
 * {@link HistoryRow}'s values and what a row does when its key is already there. Every write is idempotent on the
 * row's key, so a replay after a restart stores nothing twice.
 */
public enum HistoryTable {
    EVENTS(
            "events",
            List.of(
                    "feed text",
                    "id text",
                    "event_time timestamptz",
                    "received_at timestamptz",
                    "topic text",
                    "device text",
                    "kind text",
                    "area text",
                    "payload jsonb"),
            null),
    DEAD_LETTERS(
            "dead_letters",
            List.of(
                    "id uuid",
                    "received_at timestamptz",
                    "feed text",
                    "topic text",
                    "reason text",
                    "payload text",
                    "payload_encoding text",
                    "payload_bytes integer"),
            null),
    ALERT_CHANGES(
            "alert_changes",
            List.of(
                    "alert_id uuid",
                    "seq bigint",
                    "rule text",
                    "domain text",
                    "site text",
                    "area text",
                    "category text",
                    "sub_category text",
                    "severity text",
                    "status text",
                    "raised_at timestamptz",
                    "updated_at timestamptz",
                    "cleared_at timestamptz",
                    "entity_type text",
                    "entity_id text",
                    "lat double precision",
                    "lon double precision",
                    "title_vi text",
                    "title_en text",
                    "description_vi text",
                    "description_en text",
                    "evidence jsonb"),
            null),
    /** A window published again (early, then complete) replaces the stored row only when it is at least as new. */
    KPI_VALUES(
            "kpi_values",
            List.of(
                    "kpi text",
                    "scope_type text",
                    "scope_id text",
                    "window_start timestamptz",
                    "window_end timestamptz",
                    "value double precision",
                    "unit text",
                    "target double precision",
                    "complete boolean",
                    "updated_at timestamptz"),
            new int[] {0, 1, 2, 4}),
    REPORTS(
            "reports",
            List.of(
                    "service_request_id text",
                    "service_code text",
                    "area text",
                    "lat double precision",
                    "lon double precision",
                    "address text",
                    "description text",
                    "media_url text",
                    "requested_at timestamptz",
                    "received_at timestamptz",
                    "account_ref text"),
            null),
    REPORT_UPDATES(
            "report_updates",
            List.of(
                    "update_id text",
                    "service_request_id text",
                    "status text",
                    "agency_responsible text",
                    "description text",
                    "updated_at timestamptz",
                    "received_at timestamptz"),
            null);

    private final String tableName;
    private final List<String> names;
    private final List<String> types;
    private final int[] upsertKey;

    HistoryTable(String tableName, List<String> columns, int[] upsertKey) {
        this.tableName = tableName;
        this.names = columns.stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
        this.types = columns.stream().map(c -> c.substring(c.indexOf(' ') + 1)).toList();
        this.upsertKey = upsertKey;
    }

    public String tableName() {
        return tableName;
    }

    public int columnCount() {
        return names.size();
    }

    public List<String> columnNames() {
        return names;
    }

    public String columnType(int i) {
        return types.get(i);
    }

    boolean isJson(int column) {
        return types.get(column).equals("jsonb");
    }

    /**
     * The key columns of a table whose rows are upserted (the newest {@link HistoryRow#version} wins), or null for a
     * table where the first row with a key is kept.
     */
    int[] upsertKey() {
        return upsertKey;
    }

    /** What a row does when its key exists: nothing, or for KPI values replace an older version. */
    String onConflict() {
        if (upsertKey == null) {
            return "ON CONFLICT DO NOTHING";
        }
        String key = IntStream.of(upsertKey).mapToObj(names::get).collect(Collectors.joining(", "));
        String set = IntStream.range(0, names.size())
                .filter(i -> IntStream.of(upsertKey).noneMatch(k -> k == i))
                .mapToObj(i -> names.get(i) + " = excluded." + names.get(i))
                .collect(Collectors.joining(", "));
        return "ON CONFLICT (" + key + ") DO UPDATE SET " + set + " WHERE " + tableName
                + ".updated_at <= excluded.updated_at";
    }

    String columnList() {
        return String.join(", ", names);
    }

    /** The session's staging table for COPY: same columns, emptied at each commit. */
    String stagingName() {
        return "ioc_stage_" + tableName;
    }

    String createStaging() {
        String columns = IntStream.range(0, names.size())
                .mapToObj(i -> names.get(i) + " " + types.get(i))
                .collect(Collectors.joining(", "));
        return "CREATE TEMP TABLE IF NOT EXISTS " + stagingName() + " (" + columns + ") ON COMMIT DELETE ROWS";
    }
}
