package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

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
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

class ReportDeadlineFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private final Duration ack =
            ReferenceData.defaults().service("flooding").orElseThrow().acknowledgeWithin();
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
}
