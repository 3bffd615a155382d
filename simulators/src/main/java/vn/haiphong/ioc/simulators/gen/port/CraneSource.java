package vn.haiphong.ioc.simulators.gen.port;

import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * A ship-to-shore or yard (RTG) crane. It alternates work and pauses (an STS crane works only while a ship lies at its
 * berth), breaks down now and then, and stops for wind when its boom anemometer reads a gust of 20 m/s, resuming below
 * 18 m/s.
 */
final class CraneSource extends AssetSource {
    private static final double STOP_GUST = 20;
    private static final double RESUME_GUST = 18;
    private static final long MINUTE = 60_000;

    private final PortWind wind;
    private final VesselPlans vessels;
    private final PortAsset berth;
    private final double movesPerHour;
    private boolean windStop;
    private boolean working;
    private long shiftEnd;
    private long faultStart;
    private long faultEnd;

    CraneSource(SimContext ctx, Port port, PortAsset asset, PortWind wind, VesselPlans vessels, PortAsset berth) {
        super(ctx, port, asset);
        this.wind = wind;
        this.vessels = vessels;
        this.berth = berth;
        this.movesPerHour = ctx.profile().ports().cranesPerHour().getOrDefault(asset.type(), 20.0);
        this.working = rng.nextDouble() < 0.7;
        this.shiftEnd = ctx.startMillis() + (long) (Randoms.uniform(rng, 10, 120) * MINUTE);
        this.faultStart = ctx.startMillis() + nextFaultGap();
        this.faultEnd = faultStart + (long) (Randoms.uniform(rng, 15, 45) * MINUTE);
    }

    private long nextFaultGap() {
        double perDay = ctx.profile().ports().craneFaultsPerDay();
        return perDay <= 0 ? Long.MAX_VALUE / 4 : (long) (-Math.log(1 - rng.nextDouble()) / perDay * 86_400_000L);
    }

    @Override
    protected InboundEvent produce(long now) {
        while (now >= shiftEnd) {
            working = !working;
            shiftEnd += (long) ((working ? Randoms.uniform(rng, 60, 240) : Randoms.uniform(rng, 10, 60)) * MINUTE);
        }
        while (now >= faultEnd) {
            faultStart = faultEnd + nextFaultGap();
            faultEnd = faultStart + (long) (Randoms.uniform(rng, 15, 45) * MINUTE);
        }
        double gust = Math.max(0, drive("gustSpeed", now, wind.gust(wind.mean(now, rng), rng)));
        if (gust >= STOP_GUST) {
            windStop = true;
        } else if (gust < RESUME_GUST) {
            windStop = false;
        }
        boolean shipAlongside = berth == null || vessels.occupied(port, berth, now);
        String state;
        if (now >= faultStart) {
            state = "fault";
        } else if (windStop) {
            state = "stopped";
        } else {
            state = working && shipAlongside ? "working" : "idle";
        }
        boolean busy = state.equals("working");
        int moves = busy ? Randoms.poisson(rng, movesPerHour * (now - previousMillis) / 3_600_000.0) : 0;
        double load = busy && rng.nextDouble() < 0.55 ? Randoms.round(Randoms.uniform(rng, 4, 32), 1) : 0.0;
        return new CraneTelemetry(
                port.id(), asset.type(), asset.id(), nextId(), now, state, moves, Randoms.round(gust, 1), load);
    }
}
