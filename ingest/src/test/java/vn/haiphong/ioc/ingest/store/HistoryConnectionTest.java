package vn.haiphong.ioc.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * {@link HistoryConnection} against real PostgreSQL servers ({@link TestDatabases}), in both write modes, on the
 * schema that Flyway makes from ioc-core's migrations.
 */
class HistoryConnectionTest {
    static final long T = Instant.now().toEpochMilli();
    static final HistoryRows ROWS = new HistoryRows(null, "test-key");

    static Stream<Arguments> serversAndModes() {
        return TestDatabases.all().stream()
                .flatMap(s -> Stream.of(WriteMode.values()).map(m -> Arguments.of(s, m)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndModes")
    void writesABatchToEveryTableInOneGo(TestDatabases.Server server, WriteMode mode) throws Exception {
        try (TestDatabases.TestDatabase db = server.createDatabase().migrated();
                HistoryConnection history = db.history(mode)) {
            HistoryBatch batch = sampleBatch(0, 2_500);
            history.write(batch);

            assertThat(count(db, "events")).isEqualTo(2_501); // 2,500 camera events and the report's
            assertThat(count(db, "dead_letters")).isEqualTo(1);
            assertThat(count(db, "alert_changes")).isEqualTo(2);
            assertThat(count(db, "kpi_values")).isEqualTo(1);
            assertThat(count(db, "reports")).isEqualTo(1);
            assertThat(count(db, "report_updates")).isEqualTo(1);
            assertThat(query(db, "SELECT status FROM alerts_latest")).containsExactly("cleared");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndModes")
    void aReplayedBatchStoresNothingTwice(TestDatabases.Server server, WriteMode mode) throws Exception {
        try (TestDatabases.TestDatabase db = server.createDatabase().migrated();
                HistoryConnection history = db.history(mode)) {
            history.write(sampleBatch(0, 300));
            history.write(sampleBatch(0, 300)); // what a restart from the last checkpoint sends again
            history.write(sampleBatch(150, 300)); // overlapping, plus 150 new events

            assertThat(count(db, "events")).isEqualTo(451);
            assertThat(query(db, "SELECT count(DISTINCT (feed, id)) FROM events"))
                    .containsExactly("451");
            for (String table : List.of("dead_letters", "kpi_values", "reports", "report_updates")) {
                assertThat(count(db, table)).as(table).isEqualTo(1);
            }
            assertThat(count(db, "alert_changes")).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndModes")
    void aKpiWindowKeepsItsNewestValueWhateverTheOrderOfArrival(TestDatabases.Server server, WriteMode mode)
            throws Exception {
        try (TestDatabases.TestDatabase db = server.createDatabase().migrated();
                HistoryConnection history = db.history(mode)) {
            history.write(batchOf(ROWS.kpi(kpi(20.0, T + 20_000, false))));
            history.write(batchOf(ROWS.kpi(kpi(10.0, T + 10_000, false)))); // older, replayed late: ignored
            assertThat(query(db, "SELECT value || ' ' || complete FROM kpi_values"))
                    .containsExactly("20 false");

            // Within one batch the newest wins too, whichever comes last.
            history.write(batchOf(ROWS.kpi(kpi(31.0, T + 60_000, true)), ROWS.kpi(kpi(25.0, T + 30_000, false))));
            assertThat(query(db, "SELECT value || ' ' || complete FROM kpi_values"))
                    .containsExactly("31 true");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndModes")
    void textComesBackAsItWasSentEvenWithTabsNewlinesBackslashesAndNul(TestDatabases.Server server, WriteMode mode)
            throws Exception {
        String tricky = "tab\there\nnew line\r\\N not null \\ backslash \"quoted\" Hải Phòng ✓";
        try (TestDatabases.TestDatabase db = server.createDatabase().migrated();
                HistoryConnection history = db.history(mode)) {
            DeadLetter withNul =
                    DeadLetter.of("hp/v1/cam/tc-001/tlm", "{\"a\":\"\0\"}".getBytes(StandardCharsets.UTF_8), tricky, T);
            history.write(batchOf(
                    report("sr-tricky", tricky, "acc-1"),
                    ROWS.deadLetter(withNul),
                    new HistoryRow(
                            HistoryTable.EVENTS,
                            0,
                            "cam",
                            "nul",
                            Instant.ofEpochMilli(T).toString(),
                            Instant.ofEpochMilli(T).toString(),
                            "hp/v1/cam/tc-001/evt",
                            "tc-001",
                            "evt",
                            null,
                            "{\"description\":\"a\\u0000b\"}")));

            assertThat(query(db, "SELECT description FROM reports")).containsExactly(tricky);
            assertThat(query(db, "SELECT reason FROM dead_letters")).containsExactly(tricky);
            // PostgreSQL text holds no NUL: such a payload is kept whole, as base64.
            assertThat(query(db, "SELECT payload_encoding || ' ' || payload FROM dead_letters"))
                    .containsExactly("base64 "
                            + Base64.getEncoder().encodeToString("{\"a\":\"\0\"}".getBytes(StandardCharsets.UTF_8)));
            assertThat(query(db, "SELECT (area IS NULL)::text FROM events")).containsExactly("true");
            // jsonb refuses the NUL escape that JSON allows: the row is kept with U+FFFD in its place.
            assertThat(query(db, "SELECT payload->>'description' FROM events")).containsExactly("a\uFFFDb");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndModes")
    void eventsFarFromNowLandInTheDefaultPartitionAndMaintenanceKeepsGoing(TestDatabases.Server server, WriteMode mode)
            throws Exception {
        try (TestDatabases.TestDatabase db = server.createDatabase().migrated();
                HistoryConnection history = db.history(mode)) {
            long longAgo = T - 20L * 24 * 3600 * 1000; // before the partitions the migration made
            HistoryBatch batch = new HistoryBatch();
            batch.add(event("old", longAgo));
            batch.add(event("now", T));
            history.write(batch);

            assertThat(query(db, "SELECT id || ' ' || tableoid::regclass FROM events ORDER BY id"))
                    .containsExactly("now events_" + partitionSuffix(T), "old events_default");
            assertThat(history.maintain()).isNotNull(); // runs (again) without error on a schema with rows
        }
    }

    private static String partitionSuffix(long t) {
        return Instant.ofEpochMilli(t).toString().substring(0, 10).replace("-", "");
    }

    /** Camera events {@code from..from+n}, plus one of each other kind of row. */
    static HistoryBatch sampleBatch(int from, int n) {
        HistoryBatch batch = new HistoryBatch();
        for (int i = from; i < from + n; i++) {
            batch.add(event("evt-" + i, T + i));
        }
        batch.add(ROWS.deadLetter(
                DeadLetter.of("hp/v1/cam/tc-001/tlm", "not json".getBytes(StandardCharsets.UTF_8), "malformed", T)));
        Alert raised = alert();
        batch.add(ROWS.alert(raised));
        batch.add(ROWS.alert(raised.cleared(T + 60_000, Map.of("occupancy", 0.2))));
        batch.add(ROWS.kpi(kpi(12.0, T, false)));
        List<HistoryRow> rows = new ArrayList<>();
        ROWS.event(
                "hp/v1/report/new",
                T,
                new ReportNew("sr-1", "flooding", "Ngập", 20.85, 106.68, null, null, null, T, "acc-1", "dev-1"),
                rows::add);
        ROWS.event(
                "hp/v1/report/sr-1/update",
                T,
                new ReportUpdate("sr-1", "u-1", "IN_PROGRESS", "Sở Xây dựng", "đang xử lý", T + 1000),
                rows::add);
        rows.stream()
                .filter(r -> r.table != HistoryTable.EVENTS || r.values[1].equals("sr-1"))
                .forEach(batch::add);
        return batch;
    }

    static HistoryRow event(String id, long time) {
        String t = Instant.ofEpochMilli(time).toString();
        return new HistoryRow(
                HistoryTable.EVENTS,
                0,
                "cam",
                id,
                t,
                t,
                "hp/v1/cam/tc-001/tlm",
                "tc-001",
                "tlm",
                "303",
                "{\"id\":\"" + id + "\",\"occupancy\":0.4}");
    }

    static HistoryRow report(String id, String description, String account) {
        return ROWS.report(
                new ReportNew(id, "flooding", description, 20.85, 106.68, null, null, null, T, account, "dev-1"), T);
    }

    static Kpi kpi(double value, long updatedAt, boolean complete) {
        return new Kpi(
                "vehicles-per-minute",
                "camera",
                "tc-001",
                new LocalizedText("Xe mỗi phút", "Vehicles per minute"),
                T - 60_000,
                T,
                value,
                "1/min",
                null,
                complete,
                updatedAt);
    }

    static Alert alert() {
        Entity entity = new Entity("camera", "tc-001");
        return new Alert(
                Alert.idFor("traffic.congestion", entity, T),
                "traffic.congestion",
                "traffic",
                "303",
                "303",
                "traffic",
                "trafficJam",
                Severity.medium,
                AlertStatus.active,
                T,
                T,
                null,
                entity,
                new Position(20.85, 106.68),
                new LocalizedText("Ùn tắc", "Congestion"),
                new LocalizedText("Ùn tắc kéo dài", "Sustained congestion"),
                Map.of("occupancy", 0.7),
                1);
    }

    static HistoryBatch batchOf(HistoryRow... rows) {
        HistoryBatch batch = new HistoryBatch();
        for (HistoryRow r : rows) {
            batch.add(r);
        }
        return batch;
    }

    static long count(TestDatabases.TestDatabase db, String table) throws SQLException {
        return Long.parseLong(query(db, "SELECT count(*) FROM " + table).get(0));
    }

    static List<String> query(TestDatabases.TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        }
    }
}
