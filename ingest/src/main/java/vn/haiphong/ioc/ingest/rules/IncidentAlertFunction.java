package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
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
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * Camera incident detections, keyed by camera and kind of detection. A detection of an incident kind (those with a
 * severity in the rule's {@code severityBy}) with confidence at or above {@code minConfidence} raises an alert at
 * once; further detections of the same incident keep it open instead of raising new ones; it clears when nothing has
 * been detected for {@code clearAfter} (an event-time timer).
 */
public class IncidentAlertFunction extends KeyedProcessFunction<String, CameraDetection, Alert>
        implements ResultTypeQueryable<Alert> {
    public static final String ID = "traffic.incident";

    private final RuleSet rules;
    private final String refDir;

    private transient ValueState<Alert> active;
    private transient ValueState<Long> lastSeen;
    private transient RuleDefinition rule;

    public IncidentAlertFunction(RuleSet rules, String refDir) {
        this.rules = rules;
        this.refDir = refDir;
    }

    /** The key: one alert per camera and kind of incident. */
    public static String key(CameraDetection d) {
        return d.cameraId() + "|" + d.detection();
    }

    @Override
    public void open(OpenContext openContext) {
        rule = rules.rule(ID);
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("lastSeen", Types.LONG));
    }

    /** The alerts' Flink type, so that their evidence does not go through Kryo on the way out. */
    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    /** Pure decision: does this detection count as an incident? */
    public static boolean isIncident(RuleDefinition rule, CameraDetection d) {
        return rule.severityBy().containsKey(d.detection()) && d.confidence() >= rule.param("minConfidence");
    }

    @Override
    public void processElement(CameraDetection d, Context ctx, Collector<Alert> out) throws Exception {
        if (!isIncident(rule, d)) {
            return;
        }
        long t = d.dateObserved();
        Long seen = lastSeen.value();
        if (seen == null || t > seen) {
            lastSeen.update(t);
        }
        if (active.value() == null) {
            Alert alert = raise(d);
            active.update(alert);
            out.collect(alert);
        }
        ctx.timerService()
                .registerEventTimeTimer(lastSeen.value() + rule.clearAfter().toMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Alert alert = active.value();
        Long seen = lastSeen.value();
        if (alert == null
                || seen == null
                || timestamp < seen + rule.clearAfter().toMillis()) {
            return; // a later detection moved the deadline; its own timer decides
        }
        out.collect(alert.cleared(timestamp, Map.of("lastDetection", seen)));
        active.clear();
        lastSeen.clear();
    }

    private Alert raise(CameraDetection d) {
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
