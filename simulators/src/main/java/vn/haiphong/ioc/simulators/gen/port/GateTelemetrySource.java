package vn.haiphong.ioc.simulators.gen.port;

import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.CityTime;
import vn.haiphong.ioc.simulators.gen.Curve;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * A terminal gate's truck queue: it relaxes towards the daily profile's level (time constant 10 min) with noise, so
 * peaks build and drain rather than jump. The busiest gates pass 40 trucks at their peaks.
 */
final class GateTelemetrySource extends AssetSource {
    private static final double TAU_MS = 10 * 60_000;

    private final Curve profile;
    private final double peakQueue;
    private final double minutesPerTruck;
    private double queue = -1;

    GateTelemetrySource(SimContext ctx, Port port, PortAsset asset) {
        super(ctx, port, asset);
        this.profile = Curve.of(ctx.profile().ports().gateDiurnal());
        this.peakQueue = Randoms.uniform(rng, ctx.profile().ports().gatePeakQueue());
        this.minutesPerTruck = Randoms.uniform(rng, 0.95, 1.15);
    }

    @Override
    protected InboundEvent produce(long now) {
        double target = peakQueue * profile.at(CityTime.hourOfDay(now));
        if (queue < 0) {
            queue = target;
        }
        double step = Math.min(1, (now - previousMillis) / TAU_MS);
        queue = Math.max(0, queue + (target - queue) * step + 2.0 * Math.sqrt(step) * rng.nextGaussian());
        int length = (int) Math.round(Math.max(0, drive("queueLength", now, queue)));
        double wait = Math.max(0, drive("averageWaitMinutes", now, 4 + queue * minutesPerTruck));
        return new GateTelemetry(port.id(), asset.type(), asset.id(), nextId(), now, length, Randoms.round(wait, 1));
    }
}
