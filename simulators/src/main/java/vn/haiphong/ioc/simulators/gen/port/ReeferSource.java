package vn.haiphong.ioc.simulators.gen.port;

import java.util.ArrayList;
import java.util.List;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * A reefer rack's plugged-in containers, read in turn. Each holds its setpoint (frozen seafood at −18/−25 °C, chilled
 * fruit at +2…+13 °C) with supply air close to it, until a rare fault: the plug loses power (the box warms towards
 * the ambient air) or the unit drifts a few degrees off setpoint, for longer than the alert rules wait.
 */
final class ReeferSource extends AssetSource {
    private static final long MINUTE = 60_000;
    private static final double AMBIENT_C = 28;
    private static final int DEFAULT_PLUGS = 100;

    private final Profile.Ports profile;
    private final List<Box> boxes = new ArrayList<>();
    private int next;

    private final class Box {
        final String number;
        final double setpoint;
        final double bias;
        long faultStart;
        long faultEnd;
        boolean powerFault;
        double drift;
        /** Since when a scenario has cut this box's power, or MIN_VALUE. */
        long cutSince = Long.MIN_VALUE;

        Box(String number, double setpoint, double bias) {
            this.number = number;
            this.setpoint = setpoint;
            this.bias = bias;
            scheduleFault(ctx.startMillis());
        }

        void scheduleFault(long after) {
            double meanHours = profile.reeferFaultHours();
            faultStart = after + (long) (-Math.log(1 - rng.nextDouble()) * meanHours * 3_600_000L);
            powerFault = rng.nextBoolean();
            faultEnd = faultStart + (long) (Randoms.uniform(rng, powerFault ? 15 : 20, powerFault ? 40 : 45) * MINUTE);
            drift = Randoms.uniform(rng, 2.5, 5);
        }
    }

    ReeferSource(SimContext ctx, Port port, PortAsset asset) {
        super(ctx, port, asset);
        this.profile = ctx.profile().ports();
        int plugs = asset.plugs() == null ? DEFAULT_PLUGS : asset.plugs();
        int count = Math.max(1, (int) Math.round(plugs * profile.reeferFill()));
        for (int i = 0; i < count; i++) {
            String number = ContainerNumbers.next(rng, profile.reeferOwners());
            double setpoint = Double.parseDouble(Randoms.weighted(rng, profile.reeferSetpoints()));
            boxes.add(new Box(number, setpoint, 0.2 * rng.nextGaussian()));
        }
    }

    @Override
    protected InboundEvent produce(long now) {
        Box box = boxes.get(next);
        next = (next + 1) % boxes.size();
        while (now >= box.faultEnd) {
            box.scheduleFault(box.faultEnd);
        }
        boolean faulty = now >= box.faultStart;
        boolean cut = drive("powerOn", now, 1) < 0.5;
        if (!cut) {
            box.cutSince = Long.MIN_VALUE;
        } else if (box.cutSince == Long.MIN_VALUE) {
            box.cutSince = now;
        }
        boolean powerOn = !(faulty && box.powerFault) && !cut;
        double supply;
        double returnAir;
        if (!powerOn) {
            double minutesOff = (now - (cut ? box.cutSince : box.faultStart)) / (double) MINUTE;
            supply = Math.min(AMBIENT_C, box.setpoint + 0.12 * minutesOff);
            returnAir = supply + 0.5;
        } else {
            supply = box.setpoint + box.bias + (faulty ? box.drift : 0) + 0.25 * rng.nextGaussian();
            returnAir = supply + (box.setpoint < 0 ? Randoms.uniform(rng, 2, 4) : Randoms.uniform(rng, 1.5, 3));
        }
        return new ReeferTelemetry(
                port.id(),
                asset.type(),
                asset.id(),
                nextId(),
                now,
                box.number,
                box.setpoint,
                Randoms.round(supply, 1),
                Randoms.round(returnAir, 1),
                powerOn);
    }
}
