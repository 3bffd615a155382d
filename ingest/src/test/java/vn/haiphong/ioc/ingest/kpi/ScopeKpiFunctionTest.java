package vn.haiphong.ioc.ingest.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Kpi;

/** Area and city KPIs from the cameras' windows: sums, weighted means, congested share, desks over threshold. */
class ScopeKpiFunctionTest {
    private static final long T0 = TrafficWindowsTest.T0;
    private static final long END = T0 + 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, ScopedWindow, Kpi> h;

    @BeforeEach
    void open() throws Exception {
        h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ScopeKpiFunction(
                        Duration.ofSeconds(10),
                        CameraKpiStreams.ALLOWED_LATENESS,
                        LevelOfService.load(null),
                        TrafficWindowsTest.THRESHOLDS),
                ScopedWindow::key,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static CameraWindow traffic(String id, long vehicles, double speed, double occupancy, boolean congested) {
        CameraWindow w = new CameraWindow();
        w.cameraId = id;
        w.area = "303";
        w.windowStart = T0;
        w.windowEnd = END;
        w.vehicles = vehicles;
        w.vehiclesByType = new long[] {vehicles - 10, 10, 0, 0, 0, 0};
        w.speed = speed;
        w.speedWeight = vehicles;
        w.occupancy = occupancy;
        w.congested = congested;
        return w;
    }

    private static CameraWindow desk(String id, boolean over) {
        CameraWindow w = new CameraWindow();
        w.cameraId = id;
        w.desk = true;
        w.windowStart = T0;
        w.windowEnd = END;
        w.overThreshold = over;
        return w;
    }

    private void add(CameraWindow w) throws Exception {
        List<ScopedWindow> scoped = new java.util.ArrayList<>();
        new ScopedWindow.FanOut().flatMap(w, new org.apache.flink.api.common.functions.util.ListCollector<>(scoped));
        for (ScopedWindow s : scoped) {
            h.processElement(s, w.windowEnd - 1);
        }
    }

    private Kpi last(String kpi, String scopeType, String scopeId) {
        List<Kpi> out = h.extractOutputValues();
        for (int i = out.size() - 1; i >= 0; i--) {
            Kpi k = out.get(i);
            if (k.kpi().equals(kpi)
                    && k.scopeType().equals(scopeType)
                    && k.scopeId().equals(scopeId)) {
                return k;
            }
        }
        throw new AssertionError("no " + kpi + " of " + scopeType + "/" + scopeId + " in " + out);
    }

    @Test
    void twoOfFourCamerasCongestedIsHalfTheAreaAndTheAreaSumsAndWeighsTheRest() throws Exception {
        h.processWatermark(T0 + 5_000);
        add(traffic("tc-a", 100, 35, 0.2, false));
        add(traffic("tc-b", 60, 8, 0.7, true));
        add(traffic("tc-c", 20, 5, 0.8, true));
        add(traffic("tc-d", 20, 40, 0.1, false));
        h.processWatermark(END - 1);

        Kpi share = last("traffic-congested-share-1m", "area", "303");
        assertThat(share.value()).isEqualTo(50.0);
        assertThat(share.unit()).isEqualTo("%");
        assertThat(share.complete()).isTrue();
        assertThat(share.topic()).isEqualTo("ioc/v1/kpi/traffic-congested-share-1m/area/303");
        Kpi vehicles = last("traffic-vehicles-1m", "area", "303");
        assertThat(vehicles.value()).isEqualTo(200);
        assertThat(vehicles.breakdown()).containsEntry("motorcycle", 160.0).containsEntry("car", 40.0);
        // (35 × 100 + 8 × 60 + 5 × 20 + 40 × 20) / 200
        assertThat(last("traffic-speed-1m", "area", "303").value()).isCloseTo(24.4, within(1e-9));
        assertThat(last("traffic-occupancy-1m", "area", "303").value()).isCloseTo(0.45, within(1e-9));
        // 24.4 km/h is D, occupancy 0.45 is E: E.
        assertThat(LevelOfService.letter(
                        (int) last("traffic-los-1m", "area", "303").value()))
                .isEqualTo("E");
        assertThat(last("traffic-congested-share-1m", "city", "haiphong").value())
                .isEqualTo(50.0);
    }

    @Test
    void aFifteenMinuteAreaWindowPublishesItsEarlyValueOnceAMinuteNotEveryStep() throws Exception {
        long start = T0;
        CameraWindow w = traffic("tc-a", 100, 35, 0.2, false);
        w.windowStart = start;
        w.windowEnd = start + 15 * 60_000;
        h.processWatermark(start + 5_000);
        add(w);
        h.processWatermark(start + 50_000); // past the 10-second steps, before the first minute
        assertThat(h.extractOutputValues())
                .filteredOn(k -> k.kpi().equals("traffic-vehicles-15m"))
                .isEmpty();
        h.processWatermark(start + 60_000);
        assertThat(h.extractOutputValues())
                .filteredOn(k ->
                        k.kpi().equals("traffic-vehicles-15m") && k.scopeType().equals("area"))
                .singleElement()
                .satisfies(k -> assertThat(k.complete()).isFalse());
    }

    @Test
    void publishesEarlyAtEachStepOnceAndCompleteAtTheEnd() throws Exception {
        h.processWatermark(T0 + 5_000);
        add(traffic("tc-a", 100, 35, 0.2, false));
        add(traffic("tc-b", 60, 8, 0.7, true));
        h.processWatermark(T0 + 10_000);

        List<Kpi> early = h.extractOutputValues();
        assertThat(early)
                .filteredOn(k -> k.kpi().equals("traffic-congested-share-1m")
                        && k.scopeType().equals("area"))
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.complete()).isFalse();
                    assertThat(k.updatedAt()).isEqualTo(T0 + 10_000);
                });
        assertThat(early).allMatch(k -> !k.complete());

        h.processWatermark(T0 + 15_000); // nothing new: no new message
        assertThat(h.extractOutputValues()).hasSize(early.size());

        add(traffic("tc-c", 20, 5, 0.8, true));
        h.processWatermark(END - 1);
        assertThat(last("traffic-congested-share-1m", "area", "303").complete()).isTrue();
        assertThat(last("traffic-congested-share-1m", "area", "303").value()).isCloseTo(200.0 / 3, within(1e-9));
    }

    @Test
    void aLateCameraUpdateRepublishesTheClosedWindowAndTheStateGoesAfterTheLateness() throws Exception {
        add(traffic("tc-a", 100, 35, 0.2, false));
        add(traffic("tc-b", 60, 8, 0.7, true));
        h.processWatermark(END + 5_000);
        assertThat(last("traffic-congested-share-1m", "area", "303").value()).isEqualTo(50.0);

        add(traffic("tc-a", 110, 9, 0.6, true)); // the camera's late firing: now congested too

        assertThat(last("traffic-congested-share-1m", "area", "303").value()).isEqualTo(100.0);
        assertThat(last("traffic-congested-share-1m", "area", "303").complete()).isTrue();
        h.processWatermark(END + CameraKpiStreams.ALLOWED_LATENESS.toMillis() + 1);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void theCityCountsItsDesksOverThreshold() throws Exception {
        add(desk("dk-1", true));
        add(desk("dk-2", false));
        add(desk("dk-3", true));
        h.processWatermark(END - 1);

        Kpi desks = last("desks-over-threshold-1m", "city", "haiphong");
        assertThat(desks.value()).isEqualTo(2);
        assertThat(desks.unit()).isEqualTo("desks");
        assertThat(desks.topic()).isEqualTo("ioc/v1/kpi/desks-over-threshold-1m/city/haiphong");
        // No traffic camera reported: no congested share, rather than a share of nothing.
        assertThat(h.extractOutputValues()).noneMatch(k -> k.kpi().startsWith("traffic-"));
    }
}
