package vn.haiphong.ioc.simulators.gen.port;

import java.util.ArrayDeque;
import java.util.Deque;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.gen.Source;

/**
 * A berth's DCSA just-in-time port-call events: estimated then actual arrival, estimated then actual departure. The
 * estimates are announced only a few minutes ahead, because ioc-core reads {@code dateTime} as the event time and
 * rejects event times more than 5 minutes in the future.
 */
final class BerthEventSource extends Source {
    private static final long MINUTE = 60_000;

    private final Port port;
    private final PortAsset berth;
    private final VesselPlans vessels;
    private final Deque<Planned> pending = new ArrayDeque<>();
    private int callIndex;
    private long seq;

    /** An event to publish at {@code publishAt} (epoch ms). */
    private record Planned(long publishAt, BerthEvent event) {}

    BerthEventSource(SimContext ctx, Port port, PortAsset berth, VesselPlans vessels) {
        super(ctx, "berth-events:" + port.id() + ":" + berth.id());
        this.port = port;
        this.berth = berth;
        this.vessels = vessels;
    }

    @Override
    protected double nominalRate() {
        double hoursPerCall = ctx.profile().ports().vesselCall().berthHours()[1];
        return 4 / (hoursPerCall * 3600);
    }

    @Override
    protected boolean elastic() {
        return false;
    }

    @Override
    protected void start(double scale) {
        refill();
    }

    @Override
    protected InboundEvent emit(long now) {
        BerthEvent event = pending.poll().event();
        refill();
        return event;
    }

    /** Plans the events of the next call whenever the queue runs dry; events before the start are left out. */
    private void refill() {
        while (pending.isEmpty()) {
            VesselPlans.Call call = vessels.call(port, berth, callIndex++);
            plan(call, "ARRI", call.arrive());
            plan(call, "DEPA", call.depart());
        }
        due = ctx.nanosAt(pending.peek().publishAt());
    }

    private void plan(VesselPlans.Call call, String type, long actual) {
        long announced = actual - (long) (Randoms.uniform(rng, 2, 3.5) * MINUTE);
        long estimate = actual + (long) (20_000 * rng.nextGaussian());
        add(announced, call, type, "EST", estimate);
        add(actual, call, type, "ACT", actual);
    }

    private void add(long publishAt, VesselPlans.Call call, String type, String classifier, long dateTime) {
        if (publishAt < ctx.startMillis()) {
            return;
        }
        String device = port.id() + "-" + berth.id();
        pending.add(new Planned(
                publishAt,
                new BerthEvent(
                        port.id(),
                        berth.type(),
                        berth.id(),
                        ctx.id(device, "evt", ++seq),
                        dateTime,
                        call.vessel().mmsi(),
                        call.vessel().imo(),
                        call.vessel().name(),
                        type,
                        classifier)));
    }
}
