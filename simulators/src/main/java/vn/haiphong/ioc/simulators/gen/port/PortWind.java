package vn.haiphong.ioc.simulators.gen.port;

import java.util.SplittableRandom;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * The wind over one port: the city's weather shifted by a per-port phase. Gusts of calm weather stay under the
 * profile's cap (below the 13 m/s at which a wind warning clears), so alerts come from scenarios, not from noise.
 */
final class PortWind {
    private final SimContext ctx;
    private final double phase;

    PortWind(SimContext ctx, Port port) {
        this.ctx = ctx;
        this.phase = Randoms.forKey(ctx.seed(), "wind:" + port.id()).nextDouble() * 2 * Math.PI;
    }

    double mean(long t, SplittableRandom rng) {
        return Randoms.clamp(ctx.weather().wind(t, phase) + 0.4 * rng.nextGaussian(), 0.5, 10);
    }

    double gust(double mean, SplittableRandom rng) {
        return Math.min(ctx.profile().ports().calmGustMax(), mean * Randoms.uniform(rng, 1.25, 1.4));
    }
}
