package vn.haiphong.ioc.simulators.gen.port;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.gen.Source;
import vn.haiphong.ioc.simulators.scenario.Scenario;

/**
 * The messages a scenario adds of its own, planned at the start and sent at their times: a vessel's AIS positions
 * along its waypoints and its berth's arrival events, and scripted gate events. Scenario times are divided by the
 * scenario speed, as the tracks' are.
 */
final class ScriptedSource extends Source {
    private static final long MINUTE = 60_000;
    private static final double METERS_PER_DEGREE = 111_320;

    private record Planned(long at, InboundEvent event) {}

    private final List<Planned> plan = new ArrayList<>();
    private int next;

    ScriptedSource(SimContext ctx, Scenario scenario, double speed) {
        super(ctx, "scenario:" + scenario.name());
        long seq = 0;
        for (Scenario.Vessel v : scenario.vessels()) {
            Port port = ctx.reference().port(v.port()).orElseThrow();
            PortAsset ais = port.assets().stream()
                    .filter(a -> a.type().equals("ais"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("port " + port.id() + " has no AIS receiver"));
            List<Scenario.Waypoint> wps = v.track();
            long first = wps.get(0).at().toMillis();
            long last = wps.get(wps.size() - 1).at().toMillis();
            long step = (long) (v.aisSeconds() * 1000);
            for (long s = first; s <= last; s += step) {
                plan.add(new Planned(at(s, speed), position(port, ais, v, s, speed, ++seq)));
            }
            if (v.berth() != null && v.arriveAt() != null) {
                long arrive = at(v.arriveAt().toMillis(), speed);
                String device = port.id() + "-" + v.berth();
                // Announced three minutes ahead: the codec refuses event times more than five minutes ahead.
                plan.add(new Planned(arrive - 3 * MINUTE, berth(port, v, ctx.id(device, "evt", ++seq), arrive, "EST")));
                plan.add(new Planned(arrive, berth(port, v, ctx.id(device, "evt", ++seq), arrive, "ACT")));
            }
        }
        for (Scenario.GateEvent g : scenario.gateEvents()) {
            long t = at(g.at().toMillis(), speed);
            plan.add(new Planned(
                    t,
                    new GateEquipmentEvent(
                            g.port(),
                            "gate",
                            g.gate(),
                            ctx.id(g.port() + "-" + g.gate(), "evt-scenario", ++seq),
                            t,
                            g.equipmentEventTypeCode() == null ? "GTIN" : g.equipmentEventTypeCode(),
                            g.equipmentReference(),
                            g.truckPlate(),
                            g.lane())));
        }
        plan.removeIf(p -> p.at() < ctx.startMillis());
        plan.sort(Comparator.comparingLong(Planned::at));
    }

    private long at(long scenarioMillis, double speed) {
        return ctx.startMillis() + (long) (scenarioMillis / speed);
    }

    /** The position at scenario time {@code s}: on the leg between the waypoints around it. */
    private AisPosition position(Port port, PortAsset ais, Scenario.Vessel v, long s, double speed, long seq) {
        List<Scenario.Waypoint> wps = v.track();
        int i = 0;
        while (i < wps.size() - 2 && wps.get(i + 1).at().toMillis() <= s) {
            i++;
        }
        Scenario.Waypoint a = wps.get(i);
        Scenario.Waypoint b = wps.get(Math.min(i + 1, wps.size() - 1));
        long span = b.at().toMillis() - a.at().toMillis();
        double f = span <= 0 ? 1 : Math.min(1, (s - a.at().toMillis()) / (double) span);
        double lat = a.lat() + f * (b.lat() - a.lat());
        double lon = a.lon() + f * (b.lon() - a.lon());
        double dy = (b.lat() - a.lat()) * METERS_PER_DEGREE;
        double dx = (b.lon() - a.lon()) * METERS_PER_DEGREE * Math.cos(Math.toRadians(a.lat()));
        double meters = Math.hypot(dx, dy);
        // Knots in the vessel's own time: the scenario speed compresses the clock, not the ship.
        double knots = span <= 0 || meters < 1 ? 0 : meters / 1852 / (span / 3_600_000.0);
        Double cog = knots == 0 ? null : (Math.toDegrees(Math.atan2(dx, dy)) + 360) % 360;
        int status = a.navigationStatus() == null ? 0 : a.navigationStatus();
        if (f >= 1 && b.navigationStatus() != null) {
            status = b.navigationStatus();
        }
        long t = at(s, speed);
        return new AisPosition(
                port.id(),
                ais.type(),
                ais.id(),
                ctx.id(port.id() + "-" + ais.id(), "tlm-scenario", seq),
                t,
                v.mmsi(),
                Randoms.round(lat, 5),
                Randoms.round(lon, 5),
                Randoms.round(knots, 1),
                cog == null ? null : Randoms.round(cog, 1),
                cog == null ? null : (int) Math.round(cog) % 360,
                status);
    }

    private static BerthEvent berth(Port port, Scenario.Vessel v, String id, long arrive, String classifier) {
        return new BerthEvent(
                port.id(), "berth", v.berth(), id, arrive, v.mmsi(), v.imo(), v.name(), "ARRI", classifier);
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
        schedule();
    }

    @Override
    protected InboundEvent emit(long nowMillis) {
        InboundEvent e = plan.get(next++).event();
        schedule();
        return e;
    }

    private void schedule() {
        due = next < plan.size() ? ctx.nanosAt(plan.get(next).at()) : Long.MAX_VALUE;
    }
}
