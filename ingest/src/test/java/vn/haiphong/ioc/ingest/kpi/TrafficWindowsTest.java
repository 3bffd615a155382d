package vn.haiphong.ioc.ingest.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

/** A traffic camera's 1- and 15-minute windows, their KPIs, and what happens to out-of-order and late readings. */
class TrafficWindowsTest {
    /** A multiple of 15 minutes, so both windows start here. */
    static final long T0 = 1_794_999_600_000L;

    static final Duration EARLY = Duration.ofSeconds(10);
    static final CameraKpis.Thresholds THRESHOLDS = CameraKpiStreams.thresholds(RuleSet.defaults());
    static final Camera CAMERA =
            ReferenceData.defaults().cameras(Camera.Kind.traffic).get(0);

    private KeyedOneInputStreamOperatorTestHarness<String, TrafficFlowObserved, CameraWindow> h;

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    static TrafficFlowObserved reading(String id, long to, Map<String, Integer> counts, Double speed, Double occ) {
        return new TrafficFlowObserved(CAMERA.id(), id, to - 10_000, to, counts, speed, occ, false);
    }

    @SuppressWarnings("unchecked")
    private void open(Duration size) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var windows = CameraKpiStreams.trafficWindows(
                env.fromData(reading("x", T0, Map.of("car", 1), 30.0, 0.1)),
                size,
                EARLY,
                LevelOfService.load(null),
                THRESHOLDS,
                null);
        var t = (OneInputTransformation<TrafficFlowObserved, CameraWindow>) windows.getTransformation();
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                t.getOperatorFactory(),
                (KeySelector<TrafficFlowObserved, String>) t.getStateKeySelector(),
                Types.STRING);
        h.open();
    }

    private void add(TrafficFlowObserved r) throws Exception {
        h.processElement(r, r.eventTime());
    }

    private CameraWindow last() {
        List<CameraWindow> out = h.extractOutputValues();
        assertThat(out).isNotEmpty();
        return out.get(out.size() - 1);
    }

    private static List<Kpi> kpis(CameraWindow w) {
        List<Kpi> out = new ArrayList<>();
        new CameraKpis(THRESHOLDS).flatMap(w, new ListCollector<>(out));
        return out;
    }

    private static Kpi kpi(List<Kpi> kpis, String name) {
        return kpis.stream()
                .filter(k -> k.kpi().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + kpis));
    }

    /** Three readings of the first minute, one of them out of order. */
    private void threeReadings() throws Exception {
        add(reading("r1", T0 + 20_000, Map.of("motorcycle", 30, "car", 10), 30.0, 0.20));
        add(reading("r3", T0 + 50_000, Map.of("motorcycle", 15, "bus", 5), 15.0, 0.35));
        h.processWatermark(T0 + 30_000);
        // r2 is older than r3 and arrives after it, still before the window closes.
        add(reading("r2", T0 + 35_000, Map.of("car", 20, "lorry", 10, "van", 5, "bicycle", 5), 24.0, 0.30));
    }

    @Test
    void threeReadingsGiveTheVehicleSumTheVehicleWeightedSpeedAndLevelOfServiceD() throws Exception {
        open(Duration.ofMinutes(1));
        threeReadings();
        h.processWatermark(T0 + 59_999);

        CameraWindow w = last();
        assertThat(w.complete).isTrue();
        assertThat(w.area).isEqualTo(CAMERA.area());
        List<Kpi> kpis = kpis(w);
        Kpi vehicles = kpi(kpis, "traffic-vehicles-1m");
        assertThat(vehicles.value()).isEqualTo(100);
        assertThat(vehicles.unit()).isEqualTo("vehicles");
        assertThat(vehicles.complete()).isTrue();
        assertThat(vehicles.topic()).isEqualTo("ioc/v1/kpi/traffic-vehicles-1m/camera/" + CAMERA.id());
        assertThat(vehicles.windowStart()).isEqualTo(T0);
        assertThat(vehicles.windowEnd()).isEqualTo(T0 + 60_000);
        assertThat(vehicles.breakdown())
                .containsExactly(
                        entry("motorcycle", 45.0),
                        entry("car", 30.0),
                        entry("bus", 5.0),
                        entry("lorry", 10.0),
                        entry("van", 5.0),
                        entry("bicycle", 5.0));
        // (30 × 40 + 24 × 40 + 15 × 20) / 100, not the plain mean of the three speeds (23).
        assertThat(kpi(kpis, "traffic-speed-1m").value()).isCloseTo(24.6, within(1e-9));
        assertThat(kpi(kpis, "traffic-speed-1m").unit()).isEqualTo("km/h");
        Kpi occupancy = kpi(kpis, "traffic-occupancy-1m");
        assertThat(occupancy.value()).isCloseTo(0.85 / 3, within(1e-9));
        assertThat(occupancy.unit()).isEqualTo("ratio");
        assertThat(occupancy.target()).isEqualTo(0.6);
        // 24.6 km/h is D by speed (above 22), occupancy 0.28 only C: the worse of the two.
        Kpi los = kpi(kpis, "traffic-los-1m");
        assertThat(los.value()).isEqualTo(4);
        assertThat(LevelOfService.letter((int) los.value())).isEqualTo("D");
        assertThat(los.unit()).isEqualTo("LOS");
        // The older name of the 1-minute count, still published.
        assertThat(kpi(kpis, "vehicles-per-minute").value()).isEqualTo(100);
        assertThat(h.getSideOutput(CameraKpiStreams.LATE_TRAFFIC)).isNull();
    }

    @Test
    void publishesEarlyReadingsWhileTheWindowIsOpen() throws Exception {
        open(Duration.ofMinutes(15));
        add(reading("r1", T0 + 20_000, Map.of("motorcycle", 30, "car", 10), 30.0, 0.20));
        h.processWatermark(T0 + 30_000);

        CameraWindow early = last();
        assertThat(early.complete).isFalse();
        assertThat(early.vehicles).isEqualTo(40);
        assertThat(early.updatedAt).isEqualTo(T0 + 30_000);
        assertThat(kpi(kpis(early), "traffic-vehicles-15m").complete()).isFalse();
        assertThat(kpis(early)).noneMatch(k -> k.kpi().equals("vehicles-per-minute"));

        add(reading("r2", T0 + 5 * 60_000, Map.of("car", 60), 40.0, 0.10));
        h.processWatermark(T0 + 5 * 60_000 + 10_000);
        assertThat(last().vehicles).isEqualTo(100);
        assertThat(last().complete).isFalse();

        h.processWatermark(T0 + 15 * 60_000 - 1);
        assertThat(last().complete).isTrue();
        assertThat(last().vehicles).isEqualTo(100);
        assertThat(kpi(kpis(last()), "traffic-vehicles-15m").windowEnd()).isEqualTo(T0 + 15 * 60_000);
    }

    @Test
    void aLateReadingWithinTheAllowedLatenessCorrectsTheCompleteValue() throws Exception {
        open(Duration.ofMinutes(1));
        threeReadings();
        h.processWatermark(T0 + 70_000);
        assertThat(last().vehicles).isEqualTo(100);

        add(reading("r4", T0 + 40_000, Map.of("car", 8), 20.0, 0.3));

        assertThat(last().complete).isTrue();
        assertThat(last().vehicles).isEqualTo(108);
        assertThat(h.getSideOutput(CameraKpiStreams.LATE_TRAFFIC)).isNull();
    }

    @Test
    void aReadingLaterThanTheAllowedLatenessLeavesOnTheLateOutputNotSilently() throws Exception {
        open(Duration.ofMinutes(1));
        threeReadings();
        h.processWatermark(T0 + 60_000 + CameraKpiStreams.ALLOWED_LATENESS.toMillis());
        int published = h.extractOutputValues().size();

        add(reading("r5", T0 + 40_000, Map.of("car", 8), 20.0, 0.3));

        assertThat(h.extractOutputValues()).hasSize(published);
        assertThat(h.getSideOutput(CameraKpiStreams.LATE_TRAFFIC))
                .singleElement()
                .satisfies(r -> assertThat(r.getValue().id()).isEqualTo("r5"));
    }

    @Test
    void aSlowOrFullRoadIsCongestedAndSoIsOneTheCameraSaysIs() throws Exception {
        open(Duration.ofMinutes(1));
        add(reading("slow", T0 + 10_000, Map.of("car", 4), 8.0, 0.3));
        add(new TrafficFlowObserved(CAMERA.id() + "-b", "said", T0, T0 + 10_000, Map.of("car", 9), 35.0, 0.2, true));
        add(new TrafficFlowObserved(CAMERA.id() + "-c", "free", T0, T0 + 10_000, Map.of("car", 9), 35.0, 0.2, null));
        h.processWatermark(T0 + 59_999);

        assertThat(h.extractOutputValues())
                .filteredOn(w -> w.complete)
                .extracting(w -> w.cameraId + "=" + w.congested)
                .containsExactlyInAnyOrder(CAMERA.id() + "=true", CAMERA.id() + "-b=true", CAMERA.id() + "-c=false");
    }

    @Test
    void aWindowWithNoSpeedHasNoSpeedKpiButStillCountsAndRatesByOccupancy() throws Exception {
        open(Duration.ofMinutes(1));
        add(reading("jam", T0 + 10_000, Map.of("car", 0), null, 0.8));
        h.processWatermark(T0 + 59_999);

        List<Kpi> kpis = kpis(last());
        assertThat(kpis).noneMatch(k -> k.kpi().equals("traffic-speed-1m"));
        assertThat(kpi(kpis, "traffic-vehicles-1m").value()).isZero();
        assertThat(LevelOfService.letter((int) kpi(kpis, "traffic-los-1m").value()))
                .isEqualTo("F");
        assertThat(last().congested).isTrue();
    }

    @Test
    void aWatermarkThatJumpsPastTheEndPublishesTheWindowOnceNotOncePerStep() throws Exception {
        open(Duration.ofMinutes(15));
        add(reading("r1", T0 + 20_000, Map.of("car", 12), 30.0, 0.20));
        // A backlog's end or a quiet feed's wall-clock floor: 90 early steps passed at once.
        h.processWatermark(T0 + 20 * 60_000);

        assertThat(h.extractOutputValues()).singleElement().satisfies(w -> {
            assertThat(w.complete).isTrue();
            assertThat(w.vehicles).isEqualTo(12);
        });
    }

    @Test
    void aFifteenMinuteWindowPublishesEarlyOnceAMinuteAndAOneMinuteWindowEveryTenSeconds() {
        Duration tenSeconds = Duration.ofSeconds(10);
        assertThat(CameraKpiStreams.earlyFor(Duration.ofMinutes(15), tenSeconds))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(CameraKpiStreams.earlyFor(Duration.ofMinutes(1), tenSeconds)).isEqualTo(tenSeconds);
    }

    @Test
    void theWindowStateAndTheWindowResultsAreFlinkPojosNotKryo() {
        // The sums are the windows' state in every checkpoint; the results cross the network to the aggregates.
        for (Class<?> type :
                List.of(TrafficWindows.Sums.class, DeskWindows.Sums.class, CameraWindow.class, ScopedWindow.class)) {
            assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(type))
                    .as(type.getSimpleName())
                    .isExactlyInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
        }
    }
}
