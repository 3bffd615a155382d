package vn.haiphong.ioc.ingest.kpi;

import java.time.Duration;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires an event-time window early every {@code interval} of event time while it is open, then at its end, then once
 * per late element within the allowed lateness: what {@code ContinuousEventTimeTrigger} does, with one difference that
 * matters for 15-minute windows. That trigger fires at every step the watermark passes, so a watermark that jumps (the
 * end of a backlog, the wall-clock floor of a quiet feed) makes a window fire up to 90 times at once with the same
 * contents, and keeps firing after the window's end; this one has at most one step timer pending, at the first step
 * after the watermark, and none once the watermark has passed the window's end.
 */
public final class EarlyEventTimeTrigger extends Trigger<Object, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final long interval;

    private EarlyEventTimeTrigger(long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("the early firing interval must be positive");
        }
        this.interval = interval;
    }

    public static EarlyEventTimeTrigger every(Duration interval) {
        return new EarlyEventTimeTrigger(interval.toMillis());
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
        long watermark = ctx.getCurrentWatermark();
        if (window.maxTimestamp() <= watermark) {
            return TriggerResult.FIRE; // late, within the allowed lateness: the complete value changes
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        registerNextStep(window, watermark, ctx);
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        if (time == window.maxTimestamp()) {
            return TriggerResult.FIRE;
        }
        long watermark = ctx.getCurrentWatermark();
        if (time > window.maxTimestamp() || watermark >= window.maxTimestamp()) {
            return TriggerResult.CONTINUE; // the end's own timer fires next, with the same contents
        }
        registerNextStep(window, watermark, ctx);
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        // A pending step timer lies before the window's end, so before its state goes: nothing else to delete.
        ctx.deleteEventTimeTimer(window.maxTimestamp());
    }

    private void registerNextStep(TimeWindow window, long watermark, TriggerContext ctx) {
        long next = nextStep(Math.max(watermark, window.getStart()), interval);
        if (next < window.maxTimestamp()) {
            ctx.registerEventTimeTimer(next);
        }
    }

    /** The first multiple of {@code interval} after {@code time}. */
    static long nextStep(long time, long interval) {
        return time - Math.floorMod(time, interval) + interval;
    }

    @Override
    public String toString() {
        return "EarlyEventTimeTrigger(" + interval + ")";
    }
}
