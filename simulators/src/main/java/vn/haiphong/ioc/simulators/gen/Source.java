package vn.haiphong.ioc.simulators.gen;

import java.util.SplittableRandom;
import vn.haiphong.ioc.core.event.InboundEvent;

/**
 * One stream of messages (a device's telemetry, a feed's events) with its own random stream and schedule, in
 * nanoseconds since the simulation started. The {@link Simulation} always asks the source that is due first.
 */
public abstract class Source {
    protected final SplittableRandom rng;
    protected final SimContext ctx;
    protected long due;
    /** Position among all sources, set by the simulation: breaks ties between sources due at the same instant. */
    int order;

    /** {@code key} names the source's random stream: unique, and stable across releases for reproducible runs. */
    protected Source(SimContext ctx, String key) {
        this.ctx = ctx;
        this.rng = Randoms.forKey(ctx.seed(), key);
    }

    /** When the next message is due, in nanoseconds since the start; {@link Long#MAX_VALUE} when none will come. */
    public final long due() {
        return due;
    }

    /** Messages per second this source sends at scale 1. */
    protected abstract double nominalRate();

    /**
     * True for telemetry, whose frequency is stretched to reach the requested rate; false for events that happen at
     * their own pace (detections, reports, gate passages).
     */
    protected abstract boolean elastic();

    /** Fixes the speed-up against the nominal rate and schedules the first message. */
    protected abstract void start(double scale);

    /** The event due now, or null when this slot yields nothing; then schedules the next. */
    protected abstract InboundEvent emit(long nowMillis);

    protected static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    /** The wait until the next of events arriving at random at {@code perSecond}, in nanoseconds (at least 1). */
    protected long exponentialGap(double perSecond) {
        return Math.max(1, nanos(-Math.log(1 - rng.nextDouble()) / perSecond));
    }
}
