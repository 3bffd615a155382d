package vn.haiphong.ioc.ingest.vessel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.core.ref.ReferenceData;

class VesselPublisherTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long MMSI = 574_123_456L;
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final PortAsset TAN_VU_BERTH_1 =
            REF.portAsset("tan-vu", "berth", "berth-1").orElseThrow();

    private final VesselAreas.Positions areas = new VesselAreas.Positions(null);
    private KeyedOneInputStreamOperatorTestHarness<String, VesselSignal, VesselUpdate> h;

    @BeforeEach
    void open() throws Exception {
        h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                VesselPublisher.defaults(), VesselSignal::key, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** Sends an AIS position through the area split, as the pipeline does; returns the signals it made. */
    private List<VesselSignal> ais(long t, double lat, double lon, Double sog, Integer heading, int status)
            throws Exception {
        List<VesselSignal> signals = new ArrayList<>();
        areas.flatMap(
                new AisPosition("tan-vu", "ais", "ais-1", "a" + t, t, MMSI, lat, lon, sog, 120.0, heading, status),
                new ListCollector<>(signals));
        for (VesselSignal s : signals) {
            h.processElement(s, t);
        }
        return signals;
    }

    private List<VesselUpdate> out() {
        return h.extractOutputValues();
    }

    @Test
    void aPositionBelongsToTheNearestPortWhoseAreaHoldsIt() {
        List<Port> ports = List.copyOf(REF.ports());
        // Tân Vũ's berth 1 lies inside Đình Vũ's area too; it is Tân Vũ's, the nearer.
        assertThat(VesselAreas.portOf(ports, TAN_VU_BERTH_1.position()).id()).isEqualTo("tan-vu");
        assertThat(VesselAreas.portOf(
                                ports,
                                REF.portAsset("dinh-vu", "berth", "berth-2")
                                        .orElseThrow()
                                        .position())
                        .id())
                .isEqualTo("dinh-vu");
        // The anchorage off Hòn Dấu belongs to no port.
        assertThat(VesselAreas.portOf(ports, new vn.haiphong.ioc.core.geo.GeoPoint(20.64, 106.985)))
                .isNull();
    }

    @Test
    void publishesAVesselInsideTheAreaAtMostEveryTenSecondsWithTheNewestPosition() throws Exception {
        List<VesselSignal> first = ais(T0, 20.83, 106.79, 6.2, 300, 0);
        assertThat(first).filteredOn(s -> s.inside).singleElement().satisfies(s -> assertThat(s.portId)
                .isEqualTo("tan-vu"));
        assertThat(out()).singleElement().satisfies(u -> {
            assertThat(u.portId).isEqualTo("tan-vu");
            assertThat(u.position.topic(u.portId)).isEqualTo("ioc/v1/vessel/tan-vu/" + MMSI);
            assertThat(u.position.atBerth()).isFalse();
            assertThat(u.position.heading()).isEqualTo(300);
        });
        ais(T0 + 3_000, 20.831, 106.789, 6.0, 301, 0);
        ais(T0 + 6_000, 20.832, 106.788, 5.8, null, 0); // heading "not available": absent, not 511
        assertThat(out()).hasSize(1);
        h.processWatermark(T0 + 10_000);
        assertThat(out()).hasSize(2).last().satisfies(u -> {
            assertThat(u.position.lat()).isEqualTo(20.832);
            assertThat(u.position.heading()).isNull();
            assertThat(u.position.updatedAt()).isEqualTo(T0 + 6_000);
        });
        // An older position arriving late is not published.
        ais(T0 + 1_000, 20.9, 106.7, 1.0, 1, 0);
        h.processWatermark(T0 + 30_000);
        assertThat(out()).hasSize(2);
    }

    @Test
    void aBerthArrivalMarksItAtBerthAndLeavingTheAreaClearsTheRetainedMessage() throws Exception {
        ais(T0, TAN_VU_BERTH_1.lat(), TAN_VU_BERTH_1.lon(), 0.3, 90, 0);
        List<VesselSignal> berth = new ArrayList<>();
        new VesselAreas.Berths()
                .flatMap(
                        new BerthEvent(
                                "tan-vu",
                                "berth",
                                "berth-1",
                                "b1",
                                T0 + 20_000,
                                MMSI,
                                9_312_345L,
                                "Cat Ba Trader",
                                "ARRI",
                                "ACT"),
                        new ListCollector<>(berth));
        h.processElement(berth.get(0), T0 + 20_000);
        assertThat(out()).hasSize(2).last().satisfies(u -> {
            assertThat(u.position.atBerth()).isTrue();
            assertThat(u.position.name()).isEqualTo("Cat Ba Trader");
        });
        // It sails out of Tân Vũ's area (3 km south-east): the retained message is cleared and no state is left.
        List<VesselSignal> away = ais(T0 + 3_600_000L, 20.815, 106.80, 9.0, 140, 0);
        assertThat(away)
                .filteredOn(s -> s.portId.equals("tan-vu"))
                .singleElement()
                .satisfies(s -> assertThat(s.inside).isFalse());
        assertThat(out()).hasSize(3).last().satisfies(u -> {
            assertThat(u.gone()).isTrue();
            assertThat(u.portId).isEqualTo("tan-vu");
        });
        h.processWatermark(T0 + 10 * 3_600_000L);
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void mooredStatusIsAtBerthAndThirtyMinutesOfSilenceClearsTheVessel() throws Exception {
        ais(T0, TAN_VU_BERTH_1.lat(), TAN_VU_BERTH_1.lon(), 0.0, 90, 5);
        assertThat(out()).singleElement().satisfies(u -> assertThat(u.position.atBerth())
                .isTrue());
        h.processWatermark(T0 + 29 * 60_000L);
        assertThat(out()).hasSize(1);
        h.processWatermark(T0 + 30 * 60_000L);
        assertThat(out()).hasSize(2).last().satisfies(u -> assertThat(u.gone()).isTrue());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
