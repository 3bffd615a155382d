package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.ingest.reports.ReportFact;
import vn.haiphong.ioc.ingest.reports.ReportViewUpdate;

class ReportDeadlineFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private final Duration ack =
            ReferenceData.defaults().service("flooding").orElseThrow().acknowledgeWithin();
    private final Duration resolve =
            ReferenceData.defaults().service("flooding").orElseThrow().resolveWithin();
    private KeyedTwoInputStreamOperatorTestHarness<String, ReportNew, ReportUpdate, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new ReportDeadlineFunction(RuleSet.defaults(), null),
                ReportNew::serviceRequestId,
                ReportUpdate::serviceRequestId,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void report(String id, long at) throws Exception {
        // Opera House, Hong Bang (303)
        harness.processElement1(
                new ReportNew(id, "flooding", "Ngập", 20.8575, 106.6818, null, null, null, at, "a1", "d1"), at);
    }

    private void update(String id, String status, long at) throws Exception {
        harness.processElement2(new ReportUpdate(id, id + "-" + status, status, "UBND", null, at), at);
    }

    private List<OpenReportDelta> deltas() {
        ConcurrentLinkedQueue<StreamRecord<OpenReportDelta>> q =
                harness.getSideOutput(ReportDeadlineFunction.OPEN_DELTAS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void alertsWhenNotAcknowledgedByTheServiceDeadline() throws Exception {
        report("r1", T0);
        harness.processBothWatermarks(new Watermark(T0 + ack.toMillis() - 1));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processBothWatermarks(new Watermark(T0 + ack.toMillis()));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("report.ack-overdue");
            assertThat(a.area()).isEqualTo("303");
            assertThat(a.topic()).isEqualTo("ioc/v1/alert/report/303");
            assertThat(a.title().en()).contains("Flooding");
            assertThat(a.raisedAt()).isEqualTo(T0 + ack.toMillis());
        });
    }

    @Test
    void anAcknowledgementInTimeMeansNoAlert() throws Exception {
        report("r1", T0);
        update("r1", "INVESTIGATING", T0 + ack.toMillis() / 2);
        harness.processBothWatermarks(new Watermark(T0 + 10 * ack.toMillis()));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aLateAcknowledgementClearsTheAlert() throws Exception {
        report("r1", T0);
        harness.processBothWatermarks(new Watermark(T0 + ack.toMillis()));
        update("r1", "IN_PROGRESS", T0 + ack.toMillis() + 5_000);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).status()).isEqualTo(AlertStatus.cleared);
    }

    @Test
    void anUpdateArrivingBeforeItsReportStillCounts() throws Exception {
        update("r1", "FIXED", T0 + 1000);
        report("r1", T0);
        harness.processBothWatermarks(new Watermark(T0 + 10 * ack.toMillis()));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deltas()).isEmpty();
    }

    @Test
    void countsAReportOpenUntilItIsClosedAndIgnoresRedelivery() throws Exception {
        report("r1", T0);
        report("r1", T0);
        update("r1", "IN_PROGRESS", T0 + 1000);
        update("r1", "FIXED", T0 + 2000);
        update("r1", "FIXED", T0 + 2000);
        assertThat(deltas()).extracting(d -> d.delta).containsExactly(1, -1);
        assertThat(deltas()).extracting(d -> d.area).containsOnly("303");
    }

    private List<ReportFact> facts(String kind) {
        ConcurrentLinkedQueue<StreamRecord<ReportFact>> q = harness.getSideOutput(ReportDeadlineFunction.FACTS);
        return q == null
                ? List.of()
                : q.stream()
                        .map(StreamRecord::getValue)
                        .filter(f -> f.kind.equals(kind))
                        .toList();
    }

    private List<ReportViewUpdate> views() {
        ConcurrentLinkedQueue<StreamRecord<ReportViewUpdate>> q = harness.getSideOutput(ReportDeadlineFunction.VIEWS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    private ReportView lastView() {
        List<ReportViewUpdate> v = views();
        return v.get(v.size() - 1).view;
    }

    @Test
    void escalatesTheAckAlertOneLevelAtTwiceTheDeadlineAndClearsItWhenAcknowledged() throws Exception {
        report("r1", T0);
        harness.processBothWatermarks(new Watermark(T0 + 2 * ack.toMillis()));
        update("r1", "INVESTIGATING", T0 + 2 * ack.toMillis() + 60_000);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(3);
        assertThat(out).extracting(Alert::alertId).containsOnly(out.get(0).alertId());
        assertThat(out).extracting(Alert::seq).containsExactly(1L, 2L, 3L);
        assertThat(out.get(0).severity()).isEqualTo(Severity.medium);
        assertThat(out.get(1).severity()).isEqualTo(Severity.high);
        assertThat(out.get(1).updatedAt()).isEqualTo(T0 + 2 * ack.toMillis());
        assertThat(out.get(1).evidence()).containsEntry("escalated", true);
        assertThat(out.get(2).status()).isEqualTo(AlertStatus.cleared);
    }

    @Test
    void alertsWhenNotResolvedInTimeEscalatesAtTwiceAndClearsWhenFixed() throws Exception {
        report("r1", T0);
        update("r1", "IN_PROGRESS", T0 + 60_000);
        harness.processBothWatermarks(new Watermark(T0 + resolve.toMillis() - 1));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processBothWatermarks(new Watermark(T0 + resolve.toMillis()));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("report.resolve-overdue");
            assertThat(a.title().vi()).contains("Ngập úng");
        });
        assertThat(lastView().late()).isEqualTo(ReportView.LATE_RESOLVE);
        assertThat(lastView().escalated()).isFalse();

        harness.processBothWatermarks(new Watermark(T0 + 2 * resolve.toMillis()));
        assertThat(lastView().escalated()).isTrue();
        update("r1", "FIXED", T0 + 2 * resolve.toMillis() + 1000);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).extracting(Alert::seq).containsExactly(1L, 2L, 3L);
        assertThat(out.get(1).severity()).isEqualTo(Severity.high);
        assertThat(out.get(2).status()).isEqualTo(AlertStatus.cleared);
        assertThat(lastView().late()).isNull();
        assertThat(lastView().status()).isEqualTo("FIXED");
        assertThat(facts(ReportFact.RESOLVE)).singleElement().satisfies(f -> assertThat(f.onTime)
                .isFalse());
    }

    @Test
    void outOfOrderUpdatesKeepTheLatestStatusAndTheEarliestAcknowledgement() throws Exception {
        report("r1", T0);
        update("r1", "FIXED", T0 + 30 * 60_000);
        update("r1", "INVESTIGATING", T0 + 10 * 60_000);
        ReportView v = lastView();
        assertThat(v.status()).isEqualTo("FIXED");
        assertThat(v.acknowledgedAt()).isEqualTo(T0 + 10 * 60_000);
        assertThat(v.resolvedAt()).isEqualTo(T0 + 30 * 60_000);
        // the late INVESTIGATING moved the first response earlier: 30 min taken back, 10 min counted
        assertThat(facts(ReportFact.FIRST_RESPONSE))
                .extracting(f -> f.minutes * f.delta)
                .containsExactly(30.0, -30.0, 10.0);
        // the ratio counted once, on time
        assertThat(facts(ReportFact.ACK)).extracting(f -> f.onTime).containsExactly(true);
        harness.processBothWatermarks(new Watermark(T0 + 3 * resolve.toMillis()));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void updatesBeforeTheirReportAreAppliedWhenItComesAndRepeatsAreIgnored() throws Exception {
        update("r1", "IN_PROGRESS", T0 + 5 * 60_000);
        update("r1", "IN_PROGRESS", T0 + 5 * 60_000); // redelivered: same update_id
        assertThat(views()).isEmpty();
        report("r1", T0);
        ReportView v = lastView();
        assertThat(v.status()).isEqualTo("IN_PROGRESS");
        assertThat(v.acknowledgedAt()).isEqualTo(T0 + 5 * 60_000);
        assertThat(facts(ReportFact.FIRST_RESPONSE)).hasSize(1);
        assertThat(facts(ReportFact.RECEIVED)).singleElement().satisfies(f -> {
            assertThat(f.serviceRequestId).isEqualTo("r1");
            assertThat(f.lat).isEqualTo(20.8575);
            assertThat(f.fusionCategory).isEqualTo("flood");
        });
        harness.processBothWatermarks(new Watermark(T0 + 2 * ack.toMillis()));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void anOpenUpdateNamingTheAgencyAcknowledges() throws Exception {
        report("r1", T0);
        harness.processElement2(new ReportUpdate("r1", "u1", "OPEN", "Công ty Thoát nước", null, T0 + 60_000), T0);
        harness.processBothWatermarks(new Watermark(T0 + 2 * ack.toMillis()));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void theViewCarriesNoPersonalDataAndItsDeadlines() throws Exception {
        report("r1", T0);
        ReportView v = lastView();
        assertThat(v.serviceRequestId()).isEqualTo("r1");
        assertThat(v.status()).isEqualTo("OPEN");
        assertThat(v.acknowledgeBy()).isEqualTo(T0 + ack.toMillis());
        assertThat(v.resolveBy()).isEqualTo(T0 + resolve.toMillis());
        assertThat(v.serviceName().vi()).isEqualTo("Ngập úng");
        String json = new String(OutboundCodec.encode(v), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("a1", "d1", "account", "device");
    }

    @Test
    void forgetsAReportAndRemovesItsViewADayAfterItIsDone() throws Exception {
        report("r1", T0);
        update("r1", "FIXED", T0 + 60_000);
        harness.processBothWatermarks(new Watermark(T0 + 60_000 + ReportDeadlineFunction.RETENTION.toMillis() - 1));
        assertThat(views().get(views().size() - 1).gone()).isFalse();
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        harness.processBothWatermarks(new Watermark(T0 + 60_000 + ReportDeadlineFunction.RETENTION.toMillis()));
        assertThat(views().get(views().size() - 1).gone()).isTrue();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void forgetsUpdatesWhoseReportNeverCame() throws Exception {
        update("r9", "IN_PROGRESS", T0);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        harness.processBothWatermarks(new Watermark(T0 + ReportDeadlineFunction.ORPHAN_TTL.toMillis()));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
