package vn.haiphong.ioc.ingest.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * Runs a {@link SustainedRule} per key in event-time order: events wait in keyed state until the watermark passes
 * them, so out-of-order arrival does not change the decision. An event older than what the rule has already decided
 * on is late: it is counted ({@code lateEvents}) and not re-decided.
 */
public class SustainedAlertFunction<T> extends KeyedProcessFunction<String, T, Alert>
        implements ResultTypeQueryable<Alert> {
    private final SustainedRule<T> rule;
    private final RuleDefinition definition;
    private final TypeInformation<T> type;
    private final Duration maxGap;

    private transient MapState<Long, List<T>> pending;
    private transient ValueState<HysteresisState> state;
    private transient ValueState<Alert> active;
    private transient Hysteresis hysteresis;
    private transient Counter late;

    public SustainedAlertFunction(
            SustainedRule<T> rule, RuleDefinition definition, TypeInformation<T> type, Duration maxGap) {
        this.rule = rule;
        this.definition = definition;
        this.type = type;
        this.maxGap = maxGap;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(type)));
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("hysteresis", TypeInformation.of(HysteresisState.class)));
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
        hysteresis = new Hysteresis(definition.raiseAfter(), definition.clearAfter(), maxGap);
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    /** The alerts' Flink type, so that their evidence does not go through Kryo on the way out. */
    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    @Override
    public void processElement(T event, Context ctx, Collector<Alert> out) throws Exception {
        long t = rule.to(event);
        if (t <= ctx.timerService().currentWatermark()) {
            HysteresisState s = state.value();
            if (s != null && rule.from(event) < s.lastTo) {
                late.inc();
                return;
            }
            decide(event, out);
            return;
        }
        List<T> atT = pending.get(t);
        if (atT == null) {
            atT = new ArrayList<>(1);
        }
        atT.add(event);
        pending.put(t, atT);
        ctx.timerService().registerEventTimeTimer(t);
    }

    /**
     * Decides the events of exactly this timestamp. Each pending timestamp has its own timer and Flink fires a key's
     * timers in timestamp order, so every earlier timestamp has been decided already: no scan of the pending map,
     * which at a busy camera holds a watermark-lag's worth of readings (this scan was the job's hottest code).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<T> due = pending.get(timestamp);
        if (due == null) {
            return;
        }
        for (T event : due) {
            decide(event, out);
        }
        pending.remove(timestamp);
    }

    private void decide(T event, Collector<Alert> out) throws Exception {
        HysteresisState s = state.value();
        if (s == null) {
            s = new HysteresisState();
        }
        Hysteresis.Transition transition =
                hysteresis.step(s, rule.raise(event), rule.hold(event), rule.from(event), rule.to(event));
        state.update(s);
        if (transition == Hysteresis.Transition.RAISE) {
            Alert alert = rule.raise(event, rule.to(event));
            active.update(alert);
            out.collect(alert);
        } else if (transition == Hysteresis.Transition.CLEAR) {
            Alert alert = active.value();
            if (alert != null) {
                Map<String, Object> evidence = rule.evidence(event);
                out.collect(alert.cleared(rule.to(event), evidence));
                active.clear();
            }
        }
    }
}
