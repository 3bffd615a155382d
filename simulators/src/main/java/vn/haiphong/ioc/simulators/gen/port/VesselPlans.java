package vn.haiphong.ioc.simulators.gen.port;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * The port calls of every berth, drawn lazily from each berth's random stream: a vessel waits at the anchorage, sails
 * the approach channel, lies at the berth, and leaves. AIS positions, berth events and ship-to-shore cranes all read
 * the same plan, so a crane works only while a ship is alongside.
 */
final class VesselPlans {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final double METERS_PER_DEGREE = 111_320;

    private final SimContext ctx;
    private final Profile.Ports profile;
    // Keyed by identity: the reference data's records are shared, and hashing them field by field is slow on a hot
    // path.
    private final Map<PortAsset, BerthPlan> plans = new IdentityHashMap<>();
    private final Map<Port, List<PortAsset>> berths = new IdentityHashMap<>();

    record Vessel(String name, long mmsi, long imo) {}

    /** One port call; times in epoch milliseconds; {@code path} runs from the anchorage to the berth. */
    record Call(
            Vessel vessel,
            double[][] path,
            long anchorStart,
            long approachStart,
            long arrive,
            long depart,
            long leaveEnd,
            double berthHeading) {}

    /** Where a vessel is, and what AIS says about it. */
    record Fix(double lat, double lon, double sog, double cog, double heading, int navigationStatus) {}

    VesselPlans(SimContext ctx) {
        this.ctx = ctx;
        this.profile = ctx.profile().ports();
    }

    private BerthPlan plan(Port port, PortAsset berth) {
        return plans.computeIfAbsent(berth, b -> new BerthPlan(port, b));
    }

    /** The calls of a berth up to (at least) {@code until}, in time order. */
    List<Call> calls(Port port, PortAsset berth, long until) {
        BerthPlan p = plan(port, berth);
        p.extend(until);
        return p.calls;
    }

    /** The berth's {@code index}-th call (0 is the one under way or next at the start). */
    Call call(Port port, PortAsset berth, int index) {
        BerthPlan p = plan(port, berth);
        p.extend(ctx.startMillis());
        while (p.calls.size() <= index) {
            p.extend(p.calls.get(p.calls.size() - 1).arrive());
        }
        return p.calls.get(index);
    }

    boolean occupied(Port port, PortAsset berth, long t) {
        List<Call> calls = calls(port, berth, t);
        for (int i = calls.size() - 1; i >= 0; i--) {
            Call c = calls.get(i);
            if (c.arrive() <= t && t < c.depart()) {
                return true;
            }
            if (c.leaveEnd() <= t) {
                return false;
            }
        }
        return false;
    }

    /** Calls of the port whose vessel is at the anchorage, under way or alongside at {@code t}. */
    List<Call> active(Port port, long t) {
        List<Call> out = new ArrayList<>();
        List<PortAsset> list = berths.computeIfAbsent(
                port,
                p -> p.assets().stream().filter(a -> a.type().equals("berth")).toList());
        for (PortAsset berth : list) {
            List<Call> calls = calls(port, berth, t);
            for (int i = calls.size() - 1; i >= 0; i--) {
                Call c = calls.get(i);
                if (c.leaveEnd() <= t) {
                    break;
                }
                if (c.anchorStart() <= t) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    static Fix fix(Call c, long t, SplittableRandom rng) {
        double[][] path = c.path();
        if (t < c.approachStart()) {
            return new Fix(
                    path[0][0], path[0][1], Randoms.uniform(rng, 0, 0.3), rng.nextDouble() * 360, c.berthHeading(), 1);
        }
        if (t < c.arrive()) {
            // Slowing from 1.4 to 0.6 times the mean speed: the distance covered is the integral of that.
            double f = (t - c.approachStart()) / (double) (c.arrive() - c.approachStart());
            double sog = knots(path, c.arrive() - c.approachStart()) * (1.4 - 0.8 * f);
            return underway(path, 1.4 * f - 0.4 * f * f, sog, rng);
        }
        if (t < c.depart()) {
            double[] berth = path[path.length - 1];
            // COG 360 is AIS for "not available": a moored ship has no course.
            return new Fix(berth[0], berth[1], 0, 360, c.berthHeading(), 5);
        }
        // Leaving, the ship speeds up from 0.6 to 1.4 times its mean speed.
        double f = (t - c.depart()) / (double) (c.leaveEnd() - c.depart());
        double[][] out = new double[path.length][];
        for (int i = 0; i < path.length; i++) {
            out[i] = path[path.length - 1 - i];
        }
        double sog = knots(path, c.leaveEnd() - c.depart()) * (0.6 + 0.8 * f);
        return underway(out, 0.6 * f + 0.4 * f * f, sog, rng);
    }

    private static Fix underway(double[][] path, double f, double sog, SplittableRandom rng) {
        double total = length(path);
        double target = f * total;
        for (int i = 1; i < path.length; i++) {
            double leg = distance(path[i - 1], path[i]);
            if (target <= leg || i == path.length - 1) {
                double g = leg == 0 ? 1 : Math.min(1, target / leg);
                double lat = path[i - 1][0] + g * (path[i][0] - path[i - 1][0]);
                double lon = path[i - 1][1] + g * (path[i][1] - path[i - 1][1]);
                double cog = bearing(path[i - 1], path[i]);
                double heading = (cog + 2 * rng.nextGaussian() + 360) % 360;
                return new Fix(lat, lon, sog, cog, heading, 0);
            }
            target -= leg;
        }
        throw new IllegalStateException("a path needs two points");
    }

    private static double knots(double[][] path, long millis) {
        return length(path) / 1852 / (millis / (double) HOUR);
    }

    private static double length(double[][] path) {
        double sum = 0;
        for (int i = 1; i < path.length; i++) {
            sum += distance(path[i - 1], path[i]);
        }
        return sum;
    }

    private static double distance(double[] a, double[] b) {
        double dy = (b[0] - a[0]) * METERS_PER_DEGREE;
        double dx = (b[1] - a[1]) * METERS_PER_DEGREE * Math.cos(Math.toRadians(a[0]));
        return Math.hypot(dx, dy);
    }

    private static double bearing(double[] a, double[] b) {
        double dy = b[0] - a[0];
        double dx = (b[1] - a[1]) * Math.cos(Math.toRadians(a[0]));
        return (Math.toDegrees(Math.atan2(dx, dy)) + 360) % 360;
    }

    private final class BerthPlan {
        private final PortAsset berth;
        private final double[][] approach;
        private final SplittableRandom rng;
        private final List<Call> calls = new ArrayList<>();

        BerthPlan(Port port, PortAsset berth) {
            this.berth = berth;
            this.rng = Randoms.forKey(ctx.seed(), "calls:" + port.id() + ":" + berth.id());
            double[][] approach = profile.approaches().get(port.id());
            // A port the profile has no channel for: ships come straight from 5 km south of it.
            this.approach = approach != null ? approach : new double[][] {{port.lat() - 0.045, port.lon()}};
        }

        void extend(long until) {
            Profile.VesselCall p = profile.vesselCall();
            if (calls.isEmpty()) {
                double stay = Randoms.uniform(rng, p.berthHours()) * HOUR;
                long arrive = rng.nextDouble() < p.occupiedAtStart()
                        ? ctx.startMillis() - (long) (rng.nextDouble() * stay)
                        : ctx.startMillis() + (long) (Randoms.uniform(rng, p.idleMinutes()) * MINUTE);
                calls.add(call(arrive, (long) stay));
            }
            // A day ahead, so that estimated-arrival events can be announced before the ship arrives.
            while (calls.get(calls.size() - 1).arrive() < until + 24 * HOUR) {
                Call last = calls.get(calls.size() - 1);
                long arrive = last.depart() + (long) (Randoms.uniform(rng, p.idleMinutes()) * MINUTE);
                calls.add(call(arrive, (long) (Randoms.uniform(rng, p.berthHours()) * HOUR)));
            }
        }

        private Call call(long arrive, long stay) {
            Profile.VesselCall p = profile.vesselCall();
            double[][] path = new double[approach.length + 1][];
            for (int i = 0; i < approach.length; i++) {
                path[i] = approach[i].clone();
            }
            // Each ship anchors at its own spot.
            path[0][0] += Randoms.uniform(rng, -0.01, 0.01);
            path[0][1] += Randoms.uniform(rng, -0.01, 0.01);
            path[approach.length] = new double[] {berth.lat(), berth.lon()};
            long approachStart = arrive - sailing(path, Randoms.uniform(rng, p.channelKnots()));
            long anchorStart = approachStart - (long) (Randoms.uniform(rng, p.anchorMinutes()) * MINUTE);
            long depart = arrive + stay;
            long leaveEnd = depart + sailing(path, Randoms.uniform(rng, p.channelKnots()));
            return new Call(
                    vessel(), path, anchorStart, approachStart, arrive, depart, leaveEnd, rng.nextDouble() * 360);
        }

        private static long sailing(double[][] path, double knots) {
            return (long) (length(path) / 1852 / knots * HOUR);
        }

        private Vessel vessel() {
            long mid = Long.parseLong(Randoms.weighted(rng, profile.flags()));
            long mmsi = mid * 1_000_000 + rng.nextInt(1_000_000);
            int[] d = new int[6];
            d[0] = 9;
            int sum = d[0] * 7;
            for (int i = 1; i < 6; i++) {
                d[i] = rng.nextInt(10);
                sum += d[i] * (7 - i);
            }
            long imo = 0;
            for (int digit : d) {
                imo = imo * 10 + digit;
            }
            // IMO numbers end in a check digit: the weighted sum (7..2) of the first six, mod 10.
            imo = imo * 10 + sum % 10;
            return new Vessel(Randoms.pick(rng, profile.vesselNames()), mmsi, imo);
        }
    }
}
