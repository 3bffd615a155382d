package vn.haiphong.ioc.simulators.gen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.PortAssetState;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.core.wire.Feed;

/**
 * The retained {@code state} of every simulated camera and port asset: {@code online} first thing at the start, and
 * {@code offline} when the simulator stops cleanly (the broker sends a last will only when a connection breaks).
 */
final class DeviceStates extends Source {
    private final Deque<InboundEvent> startup;

    DeviceStates(SimContext ctx, Set<Feed> feeds) {
        super(ctx, "device-states");
        this.startup = new ArrayDeque<>(states(ctx, feeds, "online", ctx.startMillis()));
    }

    static List<InboundEvent> states(SimContext ctx, Set<Feed> feeds, String status, long at) {
        List<InboundEvent> out = new ArrayList<>();
        if (feeds.contains(Feed.cam)) {
            for (Camera c : ctx.reference().cameras()) {
                out.add(new CameraState(c.id(), ctx.id(c.id(), "state-" + status, 0), at, status));
            }
        }
        if (feeds.contains(Feed.port)) {
            for (Port p : ctx.reference().ports()) {
                for (PortAsset a : p.assets()) {
                    String device = p.id() + "-" + a.id();
                    out.add(new PortAssetState(
                            p.id(), a.type(), a.id(), ctx.id(device, "state-" + status, 0), at, status));
                }
            }
        }
        return out;
    }

    @Override
    protected double nominalRate() {
        return 0;
    }

    @Override
    protected boolean elastic() {
        return false;
    }

    @Override
    protected void start(double scale) {
        due = startup.isEmpty() ? Long.MAX_VALUE : 0;
    }

    @Override
    protected InboundEvent emit(long now) {
        InboundEvent e = startup.poll();
        due = startup.isEmpty() ? Long.MAX_VALUE : 0;
        return e;
    }
}
