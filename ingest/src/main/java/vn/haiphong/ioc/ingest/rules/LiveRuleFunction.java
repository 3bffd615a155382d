package vn.haiphong.ioc.ingest.rules;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * A keyed rule whose thresholds can change while the job runs: the keyed input is the events, the broadcast input the
 * accepted {@link RuleUpdate}s ({@link LiveRules#broadcast}). Subclasses read {@link #rules} on every element and
 * timer; events beyond the out-of-orderness go to {@link #late}.
 */
public abstract class LiveRuleFunction<T> extends KeyedBroadcastProcessFunction<String, T, RuleUpdate, Alert>
        implements ResultTypeQueryable<Alert> {
    /** Events that came after event time had passed them, from every live rule. */
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events") {};

    private static final Logger LOG = LoggerFactory.getLogger(LiveRuleFunction.class);

    private final LiveRules live;
    private final String ruleId;
    private transient Counter late;

    protected LiveRuleFunction(String ruleId, RuleSet startup) {
        this.ruleId = ruleId;
        this.live = new LiveRules(startup);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    /** The alerts' Flink type, so that their evidence does not go through Kryo on the way out. */
    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    public String ruleId() {
        return ruleId;
    }

    /** The rules the job started with, in force until an update arrives. */
    protected RuleSet startupRules() {
        return live.startup();
    }

    /** The rules in force now. */
    protected RuleSet rules(ReadOnlyContext ctx) throws Exception {
        return live.current(ctx.getBroadcastState(LiveRules.STATE));
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        if (LiveRules.offer(ctx.getBroadcastState(LiveRules.STATE), update)) {
            LOG.debug("{} (subtask {}) now uses rules version {}", ruleId, subtask(), update.version);
        }
    }

    /** Counts an event that came too late and sends it on {@link #LATE}. */
    protected void late(ReadOnlyContext ctx, String key, long eventTime) {
        late.inc();
        ctx.output(LATE, new LateEvent(ruleId, key, eventTime, ctx.currentWatermark()));
    }

    private int subtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }
}
