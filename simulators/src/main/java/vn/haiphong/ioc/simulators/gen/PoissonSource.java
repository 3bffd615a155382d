package vn.haiphong.ioc.simulators.gen;

import vn.haiphong.ioc.core.event.InboundEvent;

/** Events arriving at random (exponential gaps) at a mean rate. */
public abstract class PoissonSource extends Source {
    private final double nominalPerSecond;
    private double perSecond;

    protected PoissonSource(SimContext ctx, String key, double nominalPerSecond) {
        super(ctx, key);
        this.nominalPerSecond = nominalPerSecond;
    }

    @Override
    protected final double nominalRate() {
        return nominalPerSecond;
    }

    @Override
    protected final boolean elastic() {
        return false;
    }

    @Override
    protected final void start(double scale) {
        perSecond = nominalPerSecond * scale;
        due = perSecond > 0 ? exponentialGap(perSecond) : Long.MAX_VALUE;
    }

    @Override
    protected final InboundEvent emit(long nowMillis) {
        InboundEvent event = produce(nowMillis);
        due += exponentialGap(perSecond);
        return event;
    }

    protected abstract InboundEvent produce(long nowMillis);
}
