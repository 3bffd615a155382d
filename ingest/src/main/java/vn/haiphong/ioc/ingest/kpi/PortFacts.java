package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.ingest.rules.ReeferRules;
import vn.haiphong.ioc.ingest.vessel.VesselUpdate;

/** Each port feed as the {@link PortFact}s the port KPIs need. Chained to their inputs: no shuffle of their own. */
public final class PortFacts {
    private PortFacts() {}

    public static PortFact crane(CraneTelemetry c) {
        return new PortFact(
                c.portId(),
                PortFact.CRANE,
                c.assetType() + "/" + c.assetId(),
                c.dateObserved(),
                c.moves() == null ? 0 : c.moves(),
                0,
                c.state(),
                false);
    }

    public static PortFact gate(GateTelemetry g) {
        double wait = g.averageWaitMinutes() == null ? Double.NaN : g.averageWaitMinutes();
        return new PortFact(
                g.portId(), PortFact.GATE, g.assetId(), g.dateObserved(), g.queueLength(), wait, null, false);
    }

    public static PortFact yard(YardTelemetry y) {
        return new PortFact(
                y.portId(),
                PortFact.YARD,
                y.assetId(),
                y.dateObserved(),
                y.occupiedTeu(),
                y.capacityTeu(),
                null,
                false);
    }

    public static PortFact tide(TideTelemetry t) {
        return new PortFact(t.portId(), PortFact.TIDE, t.assetId(), t.dateObserved(), t.waterLevel(), 0, null, false);
    }

    public static PortFact vessel(VesselUpdate u) {
        return new PortFact(
                u.portId,
                PortFact.VESSEL,
                Long.toString(u.mmsi),
                u.gone() ? 0 : u.position.updatedAt(),
                u.gone() ? Double.NaN : 0,
                0,
                null,
                !u.gone() && u.position.atBerth());
    }

    /** Reefers, out of range when deviating more than the deviation rule's limit or without power. */
    public static final class Reefers implements MapFunction<ReeferTelemetry, PortFact> {
        private final double limit;

        public Reefers(double limit) {
            this.limit = limit;
        }

        @Override
        public PortFact map(ReeferTelemetry r) {
            return new PortFact(
                    r.portId(),
                    PortFact.REEFER,
                    r.assetId() + "/" + r.equipmentReference(),
                    r.dateObserved(),
                    0,
                    0,
                    null,
                    ReeferRules.outOfRange(r, limit));
        }
    }

    /** Trucks in: gate-in (GTIN) events. */
    public static final class TrucksIn implements FlatMapFunction<GateEquipmentEvent, PortFact> {
        @Override
        public void flatMap(GateEquipmentEvent e, Collector<PortFact> out) {
            if (e.equipmentEventTypeCode().equals("GTIN")) {
                out.collect(
                        new PortFact(e.portId(), PortFact.GATE_IN, e.assetId(), e.eventDateTime(), 1, 0, null, false));
            }
        }
    }

    /** Actual arrivals (at berth) and departures (no longer) of vessels with an MMSI. */
    public static final class Berths implements FlatMapFunction<BerthEvent, PortFact> {
        @Override
        public void flatMap(BerthEvent b, Collector<PortFact> out) {
            if (b.mmsi() != null && b.classifierCode().equals("ACT")) {
                boolean arrival = b.portCallServiceEventTypeCode().equals("ARRI");
                if (arrival || b.portCallServiceEventTypeCode().equals("DEPA")) {
                    out.collect(new PortFact(
                            b.portId(), PortFact.BERTH, Long.toString(b.mmsi()), b.dateTime(), 0, 0, null, arrival));
                }
            }
        }
    }
}
