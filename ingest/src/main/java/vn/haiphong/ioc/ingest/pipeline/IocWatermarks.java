package vn.haiphong.ioc.ingest.pipeline;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.ingest.rules.GustReading;

/**
 * Event time for every feed: bounded out-of-orderness, and, so that a quiet feed still moves time forward (deadlines,
 * clears, offline cameras), a floor that follows the wall clock at a lag. An event older than the watermark is late:
 * the rules count it rather than drop it silently.
 */
public final class IocWatermarks {
    private IocWatermarks() {}

    public static <T extends InboundEvent> WatermarkStrategy<T> forEvents(Duration outOfOrder, Duration idleLag) {
        return WatermarkStrategy.<T>forGenerator(ctx -> new Generator<>(outOfOrder, idleLag))
                .withTimestampAssigner((e, previous) -> e.eventTime());
    }

    public static WatermarkStrategy<GustReading> forGusts(Duration outOfOrder, Duration idleLag) {
        return WatermarkStrategy.<GustReading>forGenerator(ctx -> new Generator<>(outOfOrder, idleLag))
                .withTimestampAssigner((r, previous) -> r.time);
    }

    /** The same for any record that carries its event time. */
    public static <T> WatermarkStrategy<T> forTimes(
            Duration outOfOrder, Duration idleLag, SerializableTimestampAssigner<T> time) {
        return WatermarkStrategy.<T>forGenerator(ctx -> new Generator<>(outOfOrder, idleLag))
                .withTimestampAssigner(time);
    }

    /** Bounded out-of-orderness with a wall-clock floor. */
    public static final class Generator<T> implements WatermarkGenerator<T> {
        private final long outOfOrder;
        private final long idleLag;
        private final java.util.function.LongSupplier clock;
        private long maxTimestamp = Long.MIN_VALUE;
        private long emitted = Long.MIN_VALUE;

        public Generator(Duration outOfOrder, Duration idleLag) {
            this(outOfOrder, idleLag, System::currentTimeMillis);
        }

        Generator(Duration outOfOrder, Duration idleLag, java.util.function.LongSupplier clock) {
            this.outOfOrder = outOfOrder.toMillis();
            this.idleLag = idleLag.toMillis();
            this.clock = clock;
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long fromEvents = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrder - 1;
            long wm = Math.max(fromEvents, clock.getAsLong() - idleLag);
            if (wm > emitted) {
                emitted = wm;
                output.emitWatermark(new Watermark(wm));
            }
        }
    }
}
