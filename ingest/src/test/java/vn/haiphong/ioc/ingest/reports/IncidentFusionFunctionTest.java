package vn.haiphong.ioc.ingest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

class IncidentFusionFunctionTest {
    static final long T0 = 1_795_000_000_000L;
    static final long MIN = 60_000L;
    static final Camera CAMERA =
            ReferenceData.defaults().cameras(Camera.Kind.traffic).get(0);

    private KeyedTwoInputStreamOperatorTestHarness<String, CameraDetection, ReportFact, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new IncidentFusionFunction(RuleSet.defaults(), null),
                IncidentFusionFunction::key,
                (ReportFact f) -> f.fusionCategory,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void detection(String id, long at) throws Exception {
        harness.processElement1(new CameraDetection(CAMERA.id(), id, at, "flood", null, 0.9, null, null), at);
    }

    /** A flooding report {@code metres} north of the camera. */
    private void report(String id, double metres, long at) throws Exception {
        ReportFact f = new ReportFact(ReportFact.RECEIVED, id, "flooding", CAMERA.area(), at);
        f.lat = CAMERA.lat() + metres / Grid.M_PER_DEG_LAT;
        f.lon = CAMERA.lon();
        f.fusionCategory = "flood";
        harness.processElement2(f, at);
    }

    private List<ReportMark> marks() {
        ConcurrentLinkedQueue<StreamRecord<ReportMark>> q = harness.getSideOutput(IncidentFusionFunction.MARKS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aDetectionAndAReport250MetresAnd20MinutesApartAreOneIncident() throws Exception {
        report("r1", 250, T0 + 20 * MIN); // the report arrives first, the camera saw it 20 min earlier
        detection("d1", T0);
        detection("d2", T0 + 5 * MIN); // the same camera again
        harness.processBothWatermarks(new Watermark(T0 + 25 * MIN));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("incident.fused");
            assertThat(a.domain()).isEqualTo("incident");
            assertThat(a.site()).isEqualTo(CAMERA.area());
            assertThat(a.topic()).isEqualTo("ioc/v1/alert/incident/" + CAMERA.area());
            assertThat(a.subCategory()).isEqualTo("flood");
            assertThat(a.evidence().get("sources"))
                    .asList()
                    .hasSize(2)
                    .satisfiesExactlyInAnyOrder(
                            s -> assertThat(asMap(s))
                                    .containsEntry("type", "camera")
                                    .containsEntry("id", CAMERA.id())
                                    .containsEntry("confidence", 0.9)
                                    .containsKey("at"),
                            s -> assertThat(asMap(s))
                                    .containsEntry("type", "report")
                                    .containsEntry("id", "r1")
                                    .containsKey("at"));
        });
        String id = harness.extractOutputValues().get(0).alertId();
        assertThat(marks()).singleElement().satisfies(m -> {
            assertThat(m.serviceRequestId).isEqualTo("r1");
            assertThat(m.value).isEqualTo(id);
        });

        report("r2", -100, T0 + 26 * MIN);
        harness.processBothWatermarks(new Watermark(T0 + 26 * MIN));
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).alertId()).isEqualTo(id);
        assertThat(out.get(1).evidence()).containsEntry("reportCount", 2L);

        harness.processBothWatermarks(new Watermark(T0 + 26 * MIN + 60 * MIN));
        assertThat(harness.extractOutputValues().get(2).status()).isEqualTo(AlertStatus.cleared);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aReport400MetresAwayIsNotFused() throws Exception {
        detection("d1", T0);
        report("r1", 400, T0 + 5 * MIN);
        harness.processBothWatermarks(new Watermark(T0 + 40 * MIN));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(marks()).isEmpty();
    }

    @Test
    void aReportMoreThan30MinutesAfterTheDetectionIsNotFused() throws Exception {
        detection("d1", T0);
        report("r1", 50, T0 + 31 * MIN);
        harness.processBothWatermarks(new Watermark(T0 + 40 * MIN));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
