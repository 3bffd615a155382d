package vn.haiphong.ioc.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;

/** The whole dataflow on a local mini cluster, fed raw MQTT records: what the wall and the dead-letter topic get. */
class IocPipelineTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final long NOW = System.currentTimeMillis();
    private static final InboundCodec CODEC = new InboundCodec(REF);

    private static final List<Alert> alerts = new ArrayList<>();
    private static final List<Kpi> kpis = new ArrayList<>();
    private static final List<DeadLetter> deadLetters = new ArrayList<>();
    private static final List<OutboundMessage> reportViews = new ArrayList<>();
    private static final List<OutboundMessage> messages = new ArrayList<>();
    private static final List<DeadLetter> refusedRules = new ArrayList<>();
    private static final List<OutboundMessage> appliedRules = new ArrayList<>();

    private static final String CAMERA = REF.cameras(Camera.Kind.traffic).get(0).id();
    private static final String STATION = REF.port("tan-vu").orElseThrow().assets().stream()
            .filter(a -> a.type().equals("met"))
            .findFirst()
            .orElseThrow()
            .id();

    private static MqttRecord record(String topic, String payload) {
        return record(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static MqttRecord record(String topic, byte[] payload) {
        MqttRecord r = new MqttRecord();
        r.topic = topic;
        r.payload = payload;
        r.receivedAtMillis = NOW;
        return r;
    }

    private static MqttRecord record(vn.haiphong.ioc.core.event.InboundEvent e) {
        return record(e.topic(), CODEC.encode(e));
    }

    @BeforeAll
    static void runThePipeline() throws Exception {
        List<MqttRecord> input = new ArrayList<>();
        String evt = Topics.camera(CAMERA, "evt");
        // Bad input of every kind, first: the job must keep going.
        input.add(record(evt, "{not json"));
        input.add(record(
                evt, "{\"id\":\"x\",\"dateObserved\":" + NOW + ",\"category\":\"fire\",\"confidence\":\"sure\"}"));
        input.add(record(evt, "{\"id\":\"x\",\"dateObserved\":" + NOW + ",\"confidence\":0.9}"));
        input.add(record(Topics.camera("tc-nowhere", "evt"), "{}"));
        input.add(record(
                Topics.reportNew(),
                "{\"service_request_id\":\"r-hn\",\"service_code\":\"flooding\",\"lat\":21.0285,\"long\":105.8542,"
                        + "\"requested_datetime\":" + NOW + "}"));
        input.add(record(
                evt,
                "{\"id\":\"x\",\"dateObserved\":" + (NOW + 86_400_000L)
                        + ",\"category\":\"fire\",\"confidence\":0.9}"));
        input.add(record(evt, new byte[70_000]));
        // Runtime rules: one that cannot be used, then a good one (the defaults as version 2).
        input.add(record(Topics.RULES, "{\"version\":1,\"rules\":{}}"));
        input.add(record(
                Topics.RULES,
                new vn.haiphong.ioc.core.rules.RuleSetMessage(
                                2, NOW, "ops", "test", vn.haiphong.ioc.core.rules.RuleSet.defaults())
                        .encode()));
        // Then good input.
        input.add(record(new CameraDetection(CAMERA, "acc-1", NOW, "carAccident", null, 0.93, null, "Va chạm xe máy")));
        input.add(record(new TrafficFlowObserved(
                CAMERA, "tf-1", NOW - 60_000, NOW - 30_000, Map.of("motorcycle", 40, "car", 5), 30.0, 0.2, null)));
        input.add(record(new TrafficFlowObserved(
                CAMERA, "tf-2", NOW - 30_000, NOW, Map.of("motorcycle", 50, "bus", 1), 28.0, 0.25, null)));
        input.add(record(new MetObserved("tan-vu", "met", STATION, "m-1", NOW - 5_000, 9.0, 12.0, 40.0, 0.0, 8000.0)));
        input.add(record(new MetObserved("tan-vu", "met", STATION, "m-2", NOW, 14.0, 21.5, 40.0, 3.0, 3000.0)));
        input.add(record(new ReportNew(
                "r-old",
                "flooding",
                "Ngập nặng",
                20.8575,
                106.6818,
                null,
                null,
                null,
                NOW - 6 * 3_600_000L,
                "acc",
                "dev")));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        try (CloseableIterator<OutboundMessage> it = IocPipeline.build(
                        env.fromData(input).name("records"), IocPipeline.Options.defaults())
                .toMessages()
                .executeAndCollect()) {
            it.forEachRemaining(messages::add);
        }
        for (OutboundMessage m : messages) {
            if (m.topic.equals(Topics.RULES_APPLIED)) {
                appliedRules.add(m);
            } else if (m.topic.equals("ioc/v1/deadletter/config")) {
                refusedRules.add(OutboundCodec.decodeDeadLetter(m.payload));
            } else if (m.topic.startsWith("ioc/v1/alert/")) {
                alerts.add(OutboundCodec.decodeAlert(m.payload));
            } else if (m.topic.startsWith("ioc/v1/kpi/")) {
                kpis.add(OutboundCodec.decodeKpi(m.payload));
            } else if (m.topic.startsWith("ioc/v1/report/")) {
                reportViews.add(m);
            } else {
                deadLetters.add(OutboundCodec.decodeDeadLetter(m.payload));
            }
        }
    }

    @Test
    void theJobCountsEveryMessageItAcceptedOrDeadLetteredPerFeed() {
        // The totals only grow, so the highest value of each is the final count: 3 camera messages, 2 port messages
        // and 1 report were accepted; 6 camera messages and 1 report were dead-lettered.
        assertThat(finalCount("events-accepted", "cam")).isEqualTo(3.0);
        assertThat(finalCount("events-accepted", "port")).isEqualTo(2.0);
        assertThat(finalCount("events-accepted", "report")).isEqualTo(1.0);
        assertThat(finalCount("events-dead-lettered", "cam")).isEqualTo(6.0);
        assertThat(finalCount("events-dead-lettered", "report")).isEqualTo(1.0);
        assertThat(kpis).filteredOn(k -> k.kpi().startsWith("events-")).allSatisfy(k -> {
            assertThat(k.topic()).startsWith("ioc/v1/kpi/" + k.kpi() + "/feed/");
            assertThat(k.unit()).isEqualTo("messages");
        });
    }

    private static double finalCount(String kpi, String feed) {
        return kpis.stream()
                .filter(k -> k.kpi().equals(kpi) && k.scopeId().equals(feed))
                .mapToDouble(Kpi::value)
                .max()
                .orElse(0);
    }

    @Test
    void everyKindOfBadInputReachesTheDeadLetterTopicWithItsReason() {
        assertThat(deadLetters)
                .extracting(DeadLetter::reason)
                .hasSize(7)
                .anySatisfy(r -> assertThat(r).startsWith("malformed JSON"))
                .anySatisfy(r -> assertThat(r).startsWith("field 'confidence' has the wrong type"))
                .anySatisfy(r -> assertThat(r).isEqualTo("missing field 'category'"))
                .anySatisfy(r -> assertThat(r).isEqualTo("unknown camera 'tc-nowhere'"))
                .anySatisfy(r -> assertThat(r).contains("outside Hai Phong"))
                .anySatisfy(r -> assertThat(r).contains("in the future"))
                .anySatisfy(r -> assertThat(r).startsWith("payload too large"));
        assertThat(messages.stream().filter(m -> m.topic.equals("ioc/v1/deadletter/cam")))
                .hasSize(6);
        assertThat(messages.stream().filter(m -> m.topic.equals("ioc/v1/deadletter/report")))
                .hasSize(1);
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.topic()).startsWith("hp/v1/"));
    }

    @Test
    void aRuleSetThatCannotBeUsedIsDeadLetteredAndAGoodOneIsPublishedRetainedAsApplied() {
        assertThat(refusedRules).singleElement().satisfies(d -> {
            assertThat(d.topic()).isEqualTo(Topics.RULES);
            assertThat(d.reason()).contains("rule 'traffic.congestion' is missing");
        });
        assertThat(appliedRules).singleElement().satisfies(m -> {
            assertThat(m.retained).isTrue();
            assertThat(vn.haiphong.ioc.core.rules.RuleSetMessage.decode(m.payload)
                            .version())
                    .isEqualTo(2);
        });
    }

    @Test
    void aCameraAccidentBecomesAnAlertOnItsAreaTopic() {
        Camera camera = REF.camera(CAMERA).orElseThrow();
        assertThat(messages).anySatisfy(m -> assertThat(m.topic).isEqualTo("ioc/v1/alert/traffic/" + camera.area()));
        assertThat(alerts)
                .filteredOn(a -> a.rule().equals("traffic.incident"))
                .first()
                .satisfies(a -> assertThat(a.evidence()).containsEntry("description", "Va chạm xe máy"));
    }

    @Test
    void aGustOfTwentyOneRaisesBothTheWarningAndStopWork() {
        assertThat(alerts).extracting(Alert::rule).contains("port.wind.warning", "port.wind.stop-work");
        assertThat(messages).anySatisfy(m -> assertThat(m.topic).isEqualTo("ioc/v1/alert/port/tan-vu"));
    }

    @Test
    void anOldUnacknowledgedReportIsOverdue() {
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.rule()).isEqualTo("report.ack-overdue");
            assertThat(a.entity().id()).isEqualTo("r-old");
        });
    }

    @Test
    void publishesTheThreeKpisRetained() {
        assertThat(kpis).anySatisfy(k -> {
            assertThat(k.kpi()).isEqualTo("max-gust");
            assertThat(k.scopeId()).isEqualTo("tan-vu");
            assertThat(k.value()).isEqualTo(21.5);
        });
        assertThat(kpis).anySatisfy(k -> assertThat(k.kpi()).isEqualTo("vehicles-per-minute"));
        assertThat(kpis).anySatisfy(k -> {
            assertThat(k.kpi()).isEqualTo("open-reports");
            assertThat(k.scopeId()).isEqualTo("303");
        });
        assertThat(messages).filteredOn(m -> m.topic.startsWith("ioc/v1/kpi/")).allSatisfy(m -> assertThat(m.retained)
                .isTrue());
    }

    @Test
    void publishesEachReportsViewRetainedWithoutThePersonalIds() throws Exception {
        assertThat(reportViews).isNotEmpty().allSatisfy(m -> {
            assertThat(m.topic).isEqualTo("ioc/v1/report/r-old");
            assertThat(m.retained).isTrue();
            String json = new String(m.payload, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).doesNotContain("\"acc\"", "\"dev\"", "account", "device");
        });
        ReportView last = OutboundCodec.decodeReport(reportViews.get(reportViews.size() - 1).payload);
        assertThat(last.late()).isEqualTo(ReportView.LATE_RESOLVE);
        assertThat(last.escalated()).isTrue();
        assertThat(kpis).anySatisfy(k -> {
            assertThat(k.kpi()).isEqualTo("reports-open");
            assertThat(k.scopeType()).isEqualTo("city");
            assertThat(k.value()).isEqualTo(1.0);
        });
    }
}
