package vn.haiphong.ioc.simulators.gen.port;

import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/** A port weather station: wind, gusts, direction, rain and visibility. */
final class MetSource extends AssetSource {
    private final PortWind wind;

    MetSource(SimContext ctx, Port port, PortAsset asset, PortWind wind) {
        super(ctx, port, asset);
        this.wind = wind;
    }

    @Override
    protected InboundEvent produce(long now) {
        double mean = wind.mean(now, rng);
        double gust = wind.gust(mean, rng);
        double direction = ctx.weather().direction(now) + 8 * rng.nextGaussian();
        double rain = ctx.weather().rain(now) * Randoms.uniform(rng, 0.8, 1.2);
        double visibility = Math.min(20_000, ctx.weather().visibility(now) * Randoms.uniform(rng, 0.9, 1.05));
        double windSpeed = Math.max(0, drive("windSpeed", now, mean));
        return new MetObserved(
                port.id(),
                asset.type(),
                asset.id(),
                nextId(),
                now,
                Randoms.round(windSpeed, 1),
                Randoms.round(Math.max(windSpeed, drive("gustSpeed", now, gust)), 1),
                Randoms.round(((drive("windDirection", now, direction) % 360) + 360) % 360, 0),
                Randoms.round(Math.max(0, drive("precipitation", now, rain)), 1),
                Randoms.round(Math.max(0, drive("visibility", now, visibility)), 0));
    }
}
