package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;

/**
 * Sustained traffic congestion at a camera: occupancy at or above {@code occupancyAtLeast} or average speed at or
 * below {@code speedAtMost} over consecutive intervals for {@code raiseAfter}; clears after {@code clearAfter} free
 * flowing. A camera's own {@code congested} flag counts as congested too. Still active after {@code escalateAfter},
 * its severity rises one level ({@link LiveSustainedAlertFunction}).
 */
public final class CongestionRule implements SustainedRule<TrafficFlowObserved> {
    public static final String ID = "traffic.congestion";

    private final RuleDefinition definition;
    private final String refDir;

    public CongestionRule(RuleDefinition definition, String refDir) {
        this.definition = definition;
        this.refDir = refDir;
    }

    @Override
    public CongestionRule with(RuleDefinition other) {
        return new CongestionRule(other, refDir);
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public long from(TrafficFlowObserved t) {
        return t.dateObservedFrom();
    }

    @Override
    public long to(TrafficFlowObserved t) {
        return t.dateObservedTo();
    }

    @Override
    public boolean raise(TrafficFlowObserved t) {
        boolean occupied = t.occupancy() != null && t.occupancy() >= definition.param("occupancyAtLeast");
        boolean slow = t.averageVehicleSpeed() != null
                && t.totalVehicles() > 0
                && t.averageVehicleSpeed() <= definition.param("speedAtMost");
        return occupied || slow || Boolean.TRUE.equals(t.congested());
    }

    @Override
    public boolean hold(TrafficFlowObserved t) {
        return raise(t);
    }

    @Override
    public Map<String, Object> evidence(TrafficFlowObserved t) {
        Map<String, Object> e = new HashMap<>();
        if (t.occupancy() != null) {
            e.put("occupancy", t.occupancy());
        }
        if (t.averageVehicleSpeed() != null) {
            e.put("averageVehicleSpeed", t.averageVehicleSpeed());
        }
        e.put("vehicles", t.totalVehicles());
        return e;
    }

    @Override
    public Alert raise(TrafficFlowObserved t, long at) {
        Camera camera = ReferenceData.cached(refDir).camera(t.cameraId()).orElseThrow();
        return AlertTexts.raise(
                ID,
                definition,
                new Entity("camera", camera.id()),
                camera.area(),
                camera.area(),
                new Position(camera.lat(), camera.lon()),
                definition.severity(),
                null,
                at,
                Map.of(
                        "camera_vi", camera.name().vi(),
                        "camera_en", camera.name().en(),
                        "occupancy", AlertTexts.number(t.occupancy()),
                        "speed", AlertTexts.number(t.averageVehicleSpeed())),
                evidence(t));
    }
}
