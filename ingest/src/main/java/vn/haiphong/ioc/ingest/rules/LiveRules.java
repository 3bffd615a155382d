package vn.haiphong.ioc.ingest.rules;

import java.io.Serializable;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import vn.haiphong.ioc.core.rules.RuleSet;

/**
 * The rules in force while the job runs: the start-up rules until a newer {@link RuleUpdate} arrives on the broadcast
 * side. One entry of broadcast state holds the update in force (its version is in it); a rule function reads it on
 * every element through {@link #current}, which decodes a version once and then hands out the same {@link RuleSet}.
 *
 * <p>To make another rule function changeable at runtime, extend {@link LiveRuleFunction} (or, for another base class,
 * call {@link #offer} on the broadcast side and {@link #current} on the keyed side) and connect its keyed input to
 * {@link #broadcast}. Checkpoints keep the broadcast state, so a restored job keeps the version in force.
 */
public final class LiveRules implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, RuleUpdate> STATE =
            new MapStateDescriptor<>("rules-in-force", Types.STRING, TypeInformation.of(RuleUpdate.class));
    /** The one key of {@link #STATE}. */
    static final String IN_FORCE = "in-force";

    private final RuleSet startup;

    private transient RuleSet cached;
    private transient long cachedVersion;

    public LiveRules(RuleSet startup) {
        this.startup = startup;
    }

    public RuleSet startup() {
        return startup;
    }

    /** The rules in force: the newest broadcast update, else the start-up rules. */
    public RuleSet current(ReadOnlyBroadcastState<String, RuleUpdate> state) throws Exception {
        RuleUpdate update = state.get(IN_FORCE);
        if (update == null) {
            return startup;
        }
        if (cached == null || cachedVersion != update.version) {
            cached = update.decode().ruleSet();
            cachedVersion = update.version;
        }
        return cached;
    }

    /** The version in force: 0 for the start-up rules. */
    public static long version(ReadOnlyBroadcastState<String, RuleUpdate> state) throws Exception {
        RuleUpdate update = state.get(IN_FORCE);
        return update == null ? 0 : update.version;
    }

    /** The broadcast side: keeps the update when its version is higher than the one in force; says whether it did. */
    public static boolean offer(BroadcastState<String, RuleUpdate> state, RuleUpdate update) throws Exception {
        if (update.version <= version(state)) {
            return false;
        }
        state.put(IN_FORCE, update);
        return true;
    }

    /**
     * The accepted updates as the broadcast input of the rule functions. Its watermark is the end of time, so that the
     * rarely-used second input never holds back the event time of the first.
     */
    public static BroadcastStream<RuleUpdate> broadcast(DataStream<RuleUpdate> accepted) {
        return accepted.assignTimestampsAndWatermarks(WatermarkStrategy.<RuleUpdate>forGenerator(ctx -> new EndOfTime())
                        .withTimestampAssigner((u, previous) -> Long.MIN_VALUE))
                .name("rule updates: no hold on event time")
                .broadcast(STATE);
    }

    private static final class EndOfTime implements WatermarkGenerator<RuleUpdate> {
        @Override
        public void onEvent(RuleUpdate event, long eventTimestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
