package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;

/**
 * Events that came after their KPI window had closed (later than the watermark plus the allowed lateness), per feed
 * (the key): a running total since the job first started, kept in keyed state like {@link EventCountFunction}'s, and
 * published as {@code events-late} with scope {@code feed}. A backlog replayed after an outage can make thousands late
 * at once, so it publishes at most once a second: at the first late event, then on a timer with what came meanwhile.
 */
public class LateEventCountFunction extends KeyedProcessFunction<String, String, Kpi> {
    static final long EVERY_MILLIS = 1_000;

    private transient ValueState<Long> total;
    private transient ValueState<Long> since;
    private transient ValueState<Long> published;
    private transient ValueState<Long> pending;

    @Override
    public void open(OpenContext openContext) {
        total = getRuntimeContext().getState(new ValueStateDescriptor<>("late", Types.LONG));
        since = getRuntimeContext().getState(new ValueStateDescriptor<>("since", Types.LONG));
        published = getRuntimeContext().getState(new ValueStateDescriptor<>("publishedAt", Types.LONG));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
    }

    @Override
    public void processElement(String feed, Context ctx, Collector<Kpi> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (since.value() == null) {
            since.update(now);
        }
        total.update(valueOf(total) + 1);
        Long last = published.value();
        if (last == null || now - last >= EVERY_MILLIS) {
            publish(feed, now, out);
        } else if (pending.value() == null) {
            long at = last + EVERY_MILLIS;
            ctx.timerService().registerProcessingTimeTimer(at);
            pending.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Kpi> out) throws Exception {
        pending.clear();
        publish(ctx.getCurrentKey(), timestamp, out);
    }

    private void publish(String feed, long now, Collector<Kpi> out) throws Exception {
        published.update(now);
        out.collect(new Kpi(
                CameraKpiNames.EVENTS_LATE,
                "feed",
                feed,
                CameraKpiNames.EVENTS_LATE_NAME,
                since.value(),
                now,
                valueOf(total),
                "messages",
                null,
                false,
                now));
    }

    private static long valueOf(ValueState<Long> state) throws Exception {
        Long v = state.value();
        return v == null ? 0 : v;
    }
}
