package vn.haiphong.ioc.ingest.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.rules.RuleSet;

class ReportClusterFunctionTest {
    static final long T0 = 1_795_000_000_000L;
    static final long MIN = 60_000L;
    /** Cầu Rào, Lê Chân. */
    static final double LAT = 20.8280;

    static final double LON = 106.6830;

    private KeyedOneInputStreamOperatorTestHarness<String, ReportFact, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ReportClusterFunction(RuleSet.defaults(), null), (ReportFact f) -> f.serviceCode, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static double north(double metres) {
        return LAT + metres / Grid.M_PER_DEG_LAT;
    }

    static double east(double metres) {
        return LON + metres / Grid.M_PER_DEG_LON;
    }

    static ReportFact received(String id, String code, double lat, double lon, long at) {
        ReportFact f = new ReportFact(ReportFact.RECEIVED, id, code, "304", at);
        f.lat = lat;
        f.lon = lon;
        return f;
    }

    private void report(String id, double lat, double lon, long at) throws Exception {
        harness.processElement(received(id, "flooding", lat, lon, at), at);
    }

    private List<ReportMark> marks() {
        ConcurrentLinkedQueue<StreamRecord<ReportMark>> q = harness.getSideOutput(ReportClusterFunction.MARKS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void fiveReportsWithin500MetresAndAnHourMakeOneHotspotThatGrowsAndClears() throws Exception {
        // out of order: the 4th arrives first
        report("r4", north(-200), east(100), T0 + 30 * MIN);
        report("r1", north(0), east(0), T0);
        report("r2", north(150), east(0), T0 + 10 * MIN);
        report("r3", north(0), east(180), T0 + 20 * MIN);
        report("far", north(600), east(600), T0 + 25 * MIN); // ~850 m away: not part of it
        harness.processWatermark(new Watermark(T0 + 40 * MIN));
        assertThat(harness.extractOutputValues()).isEmpty();

        report("r5", north(100), east(-120), T0 + 45 * MIN);
        harness.processWatermark(new Watermark(T0 + 45 * MIN));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("report.hotspot");
            assertThat(a.status()).isEqualTo(AlertStatus.active);
            assertThat(a.evidence()).containsEntry("count", 5);
            assertThat(a.evidence().get("reports")).asList().containsExactly("r1", "r2", "r3", "r4", "r5");
            Polygon outline = polygon(a.evidence().get("outline"));
            GeometryFactory g = new GeometryFactory();
            for (double[] p : new double[][] {
                {north(0), east(0)},
                {north(150), east(0)},
                {north(0), east(180)},
                {north(-200), east(100)},
                {north(100), east(-120)}
            }) {
                assertThat(outline.contains(g.createPoint(new Coordinate(p[1], p[0]))))
                        .isTrue();
            }
            assertThat(outline.contains(g.createPoint(new Coordinate(east(600), north(600)))))
                    .isFalse();
        });
        String id = harness.extractOutputValues().get(0).alertId();
        assertThat(marks()).filteredOn(m -> m.kind.equals(ReportMark.HOTSPOT)).hasSize(5);

        report("r6", north(50), east(50), T0 + 50 * MIN);
        harness.processWatermark(new Watermark(T0 + 50 * MIN));
        List<Alert> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).alertId()).isEqualTo(id);
        assertThat(out.get(1).seq()).isEqualTo(2);
        assertThat(out.get(1).evidence()).containsEntry("count", 6);

        // r1 and r2 leave the hour's window at T0+60 and T0+70: 4 remain, the hotspot clears
        harness.processWatermark(new Watermark(T0 + 70 * MIN));
        Alert last =
                harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(last.alertId()).isEqualTo(id);
        assertThat(last.status()).isEqualTo(AlertStatus.cleared);
    }

    @Test
    void reportsSixHundredMetresApartDoNotMakeAHotspot() throws Exception {
        for (int i = 0; i < 6; i++) {
            report("r" + i, north(600 * i), east(0), T0 + i * MIN);
        }
        harness.processWatermark(new Watermark(T0 + 30 * MIN));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void reportsOfOtherServicesDoNotCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            report("r" + i, north(10 * i), east(0), T0 + i * MIN);
        }
        harness.processElement(received("w", "waste", north(5), east(5), T0 + 5 * MIN), T0 + 5 * MIN);
        harness.processWatermark(new Watermark(T0 + 30 * MIN));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void marksALaterReportWithin50MetresAndTwoHoursOfAnOpenOneAsItsLikelyDuplicate() throws Exception {
        report("b", north(30), east(0), T0 + 90 * MIN); // arrives first, filed later
        report("a", north(0), east(0), T0);
        report("c", north(0), east(80), T0 + 100 * MIN); // 80 m: not a duplicate
        report("d", north(0), east(0), T0 + 130 * MIN); // 2 h 10 min after a, but 40 min after b
        harness.processWatermark(new Watermark(T0 + 200 * MIN));
        assertThat(marks())
                .filteredOn(m -> m.kind.equals(ReportMark.DUPLICATE_OF))
                .extracting(m -> m.serviceRequestId + "->" + m.value)
                .containsExactlyInAnyOrder("b->a", "d->a");
    }

    @Test
    void aReportClosedBeforeTheNewOneIsNotItsOriginal() throws Exception {
        report("a", north(0), east(0), T0);
        ReportFact closed = new ReportFact(ReportFact.BACKLOG, "a", "flooding", "304", T0 + 10 * MIN);
        closed.delta = -1;
        harness.processElement(closed, T0 + 10 * MIN);
        report("b", north(10), east(0), T0 + 20 * MIN);
        harness.processWatermark(new Watermark(T0 + 60 * MIN));
        assertThat(marks())
                .filteredOn(m -> m.kind.equals(ReportMark.DUPLICATE_OF))
                .isEmpty();
    }

    @Test
    void keepsNothingOnceTheWindowsHavePassed() throws Exception {
        for (int i = 0; i < 5; i++) {
            report("r" + i, north(10 * i), east(0), T0 + i * MIN);
        }
        harness.processWatermark(new Watermark(T0 + 10 * MIN));
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        harness.processWatermark(new Watermark(T0 + 5 * 60 * MIN));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @SuppressWarnings("unchecked")
    static Polygon polygon(Object geoJson) {
        Map<String, Object> g = (Map<String, Object>) geoJson;
        assertThat(g).containsEntry("type", "Polygon");
        List<List<List<Double>>> rings = (List<List<List<Double>>>) g.get("coordinates");
        Coordinate[] ring = rings.get(0).stream()
                .map(c -> new Coordinate(c.get(0), c.get(1)))
                .toArray(Coordinate[]::new);
        return new GeometryFactory().createPolygon(ring);
    }
}
