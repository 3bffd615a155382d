package vn.haiphong.ioc.simulators.gen.port;

import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * A tide gauge in cm above chart datum. Hai Phong's tide is mostly diurnal (one high and one low water a day, range
 * up to about 4 m at springs); the K1 and O1 constituents beat into the fortnightly spring-neap cycle and a small M2
 * term adds the semi-diurnal wobble. Constituents are fixed data, so every run agrees on the tide.
 */
final class TideSource extends AssetSource {
    private static final double HOUR_MS = 3_600_000.0;

    private final Profile.Tide tide;
    /** Gauges further up-river (west of the Lạch Huyện sea gate) see the tide later. */
    private static final double SEA_GATE_LON = 106.91;

    private static final double LAG_HOURS_PER_DEGREE = 2;

    private final double lagHours;

    TideSource(SimContext ctx, Port port, PortAsset asset) {
        super(ctx, port, asset);
        this.tide = ctx.profile().ports().tide();
        this.lagHours = Math.max(0, SEA_GATE_LON - port.lon()) * LAG_HOURS_PER_DEGREE;
    }

    static double level(Profile.Tide tide, long t, double lagHours) {
        double h = t / HOUR_MS - lagHours;
        double level = tide.meanCm();
        for (double[] c : tide.components()) {
            level += c[1] * Math.cos(2 * Math.PI * h / c[0] + c[2]);
        }
        return level;
    }

    @Override
    protected InboundEvent produce(long now) {
        double natural = level(tide, now, lagHours) + 2 * rng.nextGaussian();
        return new TideTelemetry(
                port.id(),
                asset.type(),
                asset.id(),
                nextId(),
                now,
                Randoms.round(drive("waterLevel", now, natural), 1));
    }
}
