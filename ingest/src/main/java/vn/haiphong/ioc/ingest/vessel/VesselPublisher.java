package vn.haiphong.ioc.ingest.vessel;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Vessel;

/**
 * The vessels inside each port's area, keyed by port and MMSI, for the retained {@code ioc/v1/vessel/{portId}/{mmsi}}:
 * a position at most once per {@code throttle} of event time (the newest one, flushed by a timer when positions come
 * faster), {@code atBerth} from navigation status 5 or an actual berth arrival without departure, and "gone" (which
 * clears the retained message) when the vessel leaves the area or is silent for {@code silence}. Positions older than
 * the newest are late: counted, not published. A vessel gone leaves no state.
 */
public class VesselPublisher extends KeyedProcessFunction<String, VesselSignal, VesselUpdate> {
    /** How long a berth arrival is remembered for a vessel that AIS does not show. */
    static final long BERTH_MEMORY = Duration.ofHours(48).toMillis();

    private final long throttle;
    private final long silence;

    private transient ValueState<VesselState> state;
    private transient Counter late;

    public VesselPublisher(Duration throttle, Duration silence) {
        this.throttle = throttle.toMillis();
        this.silence = silence.toMillis();
    }

    public static VesselPublisher defaults() {
        return new VesselPublisher(Duration.ofSeconds(10), Duration.ofMinutes(30));
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("vessel", TypeInformation.of(VesselState.class)));
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(VesselSignal s, Context ctx, Collector<VesselUpdate> out) throws Exception {
        VesselState st = state.value();
        if (st == null) {
            st = new VesselState();
        }
        switch (s.kind) {
            case VesselSignal.POSITION -> {
                if (s.time <= st.positionTime) {
                    late.inc();
                    return;
                }
                if (!s.inside) {
                    if (st.published) {
                        out.collect(new VesselUpdate(s.portId, s.mmsi, null));
                    }
                    state.clear();
                    return;
                }
                st.positionTime = s.time;
                st.lat = s.lat;
                st.lon = s.lon;
                st.speedOverGround = s.speedOverGround;
                st.courseOverGround = s.courseOverGround;
                st.heading = s.heading;
                st.navigationStatus = s.navigationStatus;
            }
            case VesselSignal.ARRIVED -> {
                if (s.time <= st.arrivedAt) {
                    late.inc();
                    return;
                }
                st.arrivedAt = s.time;
            }
            case VesselSignal.DEPARTED -> {
                if (s.time <= st.departedAt) {
                    late.inc();
                    return;
                }
                st.departedAt = s.time;
                if (st.positionTime == Long.MIN_VALUE && !st.berthed()) {
                    state.clear(); // nothing to show and nothing to remember
                    return;
                }
            }
            default -> throw new IllegalArgumentException("unknown vessel signal " + s);
        }
        if (s.name != null) {
            st.name = s.name;
        }
        if (st.positionTime != Long.MIN_VALUE) {
            st.dirty = true;
            if (st.publishedAt == Long.MIN_VALUE || s.time - st.publishedAt >= throttle) {
                publish(st, s.portId, s.mmsi, s.time, out);
            } else if (st.flushTimer == Long.MIN_VALUE) {
                st.flushTimer = st.publishedAt + throttle;
                ctx.timerService().registerEventTimeTimer(st.flushTimer);
            }
        }
        if (st.expiryTimer == Long.MIN_VALUE || st.expiryTimer > expiry(st)) {
            // A timer already registered for a later time finds itself stale when it fires, and does nothing.
            st.expiryTimer = expiry(st);
            ctx.timerService().registerEventTimeTimer(st.expiryTimer);
        }
        state.update(st);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<VesselUpdate> out) throws Exception {
        VesselState st = state.value();
        if (st == null) {
            return;
        }
        String key = ctx.getCurrentKey();
        int slash = key.lastIndexOf('/');
        String portId = key.substring(0, slash);
        long mmsi = Long.parseLong(key.substring(slash + 1));
        if (t == st.expiryTimer) {
            st.expiryTimer = Long.MIN_VALUE;
            long due = expiry(st);
            if (t >= due) {
                if (st.published) {
                    out.collect(new VesselUpdate(portId, mmsi, null));
                }
                state.clear();
                return;
            }
            st.expiryTimer = due;
            ctx.timerService().registerEventTimeTimer(due);
        }
        if (t == st.flushTimer) {
            st.flushTimer = Long.MIN_VALUE;
            if (st.dirty) {
                publish(st, portId, mmsi, t, out);
            }
        }
        state.update(st);
    }

    private long expiry(VesselState st) {
        return st.positionTime != Long.MIN_VALUE
                ? st.positionTime + silence
                : Math.max(st.arrivedAt, st.departedAt) + BERTH_MEMORY;
    }

    private static void publish(VesselState st, String portId, long mmsi, long at, Collector<VesselUpdate> out) {
        out.collect(new VesselUpdate(
                portId,
                mmsi,
                new Vessel(
                        mmsi,
                        st.name,
                        st.lat,
                        st.lon,
                        st.speedOverGround,
                        st.courseOverGround,
                        st.heading,
                        st.navigationStatus,
                        st.atBerth(),
                        st.positionTime)));
        st.published = true;
        st.publishedAt = at;
        st.dirty = false;
    }
}
