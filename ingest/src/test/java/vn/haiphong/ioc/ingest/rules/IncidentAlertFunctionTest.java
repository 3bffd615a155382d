package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

class IncidentAlertFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long MIN = 60_000;

    private final Camera camera =
            ReferenceData.defaults().cameras(Camera.Kind.traffic).get(0);
    private KeyedBroadcastOperatorTestHarness<String, CameraDetection, RuleUpdate, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IncidentAlertFunction(RuleSet.defaults(), null),
                IncidentAlertFunction::key,
                Types.STRING,
                LiveRules.STATE);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void detect(String id, long at, String what, double confidence) throws Exception {
        harness.processElement(
                new CameraDetection(camera.id(), id, at, what, null, confidence, "http://snap/" + id + ".jpg", null),
                at);
    }

    @Test
    void raisesAnAccidentAlertAtOnceWithTheCameraAndItsArea() throws Exception {
        detect("d1", T0, "carAccident", 0.91);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("traffic.incident");
            assertThat(a.subCategory()).isEqualTo("carAccident");
            assertThat(a.severity()).isEqualTo(Severity.high);
            assertThat(a.entity().id()).isEqualTo(camera.id());
            assertThat(a.area()).isEqualTo(camera.area());
            assertThat(a.topic()).isEqualTo("ioc/v1/alert/traffic/" + camera.area());
            assertThat(a.title().vi()).startsWith("Tai nạn giao thông tại");
            assertThat(a.evidence()).containsEntry("confidence", 0.91).containsKey("snapshotUrl");
        });
    }

    @Test
    void repeatedDetectionsOfOneIncidentMakeOneAlert() throws Exception {
        detect("d1", T0, "fire", 0.8);
        detect("d2", T0 + 20_000, "fire", 0.95);
        detect("d3", T0 + 40_000, "fire", 0.9);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.severity())
                .isEqualTo(Severity.critical));
    }

    @Test
    void ignoresLowConfidenceAndNonIncidentDetections() throws Exception {
        detect("d1", T0, "carAccident", 0.69);
        detect("d2", T0, "illegalParking", 0.99);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void clearsThirtyMinutesAfterTheLastDetection() throws Exception {
        detect("d1", T0, "carAccident", 0.9);
        detect("d2", T0 + 10 * MIN, "carAccident", 0.9);
        harness.processWatermark(T0 + 31 * MIN);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.processWatermark(T0 + 40 * MIN);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).status()).isEqualTo(AlertStatus.cleared);
        assertThat(out.get(1).clearedAt()).isEqualTo(T0 + 40 * MIN);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void duplicatesAndOutOfOrderDetectionsRaiseOnceAndClearAtTheSameTime() throws Exception {
        detect("d2", T0 + 2 * MIN, "carAccident", 0.9);
        detect("d1", T0, "carAccident", 0.9); // older, within the out-of-orderness
        detect("d2", T0 + 2 * MIN, "carAccident", 0.9); // the same message again (at-least-once)
        detect("d3", T0 + MIN, "carAccident", 0.9);
        harness.processWatermark(T0 + 31 * MIN);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.processWatermark(T0 + 32 * MIN);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).clearedAt()).isEqualTo(T0 + 32 * MIN);
        assertThat(out.get(1).evidence()).containsEntry("lastDetection", T0 + 2 * MIN);
    }

    @Test
    void aDuplicateOrStragglerAfterTheClearDoesNotRaiseAgainButANewDetectionDoes() throws Exception {
        detect("d1", T0, "carAccident", 0.9);
        harness.processWatermark(T0 + 30 * MIN);
        assertThat(harness.extractOutputValues()).hasSize(2);
        detect("d1", T0, "carAccident", 0.9); // redelivered after the clear
        detect("d0", T0 + 5 * MIN, "carAccident", 0.9); // belonged to the cleared incident, arrives too late
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.getSideOutput(LiveRuleFunction.LATE)).hasSize(2);
        detect("d9", T0 + 45 * MIN, "carAccident", 0.9);
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(3);
        assertThat(out.get(2).status()).isEqualTo(AlertStatus.active);
        assertThat(out.get(2).alertId()).isNotEqualTo(out.get(0).alertId());
    }

    @Test
    void aLateDetectionOfANewIncidentIsCountedAndStillRaised() throws Exception {
        harness.processWatermark(T0 + 10 * MIN);
        detect("d1", T0, "flood", 0.8);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.raisedAt())
                .isEqualTo(T0));
        assertThat(harness.getSideOutput(LiveRuleFunction.LATE)).singleElement().satisfies(r -> {
            assertThat(r.getValue().rule).isEqualTo("traffic.incident");
            assertThat(r.getValue().eventTime).isEqualTo(T0);
        });
    }
}
