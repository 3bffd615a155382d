package vn.haiphong.ioc.simulators.gen.cam;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.simulators.gen.CityTime;
import vn.haiphong.ioc.simulators.gen.Curve;
import vn.haiphong.ioc.simulators.gen.PeriodicSource;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.scenario.ScenarioPlayer;

/**
 * The queue at a one-stop public-service desk (bộ phận một cửa): citizens arrive by the office-hours profile, the open
 * counters serve them, the queue carries over between readings. Outside office hours the hall is empty and the camera
 * keeps reporting zeros, so that silence still means a broken camera.
 */
final class DeskCameraSource extends PeriodicSource {
    private final Camera camera;
    private final Profile.Desks profile;
    private final Curve arrivals;
    private final int counters;
    private final double load;
    private double queue;
    private long seq;

    DeskCameraSource(SimContext ctx, Camera camera) {
        super(ctx, camera.id(), ctx.profile().desks().periodSeconds());
        this.camera = camera;
        this.profile = ctx.profile().desks();
        this.arrivals = Curve.of(profile.arrivals());
        this.counters = profile.counters()[0] + rng.nextInt(profile.counters()[1] - profile.counters()[0] + 1);
        boolean busy = profile.busyDesks().contains(camera.id());
        this.load = Randoms.uniform(rng, busy ? profile.busyPeakLoad() : profile.peakLoad());
    }

    static boolean open(Profile.Desks profile, long t) {
        DayOfWeek day = CityTime.dayOfWeek(t);
        List<List<String>> sessions = day == DayOfWeek.SUNDAY
                ? List.of()
                : day == DayOfWeek.SATURDAY ? profile.saturdaySessions() : profile.weekdaySessions();
        double hour = CityTime.hourOfDay(t);
        for (List<String> s : sessions) {
            if (hour >= hours(s.get(0)) && hour < hours(s.get(1))) {
                return true;
            }
        }
        return false;
    }

    private static double hours(String hhmm) {
        return LocalTime.parse(hhmm).toSecondOfDay() / 3600.0;
    }

    @Override
    protected InboundEvent produce(long now) {
        ScenarioPlayer scenario = ctx.scenario();
        if (scenario.silenced(camera.id(), now)) {
            return null; // a scenario's outage: the camera is dark
        }
        String id = ctx.id(camera.id(), "tlm", ++seq);
        if (scenario.drivesCamera(camera.id(), "queueLength", now)
                || scenario.drivesCamera(camera.id(), "averageWaitMinutes", now)) {
            int waiting =
                    (int) Math.max(0, Math.round(scenario.driveCamera(camera.id(), "queueLength", now, queue, rng)));
            double wait = Math.max(0, scenario.driveCamera(camera.id(), "averageWaitMinutes", now, waiting * 2.0, rng));
            queue = waiting;
            return new CrowdFlowObserved(
                    camera.id(),
                    id,
                    previousMillis,
                    now,
                    waiting + counters,
                    waiting,
                    Randoms.round(wait, 1),
                    counters);
        }
        if (!open(profile, now)) {
            queue = 0;
            return new CrowdFlowObserved(camera.id(), id, previousMillis, now, 0, 0, 0.0, 0);
        }
        double hours = (now - previousMillis) / 3_600_000.0;
        double capacityPerHour = counters * profile.servedPerCounterHour();
        double arrivalsPerHour = load * capacityPerHour * arrivals.at(CityTime.hourOfDay(now));
        int arrived = Randoms.poisson(rng, arrivalsPerHour * hours);
        int served = Math.min((int) queue + arrived, Randoms.poisson(rng, capacityPerHour * hours));
        queue = Math.max(0, queue + arrived - served);
        int waiting = (int) queue;
        int atCounters = (int) Math.round(counters * Math.min(1, arrivalsPerHour / capacityPerHour));
        double serviceMinutes = 60 / profile.servedPerCounterHour();
        double wait = waiting / capacityPerHour * 60 + serviceMinutes / 2;
        return new CrowdFlowObserved(
                camera.id(), id, previousMillis, now, waiting + atCounters, waiting, Randoms.round(wait, 1), counters);
    }
}
