package vn.haiphong.ioc.simulators.gen.port;

import java.util.List;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * A port's AIS receiver, relaying in turn the positions of the ships at the anchorage, in the channel and alongside.
 * Some ships report no heading and moored ships no course: AIS sends "not available" (511, 360) for those, which the
 * wire records turn into absent fields.
 */
final class AisSource extends AssetSource {
    private static final int HEADING_NOT_AVAILABLE = 511;
    private static final double NO_HEADING_SHARE = 0.05;

    private final VesselPlans vessels;
    private int turn;

    AisSource(SimContext ctx, Port port, PortAsset asset, VesselPlans vessels) {
        super(ctx, port, asset);
        this.vessels = vessels;
    }

    @Override
    protected InboundEvent produce(long now) {
        List<VesselPlans.Call> active = vessels.active(port, now);
        if (active.isEmpty()) {
            return null;
        }
        VesselPlans.Call call = active.get(Math.floorMod(turn++, active.size()));
        VesselPlans.Fix fix = VesselPlans.fix(call, now, rng);
        boolean noHeading = rng.nextDouble() < NO_HEADING_SHARE;
        return new AisPosition(
                port.id(),
                asset.type(),
                asset.id(),
                nextId(),
                now,
                call.vessel().mmsi(),
                Randoms.round(fix.lat(), 5),
                Randoms.round(fix.lon(), 5),
                Randoms.round(fix.sog(), 1),
                Randoms.round(fix.cog(), 1),
                noHeading ? HEADING_NOT_AVAILABLE : (int) Math.round(fix.heading()) % 360,
                fix.navigationStatus());
    }
}
