package vn.haiphong.ioc.ingest.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * Runs a {@link ConditionRule} per key (a reefer, a gate, a yard block, a crane, a tide gauge) in event time. Readings
 * wait in keyed state until the watermark passes them and are decided in timestamp order; the raise and clear
 * deadlines are event-time timers, so a reefer that reported "power off" once and then fell silent is still alerted
 * on after 10 minutes. A reading older than what was decided is late: counted ({@code lateEvents}), not re-decided.
 * When a key is quiet again (no alert, no condition building up) its state is cleared.
 */
public class ConditionAlertFunction<T> extends KeyedProcessFunction<String, T, Alert>
        implements ResultTypeQueryable<Alert> {
    private final ConditionRule<T> rule;
    private final TypeInformation<T> type;
    private final long raiseAfter;
    private final long clearAfter;

    private transient MapState<Long, List<T>> pending;
    private transient ValueState<ConditionState> state;
    private transient ValueState<T> latest;
    private transient ValueState<Alert> active;
    private transient Counter late;

    public ConditionAlertFunction(ConditionRule<T> rule, RuleDefinition definition, TypeInformation<T> type) {
        this(rule, definition.raiseAfter(), definition.clearAfter(), type);
    }

    public ConditionAlertFunction(
            ConditionRule<T> rule, Duration raiseAfter, Duration clearAfter, TypeInformation<T> type) {
        this.rule = rule;
        this.type = type;
        this.raiseAfter = raiseAfter.toMillis();
        this.clearAfter = clearAfter.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(type)));
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("condition", TypeInformation.of(ConditionState.class)));
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", type));
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    @Override
    public void processElement(T reading, Context ctx, Collector<Alert> out) throws Exception {
        long t = rule.time(reading);
        if (t <= ctx.timerService().currentWatermark()) {
            // Every timer up to the watermark has fired: deciding now keeps the event-time order, unless the key has
            // already decided something newer.
            ConditionState s = state.value();
            if (s != null && t < s.last) {
                late.inc();
                return;
            }
            decide(reading, ctx, out);
            return;
        }
        List<T> atT = pending.get(t);
        if (atT == null) {
            atT = new ArrayList<>(1);
        }
        atT.add(reading);
        pending.put(t, atT);
        ctx.timerService().registerEventTimeTimer(t);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<T> due = pending.get(timestamp);
        if (due != null) {
            pending.remove(timestamp);
            for (T reading : due) {
                decide(reading, ctx, out);
            }
        }
        ConditionState s = state.value();
        if (s == null) {
            return;
        }
        if (!s.active && s.since != Long.MIN_VALUE && timestamp >= s.since + raiseAfter) {
            raise(s, latest.value(), s.since + raiseAfter, out);
        } else if (s.active && s.okSince != Long.MIN_VALUE && timestamp >= s.okSince + clearAfter) {
            clear(s, latest.value(), s.okSince + clearAfter, out);
        }
        settle(s);
    }

    private void decide(T reading, Context ctx, Collector<Alert> out) throws Exception {
        long t = rule.time(reading);
        ConditionState s = state.value();
        if (s == null) {
            s = new ConditionState();
        }
        s.last = Math.max(s.last, t);
        latest.update(reading);
        if (!s.active) {
            if (!rule.raise(reading)) {
                s.since = Long.MIN_VALUE;
            } else {
                if (s.since == Long.MIN_VALUE) {
                    s.since = t;
                }
                if (t - s.since >= raiseAfter) {
                    raise(s, reading, t, out);
                } else {
                    ctx.timerService().registerEventTimeTimer(s.since + raiseAfter);
                }
            }
        } else {
            Alert alert = active.value();
            Severity next = rule.severity(reading, alert.severity());
            if (rule.hold(reading)) {
                s.okSince = Long.MIN_VALUE;
                if (next != null && next != alert.severity()) {
                    Alert changed = alert.updated(t, next, rule.evidence(reading));
                    active.update(changed);
                    out.collect(changed);
                }
            } else {
                if (s.okSince == Long.MIN_VALUE) {
                    s.okSince = t;
                }
                if (t - s.okSince >= clearAfter) {
                    clear(s, reading, t, out);
                } else {
                    ctx.timerService().registerEventTimeTimer(s.okSince + clearAfter);
                }
            }
        }
        state.update(s);
        settle(s);
    }

    private void raise(ConditionState s, T reading, long at, Collector<Alert> out) throws Exception {
        Alert alert = rule.raise(reading, at, rule.severity(reading, null));
        s.active = true;
        s.since = Long.MIN_VALUE;
        s.okSince = Long.MIN_VALUE;
        state.update(s);
        active.update(alert);
        out.collect(alert);
    }

    private void clear(ConditionState s, T reading, long at, Collector<Alert> out) throws Exception {
        Alert alert = active.value();
        if (alert != null) {
            out.collect(alert.cleared(at, rule.evidence(reading)));
        }
        s.active = false;
        s.since = Long.MIN_VALUE;
        s.okSince = Long.MIN_VALUE;
        state.update(s);
        active.clear();
    }

    /**
     * Nothing active and nothing building up: the key forgets everything but its buffered readings. A reading older
     * than the one decided last then finds no state and is decided; only readings behind the watermark can be that.
     */
    private void settle(ConditionState s) {
        if (!s.active && s.since == Long.MIN_VALUE) {
            state.clear();
            latest.clear();
            active.clear();
        }
    }
}
