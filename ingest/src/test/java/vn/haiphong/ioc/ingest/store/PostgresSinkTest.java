package vn.haiphong.ioc.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.haiphong.ioc.ingest.store.HistoryConnectionTest.count;
import static vn.haiphong.ioc.ingest.store.HistoryConnectionTest.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.pipeline.IocPipeline;

/**
 * The job's dataflow with {@link PostgresSink} on a local mini cluster, fed raw MQTT records, against real PostgreSQL
 * servers: what ends up in each table, that running the same input again adds nothing, and that a citizen's account
 * and device ids are stored nowhere.
 */
class PostgresSinkTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final InboundCodec CODEC = new InboundCodec(REF);
    private static final long NOW = System.currentTimeMillis();
    private static final String CAMERA = REF.cameras(Camera.Kind.traffic).get(0).id();
    private static final String STATION = REF.port("tan-vu").orElseThrow().assets().stream()
            .filter(a -> a.type().equals("met"))
            .findFirst()
            .orElseThrow()
            .id();
    private static final String ACCOUNT = "acc-secret-4242";
    private static final String DEVICE = "dev-secret-7777";
    private static final String KEY = "a key kept apart from the database";

    static List<TestDatabases.Server> servers() {
        return TestDatabases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void storesEveryAcceptedEventDeadLetterAlertKpiAndReportOnceEvenWhenTheInputComesTwice(TestDatabases.Server server)
            throws Exception {
        try (TestDatabases.TestDatabase db = server.createDatabase().migrated()) {
            run(db, KEY);
            assertStored(db);
            run(db, KEY); // the same messages again, as after a restart from an old checkpoint
            assertStored(db);

            // The account is a keyed hash of the id; neither the id nor the device id is anywhere in the database.
            assertThat(query(db, "SELECT account_ref FROM reports WHERE service_request_id = 'sr-1'"))
                    .containsExactly(new Pseudonyms(KEY).ref(ACCOUNT));
            for (String table :
                    List.of("events", "dead_letters", "alert_changes", "kpi_values", "reports", "report_updates")) {
                assertThat(query(db, "SELECT count(*) FROM " + table + " t WHERE t::text LIKE '%secret%'"))
                        .as(table)
                        .containsExactly("0");
            }
            assertThat(query(
                            db,
                            "SELECT payload->>'service_request_id' FROM events WHERE feed = 'report' AND kind = 'new'"))
                    .containsExactly("sr-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void withoutAKeyAReportKeepsNoAccountReferenceAtAll(TestDatabases.Server server) throws Exception {
        try (TestDatabases.TestDatabase db = server.createDatabase().migrated()) {
            run(db, null);
            assertThat(query(db, "SELECT coalesce(account_ref, 'none') FROM reports"))
                    .containsExactly("none");
            assertThat(query(db, "SELECT count(*) FROM reports r WHERE r::text LIKE '%secret%'"))
                    .containsExactly("0");
        }
    }

    private static void assertStored(TestDatabases.TestDatabase db) throws Exception {
        // 3 camera events, 2 met readings, a report and its update; the 3 bad messages are dead letters.
        assertThat(count(db, "events")).isEqualTo(7);
        assertThat(query(
                        db,
                        "SELECT feed || ' ' || kind || ' ' || coalesce(device, '-') || ' ' || coalesce(area, '-')"
                                + " FROM events WHERE id IN ('acc-1', 'm-2', 'u-1') ORDER BY id"))
                .containsExactly(
                        "cam evt " + CAMERA + " "
                                + REF.camera(CAMERA).orElseThrow().area(),
                        "port tlm tan-vu/" + STATION + " "
                                + REF.port("tan-vu").orElseThrow().area(),
                        "report update sr-1 -");
        assertThat(count(db, "dead_letters")).isEqualTo(3);
        assertThat(query(db, "SELECT count(*) FROM dead_letters WHERE reason LIKE 'malformed JSON%'"))
                .containsExactly("1");
        assertThat(query(db, "SELECT DISTINCT rule FROM alert_changes ORDER BY rule"))
                .contains("traffic.incident", "port.wind.stop-work");
        assertThat(query(
                        db,
                        "SELECT count(*) FROM (SELECT alert_id, seq FROM alert_changes GROUP BY 1, 2"
                                + " HAVING count(*) > 1) d"))
                .containsExactly("0");
        assertThat(query(db, "SELECT count(*) > 0 FROM kpi_values WHERE kpi = 'max-gust'"))
                .containsExactly("t");
        assertThat(count(db, "reports")).isEqualTo(1);
        assertThat(query(db, "SELECT status FROM report_status")).containsExactly("IN_PROGRESS");
    }

    private static void run(TestDatabases.TestDatabase db, String pseudonymKey) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        IocPipeline.Options options = IocPipeline.Options.defaults().withHistory(new HistoryRows(null, pseudonymKey));
        IocPipeline.build(env.fromData(input()).name("records"), options)
                .toHistory()
                .sinkTo(PostgresSink.builder()
                        .url(db.url())
                        .credentials(db.user(), db.password())
                        .batchSize(4) // several batches per writer, not one at the end
                        .build())
                .name("history");
        env.execute("history test");
    }

    private static List<MqttRecord> input() {
        List<MqttRecord> input = new ArrayList<>();
        String evt = Topics.camera(CAMERA, "evt");
        input.add(record(evt, "{not json"));
        input.add(record(evt, "{\"id\":\"x\",\"dateObserved\":" + NOW + ",\"confidence\":0.9}"));
        input.add(record(Topics.camera("tc-nowhere", "evt"), "{}"));
        input.add(record(new CameraDetection(CAMERA, "acc-1", NOW, "carAccident", null, 0.93, null, "Va chạm")));
        input.add(record(new TrafficFlowObserved(
                CAMERA, "tf-1", NOW - 60_000, NOW - 30_000, Map.of("motorcycle", 40, "car", 5), 30.0, 0.2, null)));
        input.add(record(new TrafficFlowObserved(
                CAMERA, "tf-2", NOW - 30_000, NOW, Map.of("motorcycle", 50, "bus", 1), 28.0, 0.25, null)));
        input.add(record(new MetObserved("tan-vu", "met", STATION, "m-1", NOW - 5_000, 9.0, 12.0, 40.0, 0.0, 8000.0)));
        input.add(record(new MetObserved("tan-vu", "met", STATION, "m-2", NOW, 14.0, 21.5, 40.0, 3.0, 3000.0)));
        input.add(record(new ReportNew(
                "sr-1", "flooding", "Ngập nặng", 20.8575, 106.6818, null, null, null, NOW - 60_000, ACCOUNT, DEVICE)));
        input.add(record(new ReportUpdate("sr-1", "u-1", "IN_PROGRESS", "Sở Xây dựng", null, NOW)));
        return input;
    }

    private static MqttRecord record(String topic, String payload) {
        return new MqttRecord(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static MqttRecord record(InboundEvent e) {
        return new MqttRecord(e.topic(), CODEC.encode(e), NOW);
    }
}
