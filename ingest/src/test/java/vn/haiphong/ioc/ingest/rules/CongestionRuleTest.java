package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

class CongestionRuleTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long MIN = 60_000;
    private final String camera =
            ReferenceData.defaults().cameras(Camera.Kind.traffic).get(0).id();
    private KeyedOneInputStreamOperatorTestHarness<String, TrafficFlowObserved, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        RuleSet rules = RuleSet.defaults();
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SustainedAlertFunction<>(
                        new CongestionRule(rules.rule(CongestionRule.ID), null),
                        rules.rule(CongestionRule.ID),
                        TypeInformation.of(TrafficFlowObserved.class),
                        Duration.ofMinutes(3)),
                TrafficFlowObserved::cameraId,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void minute(int m, double occupancy, double speed) throws Exception {
        long from = T0 + m * MIN;
        harness.processElement(
                new TrafficFlowObserved(
                        camera, "t" + m, from, from + MIN, Map.of("motorcycle", 90, "car", 12), speed, occupancy, null),
                from + MIN);
    }

    @Test
    void raisesAfterTenCongestedMinutesThenClearsAfterFiveFree() throws Exception {
        for (int m = 0; m < 10; m++) {
            minute(m, 0.72, 8);
        }
        harness.processWatermark(T0 + 9 * MIN);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(T0 + 10 * MIN);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("traffic.congestion");
            assertThat(a.raisedAt()).isEqualTo(T0 + 10 * MIN);
            assertThat(a.evidence()).containsEntry("occupancy", 0.72);
        });
        for (int m = 10; m < 15; m++) {
            minute(m, 0.2, 35);
        }
        harness.processWatermark(T0 + 15 * MIN);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).status()).isEqualTo(AlertStatus.cleared);
    }

    @Test
    void slowSpeedAloneIsCongestion() throws Exception {
        for (int m = 0; m < 10; m++) {
            minute(m, 0.3, 9);
        }
        harness.processWatermark(T0 + 10 * MIN);
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void shuffledIntervalsGiveTheSameDecision() throws Exception {
        int[] order = {3, 0, 1, 2, 6, 4, 5, 9, 7, 8};
        for (int m : order) {
            minute(m, 0.8, 5);
        }
        harness.processWatermark(T0 + 10 * MIN);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.raisedAt())
                .isEqualTo(T0 + 10 * MIN));
    }
}
