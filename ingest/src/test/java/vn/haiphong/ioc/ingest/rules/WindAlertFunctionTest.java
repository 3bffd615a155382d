package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

class WindAlertFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long MIN = 60_000;
    private static final RuleSet RULES = RuleSet.defaults();

    private final String station = ReferenceData.defaults().port("tan-vu").orElseThrow().assets().stream()
            .filter(a -> a.type().equals("met"))
            .findFirst()
            .orElseThrow()
            .id();
    private KeyedOneInputStreamOperatorTestHarness<String, GustReading, Alert> harness;

    private KeyedOneInputStreamOperatorTestHarness<String, GustReading, Alert> open(String ruleId) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SustainedAlertFunction<>(
                        new WindRule(ruleId, RULES.rule(ruleId), null),
                        RULES.rule(ruleId),
                        TypeInformation.of(GustReading.class),
                        Duration.ofMinutes(15)),
                GustReading::assetKey,
                Types.STRING);
        return harness;
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void gust(long at, double mps) throws Exception {
        harness.processElement(new GustReading("tan-vu", "met", station, at, mps), at);
    }

    @Test
    void raisesTheWarningAtFifteenAndNamesThePortInBothLanguages() throws Exception {
        open("port.wind.warning");
        gust(T0, 12.0);
        gust(T0 + 10_000, 15.4);
        harness.processWatermark(T0 + 20_000);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        Alert a = out.get(0);
        assertThat(a.status()).isEqualTo(AlertStatus.active);
        assertThat(a.severity()).isEqualTo(Severity.high);
        assertThat(a.site()).isEqualTo("tan-vu");
        assertThat(a.topic()).isEqualTo("ioc/v1/alert/port/tan-vu");
        assertThat(a.raisedAt()).isEqualTo(T0 + 10_000);
        assertThat(a.title().vi()).contains("Cảng Tân Vũ");
        assertThat(a.title().en()).contains("Tan Vu");
        assertThat(a.evidence()).containsEntry("gustSpeed", 15.4);
    }

    @Test
    void raisesStopWorkAlertWhenGustReachesTwenty() throws Exception {
        open("port.wind.stop-work");
        gust(T0, 19.9);
        harness.processWatermark(T0);
        assertThat(harness.extractOutputValues()).isEmpty();
        gust(T0 + 5_000, 20.0);
        harness.processWatermark(T0 + 5_000);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.critical);
            assertThat(a.rule()).isEqualTo("port.wind.stop-work");
        });
    }

    @Test
    void clearsOnlyBelowHysteresisAfterTenMinutes() throws Exception {
        open("port.wind.warning");
        gust(T0, 16);
        // 14 m/s is under the warning level but above 13: the warning holds
        for (int m = 1; m <= 12; m++) {
            gust(T0 + m * MIN, 14);
        }
        // below 13 from minute 13; cleared at minute 23
        for (int m = 13; m <= 23; m++) {
            gust(T0 + m * MIN, 11);
        }
        harness.processWatermark(T0 + 22 * MIN);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.processWatermark(T0 + 23 * MIN);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        Alert cleared = out.get(1);
        assertThat(cleared.status()).isEqualTo(AlertStatus.cleared);
        assertThat(cleared.alertId()).isEqualTo(out.get(0).alertId());
        assertThat(cleared.seq()).isGreaterThan(out.get(0).seq());
        assertThat(cleared.clearedAt()).isEqualTo(T0 + 23 * MIN);
    }

    @Test
    void decidesOutOfOrderReadingsInEventTimeOrder() throws Exception {
        open("port.wind.warning");
        // The gust at T0+1m arrives after later calm readings; in event time it still came first and raises.
        gust(T0 + 2 * MIN, 8);
        gust(T0 + 3 * MIN, 8);
        gust(T0 + MIN, 17);
        harness.processWatermark(T0 + 3 * MIN);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(a -> assertThat(a.raisedAt()).isEqualTo(T0 + MIN));
    }

    @Test
    void countsAReadingOlderThanTheDecisionsMadeAsLateInsteadOfRedeciding() throws Exception {
        open("port.wind.warning");
        gust(T0 + 5 * MIN, 9);
        harness.processWatermark(T0 + 6 * MIN);
        gust(T0 + MIN, 30); // far behind the watermark and behind what was decided
        harness.processWatermark(T0 + 7 * MIN);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void theSameRaiseGivesTheSameAlertIdAfterARestart() throws Exception {
        open("port.wind.warning");
        gust(T0, 16);
        harness.processWatermark(T0);
        String first = harness.extractOutputValues().get(0).alertId();
        harness.close();
        open("port.wind.warning");
        gust(T0, 16);
        harness.processWatermark(T0);
        assertThat(harness.extractOutputValues().get(0).alertId()).isEqualTo(first);
    }
}
