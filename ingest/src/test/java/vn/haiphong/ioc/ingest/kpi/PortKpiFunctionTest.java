package vn.haiphong.ioc.ingest.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.ingest.vessel.VesselUpdate;

class PortKpiFunctionTest {
    private static final long T0 = 1_795_000_000_000L; // a multiple of 10 s
    private static final long MIN = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, PortFact, Kpi> h;

    @BeforeEach
    void open() throws Exception {
        h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new PortKpiFunction(Duration.ofSeconds(10), null, 45, 85), f -> f.portId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void fact(PortFact f) throws Exception {
        h.processElement(f, f.time);
    }

    private static CraneTelemetry crane(String id, long t, String state, int moves) {
        return new CraneTelemetry("tan-vu", id.substring(0, 3), id, id + t, t, state, moves, 5.0, 0.0);
    }

    private double last(String kpi) {
        List<Kpi> out = h.extractOutputValues();
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.get(i).kpi().equals(kpi)) {
                assertThat(out.get(i).scopeType()).isEqualTo("port");
                assertThat(out.get(i).scopeId()).isEqualTo("tan-vu");
                assertThat(out.get(i).topic()).isEqualTo("ioc/v1/kpi/" + kpi + "/port/tan-vu");
                return out.get(i).value();
            }
        }
        throw new AssertionError("no " + kpi + " in " + out);
    }

    @Test
    void cranesCountByTheirLatestStateInEventTime() throws Exception {
        fact(PortFacts.crane(crane("sts-01", T0 + 1_000, "working", 3)));
        fact(PortFacts.crane(crane("sts-02", T0 + 2_000, "fault", 0)));
        fact(PortFacts.crane(crane("rtg-01", T0 + 3_000, "stopped", 0)));
        // Out of order: an older "idle" of sts-01 arrives after its "working" and does not replace it.
        fact(PortFacts.crane(crane("sts-01", T0 + 500, "idle", 2)));
        fact(PortFacts.crane(crane("rtg-02", T0 + 4_000, "idle", 0)));
        h.processWatermark(T0 + 10_000);
        assertThat(last("cranes-working")).isEqualTo(1);
        assertThat(last("cranes-stopped")).isEqualTo(2);
        // Every move counts, whatever the order.
        assertThat(last("crane-moves-per-hour")).isEqualTo(5);
        Kpi moves = h.extractOutputValues().stream()
                .filter(k -> k.kpi().equals("crane-moves-per-hour"))
                .findFirst()
                .orElseThrow();
        assertThat(moves.windowEnd() - moves.windowStart()).isEqualTo(3_600_000L);
        assertThat(moves.unit()).isEqualTo("moves/h");
    }

    @Test
    void gatesYardReefersAndTideAreSummedOverTheLatestReadings() throws Exception {
        fact(PortFacts.gate(new GateTelemetry("tan-vu", "gate", "gate-1", "g1", T0 + 1_000, 30, 40.0)));
        fact(PortFacts.gate(new GateTelemetry("tan-vu", "gate", "gate-2", "g2", T0 + 1_000, 12, 20.0)));
        fact(PortFacts.gate(new GateTelemetry("tan-vu", "gate", "gate-1", "g3", T0 + 2_000, 34, 42.0)));
        fact(PortFacts.yard(new YardTelemetry("tan-vu", "yard", "yard-a1", "y1", T0 + 1_000, "A1", 1500, 1800)));
        fact(PortFacts.yard(new YardTelemetry("tan-vu", "yard", "yard-b1", "y2", T0 + 1_000, "B1", 1100, 1600)));
        PortFacts.Reefers reefers = new PortFacts.Reefers(2);
        fact(reefers.map(
                new ReeferTelemetry("tan-vu", "reefer", "reefer-r1", "r1", T0, "MWCU6059784", -18, -18.3, null, true)));
        fact(reefers.map(
                new ReeferTelemetry("tan-vu", "reefer", "reefer-r1", "r2", T0, "CSQU3054383", 5, 8.5, null, true)));
        fact(reefers.map(
                new ReeferTelemetry("tan-vu", "reefer", "reefer-r1", "r3", T0, "APZU4812090", -18, -17, null, false)));
        fact(PortFacts.tide(new TideTelemetry("tan-vu", "tide", "tide-1", "t1", T0 + 3_000, 312.5)));
        h.processWatermark(T0 + 10_000);
        assertThat(last("gate-queue")).isEqualTo(46);
        assertThat(last("gate-wait")).isEqualTo(31);
        assertThat(last("yard-occupancy")).isEqualTo(76.5); // 2600 / 3400
        assertThat(last("reefers-out-of-range")).isEqualTo(2);
        assertThat(last("water-level")).isEqualTo(312.5);
        Kpi water = h.extractOutputValues().stream()
                .filter(k -> k.kpi().equals("water-level"))
                .findFirst()
                .orElseThrow();
        assertThat(water.target()).isEqualTo(420.0); // Tân Vũ's high-water threshold
        assertThat(water.name().vi()).isEqualTo("Mực nước");
    }

    @Test
    void trucksPerHourCountsGateInsOfTheLastHourOnly() throws Exception {
        PortFacts.TrucksIn trucksIn = new PortFacts.TrucksIn();
        List<PortFact> facts = new java.util.ArrayList<>();
        org.apache.flink.util.Collector<PortFact> into =
                new org.apache.flink.api.common.functions.util.ListCollector<>(facts);
        for (int i = 0; i < 30; i++) {
            trucksIn.flatMap(
                    new GateEquipmentEvent(
                            "tan-vu",
                            "gate",
                            "gate-1",
                            "e" + i,
                            T0 + i * MIN,
                            i % 3 == 0 ? "GTOT" : "GTIN",
                            "CSQU3054383",
                            null,
                            null),
                    into);
        }
        assertThat(facts).hasSize(20);
        for (PortFact f : facts) {
            fact(f);
        }
        h.processWatermark(T0 + 30 * MIN);
        assertThat(last("trucks-per-hour")).isEqualTo(20);
        // An hour later only the gate-ins of the last hour count.
        PortFact later = facts.get(facts.size() - 1);
        fact(new PortFact("tan-vu", PortFact.GATE_IN, "gate-1", T0 + 80 * MIN, 1, 0, null, false));
        h.processWatermark(T0 + 81 * MIN);
        // The hour up to 81 min holds the gate-ins from minute 21 on (22, 23, 25, 26, 28, 29) and the new one.
        assertThat(last("trucks-per-hour")).isEqualTo(7);
        assertThat(later.kind).isEqualTo(PortFact.GATE_IN);
    }

    @Test
    void vesselsAtBerthFromBerthEventsAndAis() throws Exception {
        PortFacts.Berths berths = new PortFacts.Berths();
        List<PortFact> facts = new java.util.ArrayList<>();
        org.apache.flink.util.Collector<PortFact> into =
                new org.apache.flink.api.common.functions.util.ListCollector<>(facts);
        berths.flatMap(
                new BerthEvent("tan-vu", "berth", "berth-1", "b1", T0, 574000001L, null, "A", "ARRI", "ACT"), into);
        berths.flatMap(
                new BerthEvent("tan-vu", "berth", "berth-2", "b2", T0, 574000002L, null, "B", "ARRI", "EST"), into);
        berths.flatMap(
                new BerthEvent("tan-vu", "berth", "berth-3", "b3", T0, 574000003L, null, "C", "ARRI", "ACT"), into);
        berths.flatMap(
                new BerthEvent("tan-vu", "berth", "berth-3", "b4", T0 + 5_000, 574000003L, null, "C", "DEPA", "ACT"),
                into);
        assertThat(facts).hasSize(3);
        for (PortFact f : facts) {
            fact(f);
        }
        // A moored ship AIS reports, one of which also has an arrival: counted once.
        fact(PortFacts.vessel(new VesselUpdate("tan-vu", 574000001L, position(574000001L, true))));
        fact(PortFacts.vessel(new VesselUpdate("tan-vu", 574000009L, position(574000009L, true))));
        fact(PortFacts.vessel(new VesselUpdate("tan-vu", 574000008L, position(574000008L, false))));
        h.processWatermark(T0 + 10_000);
        assertThat(last("vessels-at-berth")).isEqualTo(2);
        fact(PortFacts.vessel(new VesselUpdate("tan-vu", 574000009L, null)));
        h.processWatermark(T0 + 20_000);
        assertThat(last("vessels-at-berth")).isEqualTo(1);
    }

    private static Vessel position(long mmsi, boolean moored) {
        return new Vessel(mmsi, null, 20.836, 106.776, 0.0, null, null, moored ? 5 : 0, moored, T0 + 1_000);
    }

    @Test
    void readingsGoStaleAfterAnHourAndAnEmptyPortKeepsNoState() throws Exception {
        fact(PortFacts.gate(new GateTelemetry("tan-vu", "gate", "gate-1", "g1", T0, 30, 40.0)));
        h.processWatermark(T0 + 10_000);
        assertThat(last("gate-queue")).isEqualTo(30);
        fact(PortFacts.crane(crane("sts-01", T0 + 2 * 3_600_000L, "idle", 0)));
        h.processWatermark(T0 + 2 * 3_600_000L + 10_000);
        assertThat(h.extractOutputValues())
                .filteredOn(k -> k.windowEnd() > T0 + 3_600_000L)
                .extracting(Kpi::kpi)
                .doesNotContain("gate-queue")
                .contains("cranes-working");
        assertThat(h.numEventTimeTimers()).isZero();
    }
}
