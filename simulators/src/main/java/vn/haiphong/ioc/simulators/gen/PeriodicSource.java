package vn.haiphong.ioc.simulators.gen;

import vn.haiphong.ioc.core.event.InboundEvent;

/** Telemetry at a fixed period (the nominal one divided by the scale), starting at a random phase. */
public abstract class PeriodicSource extends Source {
    private final double nominalPeriodSeconds;
    private long period;
    /** Event time of the previous reading: the start of the next observation interval. */
    protected long previousMillis;

    protected PeriodicSource(SimContext ctx, String key, double nominalPeriodSeconds) {
        super(ctx, key);
        if (!(nominalPeriodSeconds > 0)) {
            throw new IllegalArgumentException(key + ": the period must be positive");
        }
        this.nominalPeriodSeconds = nominalPeriodSeconds;
    }

    @Override
    protected final double nominalRate() {
        return 1 / nominalPeriodSeconds;
    }

    @Override
    protected final boolean elastic() {
        return true;
    }

    @Override
    protected final void start(double scale) {
        period = Math.max(1, nanos(nominalPeriodSeconds / scale));
        due = (long) (rng.nextDouble() * period);
        previousMillis = ctx.millisAt(due - period);
    }

    @Override
    protected final InboundEvent emit(long nowMillis) {
        InboundEvent event = produce(nowMillis);
        previousMillis = nowMillis;
        due += period;
        return event;
    }

    /** The reading at {@code nowMillis}; {@link #previousMillis} is when the previous one was taken. */
    protected abstract InboundEvent produce(long nowMillis);
}
