package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;

/** The port rules that follow a device's reported state, each through {@link ConditionAlertFunction}. */
class PortConditionRulesTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long MIN = 60_000;
    private static final RuleSet RULES = RuleSet.defaults();

    private KeyedOneInputStreamOperatorTestHarness<String, ?, Alert> harness;

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private <T> KeyedOneInputStreamOperatorTestHarness<String, T, Alert> open(
            ConditionRule<T> rule, KeySelector<T, String> key, Class<T> type) throws Exception {
        RuleDefinition definition = RULES.rule(rule.ruleId());
        KeyedOneInputStreamOperatorTestHarness<String, T, Alert> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ConditionAlertFunction<>(rule, definition, TypeInformation.of(type)), key, Types.STRING);
        harness = h;
        return h;
    }

    private static ReeferTelemetry reefer(long t, double supply, boolean power) {
        return new ReeferTelemetry(
                "tan-vu", "reefer", "reefer-r1", "r-" + t, t, "MWCU6059784", -18, supply, -16.0, power);
    }

    @Test
    void raisesReeferDeviationAfterFifteenMinutesEvenWithoutAFurtherReading() throws Exception {
        var h = open(
                ReeferRules.deviation(RULES.rule(ReeferRules.DEVIATION), null),
                ReeferRules::key,
                ReeferTelemetry.class);
        h.processElement(reefer(T0, -18.2, true), T0);
        h.processElement(reefer(T0 + MIN, -15.5, true), T0 + MIN); // 2.5 °C off
        h.processWatermark(T0 + 15 * MIN);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(T0 + 16 * MIN); // the deadline timer, no reading needed
        List<Alert> out = h.extractOutputValues();
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("port.reefer.deviation");
            assertThat(a.raisedAt()).isEqualTo(T0 + 16 * MIN);
            assertThat(a.entity().id()).isEqualTo("tan-vu/reefer-r1/MWCU6059784");
            assertThat(a.title().vi()).contains("MWCU6059784").contains("Cảng Tân Vũ");
            assertThat(a.evidence()).containsEntry("deviation", 2.5);
        });
        h.processElement(reefer(T0 + 20 * MIN, -18.4, true), T0 + 20 * MIN);
        h.processWatermark(T0 + 20 * MIN);
        assertThat(h.extractOutputValues()).hasSize(2).last().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.cleared);
            assertThat(a.alertId()).isEqualTo(out.get(0).alertId());
            assertThat(a.clearedAt()).isEqualTo(T0 + 20 * MIN);
        });
        // Back within range and no alert: the key keeps nothing.
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aReadingBackInRangeBeforeTheDeadlineCancelsTheDeviation() throws Exception {
        var h = open(
                ReeferRules.deviation(RULES.rule(ReeferRules.DEVIATION), null),
                ReeferRules::key,
                ReeferTelemetry.class);
        h.processElement(reefer(T0, -15.0, true), T0);
        // Out of order: the in-range reading at T0+10m arrives after one at T0+12m, still deviating.
        h.processElement(reefer(T0 + 12 * MIN, -15.0, true), T0 + 12 * MIN);
        h.processElement(reefer(T0 + 10 * MIN, -18.0, true), T0 + 10 * MIN);
        h.processWatermark(T0 + 20 * MIN);
        // In event time the condition restarted at 12 min: no alert before 27 min.
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(T0 + 27 * MIN);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.raisedAt())
                .isEqualTo(T0 + 27 * MIN));
    }

    @Test
    void aPoweredOffReeferIsAPowerAlertNotADeviation() throws Exception {
        var h = open(
                ReeferRules.powerOff(RULES.rule(ReeferRules.POWER_OFF), null), ReeferRules::key, ReeferTelemetry.class);
        h.processElement(reefer(T0, -10, false), T0);
        h.processWatermark(T0 + 10 * MIN);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("port.reefer.power-off");
            assertThat(a.evidence()).containsEntry("powerOn", false);
        });
        h.processElement(reefer(T0 + 11 * MIN, -9, true), T0 + 11 * MIN);
        h.processWatermark(T0 + 11 * MIN);
        assertThat(h.extractOutputValues()).last().satisfies(a -> assertThat(a.status())
                .isEqualTo(AlertStatus.cleared));
        // 18 °C off the setpoint without power: the power alert's, not a deviation too.
        assertThat(ReeferRules.deviation(RULES.rule(ReeferRules.DEVIATION), null)
                        .raise(reefer(T0, 0, false)))
                .isFalse();
    }

    @Test
    void countsAReadingOlderThanWhatWasDecidedAsLate() throws Exception {
        var h = open(
                ReeferRules.powerOff(RULES.rule(ReeferRules.POWER_OFF), null), ReeferRules::key, ReeferTelemetry.class);
        h.processElement(reefer(T0 + 5 * MIN, -18, false), T0 + 5 * MIN);
        h.processWatermark(T0 + 6 * MIN);
        h.processElement(reefer(T0 + MIN, -18, true), T0 + MIN); // behind the watermark and the decision
        h.processWatermark(T0 + 15 * MIN);
        // The late "power on" did not cancel: raised 10 min after the first "off".
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.raisedAt())
                .isEqualTo(T0 + 15 * MIN));
    }

    private static GateTelemetry gate(long t, int queue, double wait) {
        return new GateTelemetry("dinh-vu", "gate", "gate-1", "g-" + t, t, queue, wait);
    }

    @Test
    void gateQueueRaisesAtFortyTrucksAndClearsOnlyBelowThirtyFiveForFiveMinutes() throws Exception {
        var h = open(new GateQueueRule(RULES.rule(GateQueueRule.ID), null), GateQueueRule::key, GateTelemetry.class);
        h.processElement(gate(T0, 41, 30), T0);
        h.processElement(gate(T0 + MIN, 42, 30), T0 + MIN);
        h.processWatermark(T0 + MIN);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.medium);
            assertThat(a.site()).isEqualTo("dinh-vu");
            assertThat(a.evidence()).containsEntry("queueLength", 42);
        });
        // 37 trucks: below the raise level, above the clear level: holds.
        for (int m = 2; m <= 10; m++) {
            h.processElement(gate(T0 + m * MIN, 37, 30), T0 + m * MIN);
        }
        h.processWatermark(T0 + 10 * MIN);
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processElement(gate(T0 + 11 * MIN, 20, 30), T0 + 11 * MIN);
        h.processWatermark(T0 + 15 * MIN);
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processWatermark(T0 + 16 * MIN);
        assertThat(h.extractOutputValues()).hasSize(2).last().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.cleared);
            assertThat(a.clearedAt()).isEqualTo(T0 + 16 * MIN);
        });
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void aLongWaitAloneRaisesTheGateAlert() throws Exception {
        var h = open(new GateQueueRule(RULES.rule(GateQueueRule.ID), null), GateQueueRule::key, GateTelemetry.class);
        h.processElement(gate(T0, 12, 50), T0);
        h.processWatermark(T0 + 2 * MIN);
        assertThat(h.extractOutputValues()).hasSize(1);
    }

    private static YardTelemetry yard(long t, int occupied) {
        return new YardTelemetry("tan-vu", "yard", "yard-a1", "y-" + t, t, "A1", occupied, 1800);
    }

    @Test
    void yardOccupancyIsOneAlertWhoseSeverityFollowsAndClearsBelowTheMargin() throws Exception {
        var h = open(
                new YardOccupancyRule(RULES.rule(YardOccupancyRule.ID), null),
                YardOccupancyRule::key,
                YardTelemetry.class);
        h.processElement(yard(T0, 1548), T0); // 86%
        h.processElement(yard(T0 + MIN, 1720), T0 + MIN); // 95.6%
        h.processElement(yard(T0 + 2 * MIN, 1690), T0 + 2 * MIN); // 93.9%: within the margin, still critical
        h.processElement(yard(T0 + 3 * MIN, 1650), T0 + 3 * MIN); // 91.7%: high again
        h.processElement(yard(T0 + 4 * MIN, 1490), T0 + 4 * MIN); // 82.8%: holds (above 82)
        h.processElement(yard(T0 + 5 * MIN, 1470), T0 + 5 * MIN); // 81.7%: clears
        h.processWatermark(T0 + 5 * MIN);
        List<Alert> out = h.extractOutputValues();
        assertThat(out)
                .extracting(Alert::severity)
                .containsExactly(Severity.high, Severity.critical, Severity.high, Severity.high);
        assertThat(out).extracting(Alert::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(out).extracting(Alert::alertId).containsOnly(out.get(0).alertId());
        assertThat(out.get(3).status()).isEqualTo(AlertStatus.cleared);
        assertThat(out.get(0).description().en()).contains("86%").contains("Clears below 82%");
    }

    @Test
    void highWaterUsesThePortsThresholdFromReferenceData() throws Exception {
        var h = open(new HighWaterRule(RULES.rule(HighWaterRule.ID), null), HighWaterRule::key, TideTelemetry.class);
        h.processElement(new TideTelemetry("hoang-dieu", "tide", "tide-1", "t1", T0, 405), T0);
        h.processWatermark(T0);
        assertThat(h.extractOutputValues()).isEmpty(); // Hoàng Diệu's threshold is 410 cm
        h.processElement(new TideTelemetry("hoang-dieu", "tide", "tide-1", "t2", T0 + MIN, 412), T0 + MIN);
        h.processElement(new TideTelemetry("hoang-dieu", "tide", "tide-1", "t3", T0 + 2 * MIN, 395), T0 + 2 * MIN);
        h.processWatermark(T0 + 11 * MIN);
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processWatermark(T0 + 12 * MIN);
        assertThat(h.extractOutputValues())
                .extracting(Alert::status)
                .containsExactly(AlertStatus.active, AlertStatus.cleared);
        assertThat(h.extractOutputValues().get(0).evidence()).containsEntry("threshold", 410.0);
    }

    private static CraneTelemetry crane(long t, String state) {
        return new CraneTelemetry("lach-huyen", "sts", "sts-03", "c-" + t, t, state, 0, 8.0, 0.0);
    }

    @Test
    void aCraneFaultClearsWhenWorkingOrIdleNotWhenStopped() throws Exception {
        var h = open(
                new CraneFaultRule(RULES.rule(CraneFaultRule.ID), null), CraneFaultRule::key, CraneTelemetry.class);
        h.processElement(crane(T0, "working"), T0);
        h.processElement(crane(T0 + MIN, "fault"), T0 + MIN);
        h.processElement(crane(T0 + 2 * MIN, "stopped"), T0 + 2 * MIN);
        h.processWatermark(T0 + 2 * MIN);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.raisedAt()).isEqualTo(T0 + MIN);
            assertThat(a.entity().id()).isEqualTo("lach-huyen/sts-03");
        });
        h.processElement(crane(T0 + 3 * MIN, "idle"), T0 + 3 * MIN);
        h.processWatermark(T0 + 3 * MIN);
        assertThat(h.extractOutputValues())
                .extracting(Alert::status)
                .containsExactly(AlertStatus.active, AlertStatus.cleared);
    }

    @Test
    void theSameRaiseGivesTheSameIdAfterARestart() throws Exception {
        var h = open(
                new CraneFaultRule(RULES.rule(CraneFaultRule.ID), null), CraneFaultRule::key, CraneTelemetry.class);
        h.processElement(crane(T0, "fault"), T0);
        h.processWatermark(T0);
        String first = h.extractOutputValues().get(0).alertId();
        h.close();
        var again = open(
                new CraneFaultRule(RULES.rule(CraneFaultRule.ID), null), CraneFaultRule::key, CraneTelemetry.class);
        again.processElement(crane(T0, "fault"), T0);
        again.processWatermark(T0);
        assertThat(again.extractOutputValues().get(0).alertId()).isEqualTo(first);
    }
}
