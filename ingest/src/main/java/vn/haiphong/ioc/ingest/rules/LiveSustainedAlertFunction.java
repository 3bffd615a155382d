package vn.haiphong.ioc.ingest.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;

/**
 * {@link SustainedAlertFunction} with thresholds that can change while the job runs ({@link LiveRuleFunction}), and
 * escalation: an alert still active {@code escalateAfter} (the rule's, when set) after it was raised rises one severity
 * level, published as the next {@code seq} of the same alert with how long it has lasted in its evidence.
 *
 * <p>Events wait in keyed state until the watermark passes them and are decided in event-time order, with the rules in
 * force at that moment; what has already held keeps counting when the thresholds change. An event older than what the
 * rule has already decided on is late: counted and sent on {@link LiveRuleFunction#LATE}.
 */
public class LiveSustainedAlertFunction<T> extends LiveRuleFunction<T> {
    private final SustainedRule<T> startupRule;
    private final TypeInformation<T> type;
    private final Duration maxGap;

    private transient MapState<Long, List<T>> pending;
    private transient ValueState<HysteresisState> state;
    private transient ValueState<Alert> active;
    private transient ValueState<Boolean> escalated;
    private transient RuleDefinition definition;
    private transient SustainedRule<T> rule;
    private transient Hysteresis hysteresis;

    public LiveSustainedAlertFunction(
            SustainedRule<T> rule, RuleSet startup, TypeInformation<T> type, Duration maxGap) {
        super(rule.ruleId(), startup);
        this.startupRule = rule;
        this.type = type;
        this.maxGap = maxGap;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(type)));
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("hysteresis", TypeInformation.of(HysteresisState.class)));
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
        escalated = getRuntimeContext().getState(new ValueStateDescriptor<>("escalated", Types.BOOLEAN));
    }

    @Override
    public void processElement(T event, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        refresh(ctx);
        long t = rule.to(event);
        if (t <= ctx.currentWatermark()) {
            HysteresisState s = state.value();
            if (s != null && rule.from(event) < s.lastTo) {
                late(ctx, ctx.getCurrentKey(), t);
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

    /** Decides the events of exactly this timestamp; earlier ones were decided by their own, earlier timers. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<T> due = pending.get(timestamp);
        if (due == null) {
            return;
        }
        refresh(ctx);
        for (T event : due) {
            decide(event, out);
        }
        pending.remove(timestamp);
    }

    /** Takes the rules in force; a new version gives a new rule and hysteresis, the keyed state carries over. */
    private void refresh(ReadOnlyContext ctx) throws Exception {
        RuleDefinition now = rules(ctx).rule(ruleId());
        if (now != definition) {
            definition = now;
            rule = now == startupRules().rule(ruleId()) ? startupRule : startupRule.with(now);
            hysteresis = new Hysteresis(now.raiseAfter(), now.clearAfter(), maxGap);
        }
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
            escalated.clear();
            out.collect(alert);
        } else if (transition == Hysteresis.Transition.CLEAR) {
            Alert alert = active.value();
            if (alert != null) {
                out.collect(alert.cleared(rule.to(event), rule.evidence(event)));
                active.clear();
                escalated.clear();
            }
        } else if (s.active) {
            escalate(event, out);
        }
    }

    private void escalate(T event, Collector<Alert> out) throws Exception {
        Duration after = definition.escalateAfter();
        Alert alert = active.value();
        if (after == null || alert == null || Boolean.TRUE.equals(escalated.value())) {
            return;
        }
        long at = rule.to(event);
        long lasted = at - alert.raisedAt();
        if (lasted < after.toMillis()) {
            return;
        }
        Map<String, Object> evidence = new HashMap<>(rule.evidence(event));
        evidence.put("activeMinutes", lasted / 60_000);
        evidence.put("escalatedFrom", alert.severity().name());
        Alert higher = alert.updated(at, above(alert.severity()), evidence);
        active.update(higher);
        escalated.update(true);
        out.collect(higher);
    }

    static Severity above(Severity s) {
        Severity[] all = Severity.values();
        return all[Math.min(s.ordinal() + 1, all.length - 1)];
    }
}
