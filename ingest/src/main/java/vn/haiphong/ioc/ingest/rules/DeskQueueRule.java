package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * {@code desk.queue}, per one-stop desk camera: a queue of at least {@code queueAtLeast} people or an average wait of
 * at least {@code waitAtLeast} minutes for {@code raiseAfter}; clears after {@code clearAfter} below both.
 */
public final class DeskQueueRule implements SustainedRule<CrowdFlowObserved> {
    public static final String ID = "desk.queue";

    private final RuleDefinition definition;
    private final String refDir;

    public DeskQueueRule(RuleDefinition definition, String refDir) {
        this.definition = definition;
        this.refDir = refDir;
    }

    @Override
    public DeskQueueRule with(RuleDefinition other) {
        return new DeskQueueRule(other, refDir);
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public long from(CrowdFlowObserved c) {
        return c.dateObservedFrom();
    }

    @Override
    public long to(CrowdFlowObserved c) {
        return c.dateObservedTo();
    }

    @Override
    public boolean raise(CrowdFlowObserved c) {
        return c.queueLength() >= definition.param("queueAtLeast")
                || c.averageWaitMinutes() >= definition.param("waitAtLeast");
    }

    @Override
    public boolean hold(CrowdFlowObserved c) {
        return raise(c);
    }

    @Override
    public Map<String, Object> evidence(CrowdFlowObserved c) {
        Map<String, Object> e = new HashMap<>();
        e.put("queueLength", c.queueLength());
        e.put("averageWaitMinutes", c.averageWaitMinutes());
        e.put("peopleCount", c.peopleCount());
        if (c.countersOpen() != null) {
            e.put("countersOpen", c.countersOpen());
        }
        return e;
    }

    @Override
    public Alert raise(CrowdFlowObserved c, long at) {
        Camera camera = ReferenceData.cached(refDir).camera(c.cameraId()).orElseThrow();
        LocalizedText office = camera.office() != null ? camera.office() : camera.name();
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
                        "office_vi", office.vi(),
                        "office_en", office.en(),
                        "queue", c.queueLength(),
                        "wait", AlertTexts.number(c.averageWaitMinutes())),
                evidence(c));
    }
}
