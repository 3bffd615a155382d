package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.ingest.pipeline.FeedCount;

/**
 * The job's own throughput, per feed: running totals of the messages accepted into the rules and KPIs and of those
 * dead-lettered, since the job first started (the totals are keyed state, so they survive restarts and count each
 * message once). Published on every change as {@code events-accepted} and {@code events-dead-lettered} with scope
 * {@code feed}: what the wall shows as the IOC's load, and what {@code ./ioc bench} compares with what it published.
 */
public class EventCountFunction extends KeyedProcessFunction<String, FeedCount, Kpi> {
    private transient ValueState<Long> accepted;
    private transient ValueState<Long> deadLettered;
    private transient ValueState<Long> since;

    @Override
    public void open(OpenContext openContext) {
        accepted = getRuntimeContext().getState(new ValueStateDescriptor<>("accepted", Types.LONG));
        deadLettered = getRuntimeContext().getState(new ValueStateDescriptor<>("deadLettered", Types.LONG));
        since = getRuntimeContext().getState(new ValueStateDescriptor<>("since", Types.LONG));
    }

    @Override
    public void processElement(FeedCount count, Context ctx, Collector<Kpi> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (since.value() == null) {
            since.update(now);
        }
        if (count.accepted != 0) {
            long total = valueOf(accepted) + count.accepted;
            accepted.update(total);
            out.collect(kpi(KpiNames.EVENTS_ACCEPTED, count.feed, total, now));
        }
        if (count.deadLettered != 0) {
            long total = valueOf(deadLettered) + count.deadLettered;
            deadLettered.update(total);
            out.collect(kpi(KpiNames.EVENTS_DEAD_LETTERED, count.feed, total, now));
        }
    }

    private Kpi kpi(String name, String feed, long total, long now) throws Exception {
        return new Kpi(
                name,
                "feed",
                feed,
                KpiNames.EVENTS_ACCEPTED.equals(name)
                        ? KpiNames.EVENTS_ACCEPTED_NAME
                        : KpiNames.EVENTS_DEAD_LETTERED_NAME,
                since.value(),
                now,
                total,
                "messages",
                null,
                false,
                now);
    }

    private static long valueOf(ValueState<Long> state) throws Exception {
        Long v = state.value();
        return v == null ? 0 : v;
    }
}
