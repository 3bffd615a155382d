package vn.haiphong.ioc.simulators.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.gen.Source;

/**
 * The camera and citizen messages a scenario adds of its own, planned at the start and sent at their times: camera
 * detections (repeated ones each with its own id), the retained states of a camera going dark and coming back, and
 * citizen reports with their updates. Scenario times are divided by the scenario speed, as the tracks' are. Only the
 * selected feeds' messages are planned.
 */
public final class ScenarioMessages extends Source {
    private static final double METERS_PER_DEGREE = 111_320;
    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

    private record Planned(long at, InboundEvent event) {}

    private final List<Planned> plan = new ArrayList<>();
    private int next;

    public ScenarioMessages(SimContext ctx, Set<Feed> feeds) {
        super(ctx, "scenario-messages:" + ctx.scenario().scenario().name());
        Scenario scenario = ctx.scenario().scenario();
        double speed = ctx.scenario().speed();
        long seq = 0;
        if (feeds.contains(Feed.cam)) {
            for (Scenario.Detection d : scenario.detections()) {
                for (int i = 0; i < d.times(); i++) {
                    long t = at(d.at().toMillis() + i * d.every().toMillis(), speed);
                    String id = ctx.id(d.camera(), "evt-scenario", ++seq);
                    String kind = d.category();
                    plan.add(new Planned(
                            t,
                            new CameraDetection(
                                    d.camera(),
                                    id,
                                    t,
                                    kind.equals("flood") ? "weather" : "traffic",
                                    kind,
                                    d.confidence(),
                                    "https://snapshots.ioc.invalid/cam/" + d.camera() + "/" + id + ".jpg",
                                    d.description())));
                }
            }
            for (Scenario.Outage o : scenario.outages()) {
                long from = at(o.from().toMillis(), speed);
                long to = at(o.to().toMillis(), speed);
                plan.add(new Planned(
                        from,
                        new CameraState(o.camera(), ctx.id(o.camera(), "state-scenario", ++seq), from, "offline")));
                plan.add(new Planned(
                        to, new CameraState(o.camera(), ctx.id(o.camera(), "state-scenario", ++seq), to, "online")));
            }
        }
        if (feeds.contains(Feed.report)) {
            for (Scenario.Report r : scenario.reports()) {
                ServiceCode service = ctx.reference().service(r.serviceCode()).orElseThrow();
                for (int k = 0; k < r.count(); k++) {
                    long t = at(r.at().toMillis() + k * r.every().toMillis(), speed);
                    // Spread on a sunflower spiral: deterministic, even, and within spreadMeters of the place.
                    double radius = r.spreadMeters() * Math.sqrt((k + 0.5) / r.count());
                    double angle = k * GOLDEN_ANGLE;
                    double lat = r.lat() + radius * Math.cos(angle) / METERS_PER_DEGREE;
                    double lon = r.lon()
                            + radius * Math.sin(angle) / (METERS_PER_DEGREE * Math.cos(Math.toRadians(r.lat())));
                    String id = "hp-" + ctx.runTag() + "-s" + String.format(Locale.ROOT, "%05d", ++seq);
                    plan.add(new Planned(
                            t,
                            new ReportNew(
                                    id,
                                    r.serviceCode(),
                                    r.description() != null
                                            ? r.description()
                                            : service.name().vi(),
                                    Math.round(lat * 1e6) / 1e6,
                                    Math.round(lon * 1e6) / 1e6,
                                    null,
                                    null,
                                    null,
                                    t,
                                    null,
                                    null)));
                    int n = 0;
                    for (Scenario.ReportUpdate u : r.updates()) {
                        long ut = t + (long) (u.after().toMillis() / speed);
                        plan.add(new Planned(
                                ut,
                                new ReportUpdate(id, id + "-u" + ++n, u.status(), u.agency(), u.description(), ut)));
                    }
                }
            }
        }
        plan.removeIf(p -> p.at() < ctx.startMillis());
        plan.sort(Comparator.comparingLong(Planned::at));
    }

    private long at(long scenarioMillis, double speed) {
        return ctx.startMillis() + (long) (scenarioMillis / speed);
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
