package vn.haiphong.ioc.simulators.gen.port;

import java.util.List;
import java.util.Locale;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.CityTime;
import vn.haiphong.ioc.simulators.gen.Curve;
import vn.haiphong.ioc.simulators.gen.PoissonSource;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * Trucks passing the terminal gates (DCSA equipment events GTIN/GTOT) with the container number the gate's OCR read.
 * Arrivals follow the gates' daily profile by thinning; a small share of numbers are misread and fail ISO 6346.
 */
final class GateEventSource extends PoissonSource {
    private final List<Gate> gates;
    private final Profile.Ports profile;
    private final Curve diurnal;
    private long seq;

    record Gate(Port port, PortAsset asset) {}

    GateEventSource(SimContext ctx, List<Gate> gates) {
        super(ctx, "gate-events", gates.size() * ctx.profile().ports().gateTrucksPerHour() / 3600);
        this.gates = List.copyOf(gates);
        this.profile = ctx.profile().ports();
        this.diurnal = Curve.of(profile.gateDiurnal());
    }

    @Override
    protected InboundEvent produce(long now) {
        Gate gate = Randoms.pick(rng, gates);
        boolean in = rng.nextBoolean();
        String number = ContainerNumbers.next(rng, profile.containerOwners());
        boolean misread = rng.nextDouble() < profile.gateMisreadShare();
        String plate = Randoms.weighted(rng, profile.plateProvinces())
                + "C-"
                + (100 + rng.nextInt(900))
                + "."
                + String.format(Locale.ROOT, "%02d", rng.nextInt(100));
        String lane = (in ? "IN-" : "OUT-") + (1 + rng.nextInt(3));
        // Thinning: draws at the peak rate are kept in proportion to the hour's level.
        if (rng.nextDouble() > diurnal.at(CityTime.hourOfDay(now))) {
            return null;
        }
        String device = gate.port().id() + "-" + gate.asset().id();
        return new GateEquipmentEvent(
                gate.port().id(),
                gate.asset().type(),
                gate.asset().id(),
                ctx.id(device, "evt", ++seq),
                now,
                in ? "GTIN" : "GTOT",
                misread ? ContainerNumbers.misread(rng, number) : number,
                plate,
                lane);
    }
}
