package vn.haiphong.ioc.simulators.gen.cam;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.simulators.gen.CityTime;
import vn.haiphong.ioc.simulators.gen.Curve;
import vn.haiphong.ioc.simulators.gen.PeriodicSource;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.scenario.ScenarioPlayer;

/**
 * A traffic camera's counts per interval. Demand follows the daily profile; speed and occupancy follow from it through
 * Greenshields' model (speed falls linearly with density), so flow, speed and occupancy agree. Demand above capacity
 * tips the road onto the congested branch (dense and slow) until it falls back below 90% of capacity.
 */
final class TrafficCameraSource extends PeriodicSource {
    private static final double ENTER_CONGESTION = 1.0;
    private static final double LEAVE_CONGESTION = 0.9;

    private final Camera camera;
    private final Profile.Traffic profile;
    private final Curve diurnal;
    private final Map<String, Double> mix;
    private final double capacity;
    private final double peakDemand;
    private final double freeFlowKmh;
    private boolean congested;
    private long seq;

    TrafficCameraSource(SimContext ctx, Camera camera) {
        super(ctx, camera.id(), ctx.profile().traffic().periodSeconds());
        this.camera = camera;
        this.profile = ctx.profile().traffic();
        this.diurnal = Curve.of(profile.diurnal());
        boolean freight = camera.road() != null && profile.freightRoads().contains(camera.road());
        this.mix = freight ? profile.freightRoadMix() : profile.vehicleMix();
        this.capacity = Randoms.uniform(rng, profile.capacityPerHour());
        boolean hotSpot = profile.hotSpots().contains(camera.id());
        this.peakDemand = Randoms.uniform(rng, hotSpot ? profile.hotSpotPeakDemand() : profile.peakDemand());
        this.freeFlowKmh = Randoms.uniform(rng, profile.freeFlowKmh());
    }

    @Override
    protected InboundEvent produce(long now) {
        ScenarioPlayer scenario = ctx.scenario();
        if (scenario.silenced(camera.id(), now)) {
            return null; // a scenario's outage: the camera is dark
        }
        double level = diurnal.at(CityTime.hourOfDay(now)) * (CityTime.weekend(now) ? profile.weekendFactor() : 1);
        boolean rain = ctx.weather().raining(now);
        // Rain slows traffic and cuts what a junction can pass.
        double cap = capacity * (rain ? 0.9 : 1);
        double vf = freeFlowKmh * (rain ? 0.85 : 1);
        double demand = peakDemand * level * capacity / cap * (1 + 0.04 * rng.nextGaussian());
        if (!congested && demand > ENTER_CONGESTION) {
            congested = true;
        } else if (congested && demand < LEAVE_CONGESTION) {
            congested = false;
        }
        // k is density as a share of jam density; Greenshields: flow = 4 k (1 - k) capacity, speed = vf (1 - k).
        double k;
        double flow;
        if (congested) {
            k = Randoms.clamp(
                    0.72 + 0.2 * Math.min(1, (demand - LEAVE_CONGESTION) / 0.4) + 0.02 * rng.nextGaussian(),
                    0.62,
                    0.95);
            flow = 4 * k * (1 - k) * cap;
        } else {
            double x = Math.min(demand, 0.97);
            k = (1 - Math.sqrt(1 - x)) / 2;
            flow = x * cap;
        }
        double hours = (now - previousMillis) / 3_600_000.0;
        Map<String, Integer> intensity = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, Double> e : mix.entrySet()) {
            int n = Randoms.poisson(rng, flow * hours * e.getValue());
            intensity.put(e.getKey(), n);
            total += n;
        }
        double speed = Math.max(3, vf * (1 - k) + 1.5 * rng.nextGaussian());
        double occupancy = Randoms.clamp(k + 0.01 * rng.nextGaussian(), 0, 0.99);
        Boolean flag = congested;
        if (scenario.drivesCamera(camera.id(), "occupancy", now)
                || scenario.drivesCamera(camera.id(), "averageVehicleSpeed", now)) {
            // The scenario says how the road looks; the camera's own verdict would contradict it.
            occupancy = Randoms.clamp(scenario.driveCamera(camera.id(), "occupancy", now, occupancy, rng), 0, 0.99);
            speed = Math.max(1, scenario.driveCamera(camera.id(), "averageVehicleSpeed", now, speed, rng));
            flag = null;
        }
        if (scenario.drivesCamera(camera.id(), "vehicles", now)) {
            double perMinute = Math.max(0, scenario.driveCamera(camera.id(), "vehicles", now, 0, rng));
            double minutes = (now - previousMillis) / 60_000.0;
            total = 0;
            for (Map.Entry<String, Double> e : mix.entrySet()) {
                int n = (int) Math.round(perMinute * minutes * e.getValue());
                intensity.put(e.getKey(), n);
                total += n;
            }
        }
        return new TrafficFlowObserved(
                camera.id(),
                ctx.id(camera.id(), "tlm", ++seq),
                previousMillis,
                now,
                intensity,
                // No vehicle passed, so no speed was measured.
                total == 0 ? null : Randoms.round(speed, 1),
                Randoms.round(occupancy, 3),
                flag);
    }
}
