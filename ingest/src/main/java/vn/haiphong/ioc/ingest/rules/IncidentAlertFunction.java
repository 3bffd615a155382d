package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * Camera incident detections, keyed by camera and kind of detection. A detection of an incident kind (those with a
 * severity in the rule's {@code severityBy}) with confidence at or above {@code minConfidence} raises an alert at
 * once, without waiting for the watermark, so operators see an accident within seconds. Further detections of the same
 * incident (however ordered, duplicates included) keep that one alert open; it clears when nothing has been detected
 * for {@code clearAfter} (an event-time timer). A detection no newer than the last cleared incident's end (a duplicate
 * or a straggler of it) raises nothing. Thresholds come from the rules in force ({@link LiveRuleFunction}).
 */
public class IncidentAlertFunction extends LiveRuleFunction<CameraDetection> {
    public static final String ID = "traffic.incident";

    private final String refDir;

    private transient ValueState<Alert> active;
    private transient ValueState<Long> lastSeen;
    /** When the last incident of this key cleared: what is no newer belongs to it. */
    private transient ValueState<Long> closedAt;

    public IncidentAlertFunction(RuleSet rules, String refDir) {
        super(ID, rules);
        this.refDir = refDir;
    }

    /** The key: one alert per camera and kind of incident. */
    public static String key(CameraDetection d) {
        return d.cameraId() + "|" + d.detection();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("lastSeen", Types.LONG));
        closedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("closedAt", Types.LONG));
    }

    /** Pure decision: does this detection count as an incident? */
    public static boolean isIncident(RuleDefinition rule, CameraDetection d) {
        return rule.severityBy().containsKey(d.detection()) && d.confidence() >= rule.param("minConfidence");
    }

    @Override
    public void processElement(CameraDetection d, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        RuleSet rules = rules(ctx);
        RuleDefinition rule = rules.rule(ID);
        if (!isIncident(rule, d)) {
            return;
        }
        long t = d.dateObserved();
        if (t <= ctx.currentWatermark()) {
            late(ctx, ctx.getCurrentKey(), t);
        }
        if (active.value() == null) {
            Long closed = closedAt.value();
            if (closed != null && t <= closed) {
                return; // part of an incident already raised and cleared
            }
            Alert alert = raise(rules, rule, d);
            active.update(alert);
            out.collect(alert);
        }
        Long seen = lastSeen.value();
        if (seen == null || t > seen) {
            lastSeen.update(t);
            ctx.timerService().registerEventTimeTimer(t + rule.clearAfter().toMillis());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Alert alert = active.value();
        Long seen = lastSeen.value();
        if (alert == null || seen == null) {
            return;
        }
        long due = seen + rules(ctx).rule(ID).clearAfter().toMillis();
        if (timestamp < due) {
            // A later detection moved the deadline (its timer is set), or clearAfter grew: Flink keeps one timer per
            // key and time, so setting the deadline again is harmless.
            ctx.timerService().registerEventTimeTimer(due);
            return;
        }
        out.collect(alert.cleared(timestamp, Map.of("lastDetection", seen)));
        closedAt.update(timestamp);
        active.clear();
        lastSeen.clear();
    }

    private Alert raise(RuleSet rules, RuleDefinition rule, CameraDetection d) {
        Camera camera = ReferenceData.cached(refDir).camera(d.cameraId()).orElseThrow();
        LocalizedText label = rules.label(d.detection());
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("detectionId", d.id());
        evidence.put("confidence", d.confidence());
        if (d.snapshotUrl() != null) {
            evidence.put("snapshotUrl", d.snapshotUrl());
        }
        if (d.description() != null) {
            evidence.put("description", d.description());
        }
        return AlertTexts.raise(
                ID,
                rule,
                new Entity("camera", camera.id()),
                camera.area(),
                camera.area(),
                new Position(camera.lat(), camera.lon()),
                rule.severityFor(d.detection()),
                d.detection(),
                d.dateObserved(),
                Map.of(
                        "label_vi", label.vi(),
                        "label_en", label.en(),
                        "camera", camera.id(),
                        "camera_vi", camera.name().vi(),
                        "camera_en", camera.name().en(),
                        "confidence", AlertTexts.number(d.confidence())),
                evidence);
    }
}
