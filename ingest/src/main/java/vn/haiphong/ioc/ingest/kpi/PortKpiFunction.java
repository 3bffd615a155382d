package vn.haiphong.ioc.ingest.kpi;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * The port KPIs, one keyed operator per port: the newest state of every crane, gate, yard block, reefer, tide gauge
 * and vessel, and per-minute counts of trucks in and crane moves. Every {@code every} of event time (while facts
 * arrive) it publishes cranes working / stopped, gate queue and wait, trucks and crane moves in the last hour, yard
 * occupancy, reefers out of range, vessels at berth and the water level. One operator instead of one per KPI: a port
 * fact crosses the network once, and ten KPIs cost one timer.
 *
 * <p>Facts behind the watermark still count (a newer reading of the same thing wins, by event time) and are counted
 * as {@code lateEvents}. Readings not renewed within {@code STALE} (an asset gone quiet, a reefer unplugged) drop
 * out; a port with nothing left forgets everything.
 */
public class PortKpiFunction extends KeyedProcessFunction<String, PortFact, Kpi> {
    static final long HOUR = 3_600_000L;
    static final long MINUTE = 60_000L;
    /** Older readings no longer count: an hour covers the slowest feed (a rack's reefers read in turn). */
    static final long STALE = HOUR;
    /** A vessel's berth arrival without departure counts this long at most. */
    static final long BERTH_STALE = 48 * HOUR;

    private final long every;
    private final String refDir;
    private final double gateWaitTarget;
    private final double yardTarget;

    private transient MapState<String, Latest> latest;
    private transient MapState<Long, Long> trucks;
    private transient MapState<Long, Long> moves;
    private transient ValueState<Long> nextEmit;
    private transient ValueState<Long> newest;
    private transient Counter late;

    /** @param gateWaitTarget the gate rule's wait threshold; @param yardTarget the yard rule's high level, %. */
    public PortKpiFunction(Duration every, String refDir, double gateWaitTarget, double yardTarget) {
        this.every = every.toMillis();
        this.refDir = refDir;
        this.gateWaitTarget = gateWaitTarget;
        this.yardTarget = yardTarget;
    }

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("latest", Types.STRING, TypeInformation.of(Latest.class)));
        trucks = getRuntimeContext().getMapState(new MapStateDescriptor<>("trucks", Types.LONG, Types.LONG));
        moves = getRuntimeContext().getMapState(new MapStateDescriptor<>("moves", Types.LONG, Types.LONG));
        nextEmit = getRuntimeContext().getState(new ValueStateDescriptor<>("next-emit", Types.LONG));
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest", Types.LONG));
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(PortFact f, Context ctx, Collector<Kpi> out) throws Exception {
        long wm = ctx.timerService().currentWatermark();
        if (f.time <= wm && f.kind != PortFact.VESSEL) {
            late.inc();
        }
        String key = f.kind + ":" + f.key;
        switch (f.kind) {
            case PortFact.GATE_IN -> add(trucks, f.time, 1);
            case PortFact.BERTH -> {
                Latest l = latest.get(key);
                if (f.flag) {
                    if (l == null || l.time <= f.time) {
                        latest.put(key, Latest.of(f));
                    }
                } else if (l != null && l.time <= f.time) {
                    latest.remove(key);
                }
            }
            case PortFact.VESSEL -> {
                if (Double.isNaN(f.a)) {
                    latest.remove(key);
                } else {
                    latest.put(key, Latest.of(f));
                }
            }
            default -> {
                Latest l = latest.get(key);
                if (l == null || l.time <= f.time) {
                    latest.put(key, Latest.of(f));
                }
                if (f.kind == PortFact.CRANE && f.a > 0) {
                    add(moves, f.time, (long) f.a);
                }
            }
        }
        Long n = newest.value();
        if (n == null || f.time > n) {
            newest.update(f.time);
        }
        if (nextEmit.value() == null) {
            long next = (Math.max(f.time, wm) / every + 1) * every;
            nextEmit.update(next);
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    private static void add(MapState<Long, Long> buckets, long time, long n) throws Exception {
        long minute = Math.floorDiv(time, MINUTE);
        Long c = buckets.get(minute);
        buckets.put(minute, c == null ? n : c + n);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Kpi> out) throws Exception {
        nextEmit.clear();
        Long n = newest.value();
        if (n != null && n >= t) {
            // Facts past this emission already arrived: the next one is due without waiting for another fact. After a
            // backlog (the watermark far ahead) it jumps to the watermark rather than replaying every step.
            long next = Math.max(t + every, ctx.timerService().currentWatermark() / every * every);
            nextEmit.update(next);
            ctx.timerService().registerEventTimeTimer(next);
        } else {
            newest.clear();
        }
        String portId = ctx.getCurrentKey();
        int cranes = 0;
        int working = 0;
        int stopped = 0;
        int gates = 0;
        double queue = 0;
        double waitSum = 0;
        int waits = 0;
        double occupied = 0;
        double capacity = 0;
        int reefers = 0;
        int outOfRange = 0;
        long tideTime = Long.MIN_VALUE;
        double tide = Double.NaN;
        Set<String> atBerth = new HashSet<>();
        Iterator<Map.Entry<String, Latest>> it = latest.iterator();
        while (it.hasNext()) {
            Map.Entry<String, Latest> e = it.next();
            Latest l = e.getValue();
            boolean vessel = l.kind == PortFact.BERTH || l.kind == PortFact.VESSEL;
            if (t - l.time > (vessel ? BERTH_STALE : STALE)) {
                it.remove();
                continue;
            }
            switch (l.kind) {
                case PortFact.CRANE -> {
                    cranes++;
                    if (l.word.equals("working")) {
                        working++;
                    } else if (l.word.equals("stopped") || l.word.equals("fault")) {
                        stopped++;
                    }
                }
                case PortFact.GATE -> {
                    gates++;
                    queue += l.a;
                    if (!Double.isNaN(l.b)) {
                        waitSum += l.b;
                        waits++;
                    }
                }
                case PortFact.YARD -> {
                    occupied += l.a;
                    capacity += l.b;
                }
                case PortFact.REEFER -> {
                    reefers++;
                    if (l.flag) {
                        outOfRange++;
                    }
                }
                case PortFact.TIDE -> {
                    if (l.time > tideTime) {
                        tideTime = l.time;
                        tide = l.a;
                    }
                }
                case PortFact.BERTH, PortFact.VESSEL -> {
                    if (l.flag) {
                        atBerth.add(e.getKey().substring(e.getKey().indexOf(':') + 1));
                    }
                }
                default -> {}
            }
        }
        long trucksInHour = sumLastHour(trucks, t);
        long movesInHour = sumLastHour(moves, t);

        long from = t - every;
        if (cranes > 0) {
            out.collect(kpi(
                    KpiNames.CRANES_WORKING, KpiNames.CRANES_WORKING_NAME, portId, from, t, working, "cranes", null));
            out.collect(kpi(
                    KpiNames.CRANES_STOPPED, KpiNames.CRANES_STOPPED_NAME, portId, from, t, stopped, "cranes", 0.0));
            out.collect(kpi(
                    KpiNames.CRANE_MOVES_PER_HOUR,
                    KpiNames.CRANE_MOVES_PER_HOUR_NAME,
                    portId,
                    t - HOUR,
                    t,
                    movesInHour,
                    "moves/h",
                    null));
        }
        if (gates > 0) {
            out.collect(kpi(KpiNames.GATE_QUEUE, KpiNames.GATE_QUEUE_NAME, portId, from, t, queue, "trucks", null));
            if (waits > 0) {
                out.collect(kpi(
                        KpiNames.GATE_WAIT,
                        KpiNames.GATE_WAIT_NAME,
                        portId,
                        from,
                        t,
                        Math.round(waitSum / waits * 10) / 10.0,
                        "min",
                        gateWaitTarget));
            }
        }
        if (gates > 0 || trucksInHour > 0) {
            out.collect(kpi(
                    KpiNames.TRUCKS_PER_HOUR,
                    KpiNames.TRUCKS_PER_HOUR_NAME,
                    portId,
                    t - HOUR,
                    t,
                    trucksInHour,
                    "trucks/h",
                    null));
        }
        if (capacity > 0) {
            out.collect(kpi(
                    KpiNames.YARD_OCCUPANCY,
                    KpiNames.YARD_OCCUPANCY_NAME,
                    portId,
                    from,
                    t,
                    Math.round(1000 * occupied / capacity) / 10.0,
                    "%",
                    yardTarget));
        }
        if (reefers > 0) {
            out.collect(kpi(
                    KpiNames.REEFERS_OUT_OF_RANGE,
                    KpiNames.REEFERS_OUT_OF_RANGE_NAME,
                    portId,
                    from,
                    t,
                    outOfRange,
                    "reefers",
                    0.0));
        }
        out.collect(kpi(
                KpiNames.VESSELS_AT_BERTH,
                KpiNames.VESSELS_AT_BERTH_NAME,
                portId,
                from,
                t,
                atBerth.size(),
                "vessels",
                null));
        if (!Double.isNaN(tide)) {
            Double highWater = ReferenceData.cached(refDir)
                    .port(portId)
                    .map(Port::highWaterCm)
                    .orElse(null);
            out.collect(kpi(KpiNames.WATER_LEVEL, KpiNames.WATER_LEVEL_NAME, portId, from, t, tide, "cm", highWater));
        }
    }

    /** The sum of the buckets of the hour up to {@code t}; older buckets are dropped. */
    private static long sumLastHour(MapState<Long, Long> buckets, long t) throws Exception {
        long firstMinute = -Math.floorDiv(-(t - HOUR), MINUTE);
        long lastMinute = Math.floorDiv(t - 1, MINUTE);
        long sum = 0;
        Iterator<Map.Entry<Long, Long>> it = buckets.iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> e = it.next();
            if (e.getKey() < firstMinute) {
                it.remove();
            } else if (e.getKey() <= lastMinute) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    private static Kpi kpi(
            String id,
            LocalizedText name,
            String portId,
            long from,
            long to,
            double value,
            String unit,
            Double target) {
        return new Kpi(id, "port", portId, name, from, to, value, unit, target, true, to);
    }
}
