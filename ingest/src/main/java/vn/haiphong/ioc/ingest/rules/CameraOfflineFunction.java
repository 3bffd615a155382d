package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Timestamps;

/**
 * {@code camera.offline}, per camera, in the traffic or the desk domain by the camera's kind: no message (tlm, evt or
 * state) for {@code raiseAfter}, in event time and in processing time ({@link SilenceWatch}); its retained {@code
 * offline} state (the camera's MQTT last will) raises at once. {@code online} or any telemetry or detection clears it.
 * A {@code degraded} state raises the same alert at the {@code severityBy.degraded} severity (low); it clears on {@code
 * online} only, since a degraded camera still sends, and it rises to the full severity if the camera then goes dark.
 */
public class CameraOfflineFunction extends LiveRuleFunction<CameraSeen> {
    public static final String ID = "camera.offline";

    private static final String SILENT = "silent";

    private final String refDir;

    private transient ValueState<OfflineState> state;
    private transient ValueState<Alert> active;
    /** Why the active alert is up: offline, silent or degraded. */
    private transient ValueState<String> reason;

    private transient ValueState<CameraSeen> last;
    private transient long startedAt;

    public CameraOfflineFunction(RuleSet rules, String refDir) {
        super(ID, rules);
        this.refDir = refDir;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("offline", TypeInformation.of(OfflineState.class)));
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
        reason = getRuntimeContext().getState(new ValueStateDescriptor<>("reason", Types.STRING));
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", TypeInformation.of(CameraSeen.class)));
        startedAt = Long.MIN_VALUE;
    }

    @Override
    public void processElement(CameraSeen seen, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now;
        }
        RuleDefinition rule = rules(ctx).rule(ID);
        OfflineState s = state.value();
        if (s == null) {
            s = new OfflineState();
        }
        if (seen.time <= ctx.currentWatermark()) {
            late(ctx, seen.cameraId, seen.time); // still a sign of life
        }
        if (seen.time >= s.lastEvent) {
            s.lastEvent = seen.time;
            last.update(seen);
        }
        String why = reason.value();
        if (CameraSeen.OFFLINE.equals(seen.status)) {
            alert(rule, seen, CameraSeen.OFFLINE, seen.time, out);
            state.update(s);
            return;
        }
        if (CameraSeen.DEGRADED.equals(seen.status)) {
            if (why == null) {
                alert(rule, seen, CameraSeen.DEGRADED, seen.time, out);
            }
        } else if (why != null && (CameraSeen.ONLINE.equals(seen.status) || !CameraSeen.DEGRADED.equals(why))) {
            Alert alert = active.value();
            out.collect(alert.cleared(Math.max(seen.time, alert.raisedAt()), evidence(seen, s.lastEvent)));
            active.clear();
            reason.clear();
        }
        SilenceWatch.heard(s, now, rule.raiseAfter().toMillis(), ctx.timerService());
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        OfflineState s = state.value();
        if (s == null) {
            return;
        }
        if (startedAt == Long.MIN_VALUE) {
            startedAt = ctx.timerService().currentProcessingTime();
        }
        RuleDefinition rule = rules(ctx).rule(ID);
        long silence = rule.raiseAfter().toMillis();
        boolean eventTime = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        if (SilenceWatch.silent(s, timestamp, eventTime, startedAt, silence, ctx.timerService())) {
            // At the event time the silence ended, in either domain: the same alert id after a restart.
            alert(rule, last.value(), SILENT, s.lastEvent + silence, out);
        }
        state.update(s);
    }

    /** Raises, or raises a degraded camera's alert to the full severity; nothing when already up for this reason. */
    private void alert(RuleDefinition rule, CameraSeen seen, String why, long at, Collector<Alert> out)
            throws Exception {
        String before = reason.value();
        Alert alert = active.value();
        if (alert == null) {
            alert = raise(rule, seen, why, at);
        } else if (CameraSeen.DEGRADED.equals(before) && !CameraSeen.DEGRADED.equals(why)) {
            Map<String, Object> evidence = evidence(seen, seen.time);
            evidence.put("reason", why);
            alert = alert.updated(Math.max(at, alert.updatedAt()), rule.severity(), evidence);
        } else {
            return;
        }
        active.update(alert);
        reason.update(why);
        out.collect(alert);
    }

    private Alert raise(RuleDefinition rule, CameraSeen seen, String why, long at) {
        Camera camera = ReferenceData.cached(refDir).camera(seen.cameraId).orElseThrow();
        RuleDefinition inDomain = camera.kind() == Camera.Kind.desk ? rule.inDomain("desk") : rule;
        Severity severity = rule.severityFor(why);
        Map<String, Object> evidence = evidence(seen, seen.time);
        evidence.put("reason", why);
        return AlertTexts.raise(
                ID,
                inDomain,
                new Entity("camera", camera.id()),
                camera.area(),
                camera.area(),
                new Position(camera.lat(), camera.lon()),
                severity,
                null,
                at,
                Map.of(
                        "camera", camera.id(),
                        "camera_vi", camera.name().vi(),
                        "camera_en", camera.name().en(),
                        "status_vi", statusVi(why),
                        "status_en", statusEn(why),
                        "last_seen", Timestamps.format(seen.time)),
                evidence);
    }

    private static String statusVi(String why) {
        return switch (why) {
            case CameraSeen.OFFLINE -> "báo mất kết nối";
            case CameraSeen.DEGRADED -> "báo hình ảnh suy giảm";
            default -> "không gửi tin";
        };
    }

    private static String statusEn(String why) {
        return switch (why) {
            case CameraSeen.OFFLINE -> "reported itself offline";
            case CameraSeen.DEGRADED -> "reports a degraded picture";
            default -> "has sent nothing";
        };
    }

    private static Map<String, Object> evidence(CameraSeen seen, long lastEvent) {
        Map<String, Object> e = new HashMap<>();
        e.put("lastMessageAt", Timestamps.format(lastEvent));
        if (seen.status != null) {
            e.put("status", seen.status);
        }
        return e;
    }
}
