package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

/** traffic.congestion as the job runs it: live thresholds, escalation, order and lateness, snapshot and restore. */
class CongestionLiveRulesTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long MIN = 60_000;
    private static final RuleSet V1 = RuleSet.defaults();

    private final String camera =
            ReferenceData.defaults().cameras(Camera.Kind.traffic).get(0).id();
    private KeyedBroadcastOperatorTestHarness<String, TrafficFlowObserved, RuleUpdate, Alert> h;

    @BeforeEach
    void open() throws Exception {
        h = harness(null);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static KeyedBroadcastOperatorTestHarness<String, TrafficFlowObserved, RuleUpdate, Alert> harness(
            OperatorSubtaskState restore) throws Exception {
        LiveSustainedAlertFunction<TrafficFlowObserved> fn = new LiveSustainedAlertFunction<>(
                new CongestionRule(V1.rule(CongestionRule.ID), null),
                V1,
                TypeInformation.of(TrafficFlowObserved.class),
                Duration.ofMinutes(3));
        KeyedBroadcastOperatorTestHarness<String, TrafficFlowObserved, RuleUpdate, Alert> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(fn, List.of(LiveRules.STATE)),
                        TrafficFlowObserved::cameraId,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setup();
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    private TrafficFlowObserved reading(int m, double occupancy, double speed) {
        long from = T0 + m * MIN;
        return new TrafficFlowObserved(
                camera, "t" + m, from, from + MIN, Map.of("motorcycle", 90, "car", 12), speed, occupancy, null);
    }

    private void minutes(int from, int to, double occupancy, double speed) throws Exception {
        for (int m = from; m < to; m++) {
            TrafficFlowObserved r = reading(m, occupancy, speed);
            h.processElement(r, r.dateObservedTo());
        }
        h.processWatermark(T0 + to * MIN);
    }

    @Test
    void escalatesOneLevelAfterThirtyMinutesAsTheNextSeqOfTheSameAlert() throws Exception {
        minutes(0, 10, 0.75, 8);
        minutes(10, 39, 0.75, 8);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.severity())
                .isEqualTo(Severity.medium));
        minutes(39, 45, 0.75, 8); // raised at minute 10: 30 min later, at minute 40
        List<Alert> out = h.extractOutputValues();
        assertThat(out).hasSize(2);
        Alert raised = out.get(0);
        Alert escalated = out.get(1);
        assertThat(escalated.alertId()).isEqualTo(raised.alertId());
        assertThat(escalated.seq()).isEqualTo(2);
        assertThat(escalated.severity()).isEqualTo(Severity.high);
        assertThat(escalated.status()).isEqualTo(AlertStatus.active);
        assertThat(escalated.updatedAt()).isEqualTo(T0 + 40 * MIN);
        assertThat(escalated.evidence()).containsEntry("activeMinutes", 30L).containsEntry("escalatedFrom", "medium");
        minutes(45, 50, 0.2, 40); // five free minutes
        out = h.extractOutputValues();
        assertThat(out).hasSize(3);
        assertThat(out.get(2).status()).isEqualTo(AlertStatus.cleared);
        assertThat(out.get(2).seq()).isEqualTo(3);
    }

    @Test
    void hysteresisKeepsTheAlertThroughShortDipsAndClearsOnlyAfterFiveFreeMinutes() throws Exception {
        minutes(0, 10, 0.75, 8);
        minutes(10, 14, 0.2, 40); // four free minutes
        minutes(14, 15, 0.75, 8);
        minutes(15, 19, 0.2, 40);
        assertThat(h.extractOutputValues()).hasSize(1);
        minutes(19, 20, 0.2, 40);
        assertThat(h.extractOutputValues()).hasSize(2).last().satisfies(a -> assertThat(a.status())
                .isEqualTo(AlertStatus.cleared));
    }

    @Test
    void newThresholdsBroadcastWhileRunningRaiseOnTheSameReadingsWithoutARestart() throws Exception {
        minutes(0, 12, 0.4, 30); // v1: 0.4 is below occupancyAtLeast 0.6
        assertThat(h.extractOutputValues()).isEmpty();
        h.processBroadcastElement(
                TestRules.update(2, TestRules.withParam(V1, CongestionRule.ID, "occupancyAtLeast", 0.3)), 0);
        minutes(12, 22, 0.4, 30);
        // What held before the change counts as it was decided then; ten minutes under v2 raise.
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.raisedAt()).isEqualTo(T0 + 22 * MIN);
            assertThat(a.description().en()).contains("Occupancy ≥ 0.3");
        });
    }

    @Test
    void anOlderOrEqualVersionIsIgnored() throws Exception {
        h.processBroadcastElement(
                TestRules.update(3, TestRules.withParam(V1, CongestionRule.ID, "occupancyAtLeast", 0.3)), 0);
        h.processBroadcastElement(TestRules.update(2, V1), 0);
        h.processBroadcastElement(TestRules.update(3, V1), 0);
        assertThat(h.getBroadcastState(LiveRules.STATE).get(LiveRules.IN_FORCE).version)
                .isEqualTo(3);
        minutes(0, 10, 0.4, 30);
        assertThat(h.extractOutputValues()).hasSize(1);
    }

    @Test
    void theRulesInForceSurviveASnapshotAndRestore() throws Exception {
        h.processBroadcastElement(
                TestRules.update(2, TestRules.withParam(V1, CongestionRule.ID, "occupancyAtLeast", 0.3)), 0);
        minutes(0, 5, 0.4, 30);
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        h = harness(snapshot);
        assertThat(h.getBroadcastState(LiveRules.STATE).get(LiveRules.IN_FORCE).version)
                .isEqualTo(2);
        minutes(5, 10, 0.4, 30);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.raisedAt())
                .isEqualTo(T0 + 10 * MIN));
    }

    @Test
    void shuffledReadingsWithinTheOutOfOrdernessGiveTheSameAlerts() throws Exception {
        List<TrafficFlowObserved> readings = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            readings.add(m < 45 ? reading(m, 0.8, 7) : reading(m, 0.1, 45));
        }
        List<Alert> ordered = play(readings);
        Random random = new Random(7);
        for (int round = 0; round < 5; round++) {
            List<TrafficFlowObserved> shuffled = new ArrayList<>(readings);
            // Swap neighbours inside windows of three minutes: the bounded out-of-orderness.
            for (int i = 0; i + 2 < shuffled.size(); i += 3) {
                Collections.shuffle(shuffled.subList(i, i + 3), random);
            }
            h.close();
            h = harness(null);
            assertThat(play(shuffled)).isEqualTo(ordered);
        }
        assertThat(ordered)
                .extracting(Alert::status, Alert::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.active, Severity.medium),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.active, Severity.high),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.cleared, Severity.high));
    }

    private List<Alert> play(List<TrafficFlowObserved> readings) throws Exception {
        for (int i = 0; i < readings.size(); i++) {
            h.processElement(readings.get(i), readings.get(i).dateObservedTo());
            if (i % 3 == 2) {
                // The watermark trails the newest reading by the out-of-orderness (three minutes here).
                h.processWatermark(T0 + (i - 2) * MIN);
            }
        }
        h.processWatermark(T0 + 61 * MIN);
        return h.extractOutputValues();
    }

    @Test
    void aReadingOlderThanWhatWasDecidedIsCountedAsLateAndChangesNothing() throws Exception {
        minutes(0, 10, 0.75, 8);
        assertThat(h.extractOutputValues()).hasSize(1);
        TrafficFlowObserved old = reading(3, 0.1, 50);
        h.processElement(old, old.dateObservedTo());
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.getSideOutput(LiveRuleFunction.LATE)).singleElement().satisfies(r -> {
            assertThat(r.getValue().rule).isEqualTo(CongestionRule.ID);
            assertThat(r.getValue().key).isEqualTo(camera);
            assertThat(r.getValue().eventTime).isEqualTo(T0 + 4 * MIN);
        });
    }
}
