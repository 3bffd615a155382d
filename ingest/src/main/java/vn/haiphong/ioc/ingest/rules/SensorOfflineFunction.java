package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * {@code port.sensor.offline}, per port device: no message for {@code raiseAfter}, in event time (the newest message's
 * time plus the silence, once the watermark passes it) and in processing time (the same silence on this machine's
 * clock since the message arrived), so that a device is noticed even when every feed falls silent and the watermark
 * stops. Its "offline" state message raises at once. Any message clears it.
 * The timers are {@link SilenceWatch}'s, shared with the cameras' offline rule.
 */
public class SensorOfflineFunction extends KeyedProcessFunction<String, AssetSeen, Alert>
        implements ResultTypeQueryable<Alert> {
    public static final String ID = "port.sensor.offline";

    private final RuleDefinition definition;
    private final String refDir;
    private final long silence;

    private transient ValueState<OfflineState> state;
    private transient ValueState<Alert> active;
    private transient ValueState<AssetSeen> last;
    private transient Counter late;
    /** When this operator (re)started, processing time: a restart is no reason to call every device silent. */
    private transient long startedAt;

    public SensorOfflineFunction(RuleDefinition definition, String refDir) {
        this.definition = definition;
        this.refDir = refDir;
        this.silence = definition.raiseAfter().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("offline", TypeInformation.of(OfflineState.class)));
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", TypeInformation.of(AssetSeen.class)));
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
        startedAt = Long.MIN_VALUE;
    }

    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    @Override
    public void processElement(AssetSeen seen, Context ctx, Collector<Alert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now;
        }
        OfflineState s = state.value();
        if (s == null) {
            s = new OfflineState();
        }
        if (seen.time < s.lastEvent) {
            late.inc(); // out of order for this device; it still shows the device is talking
        } else {
            s.lastEvent = seen.time;
            last.update(seen);
        }
        Alert alert = active.value();
        if (!seen.alive) {
            if (alert == null) {
                raise(seen, seen.time, out);
            }
            state.update(s);
            return;
        }
        if (alert != null) {
            out.collect(alert.cleared(Math.max(seen.time, alert.raisedAt()), evidence(seen, s.lastEvent)));
            active.clear();
        }
        SilenceWatch.heard(s, now, silence, ctx.timerService());
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
        boolean eventTime = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        if (SilenceWatch.silent(s, timestamp, eventTime, startedAt, silence, ctx.timerService())
                && active.value() == null) {
            // Raised at the event time the silence ended, in either domain: the same id after a restart.
            raise(last.value(), s.lastEvent + silence, out);
        }
        state.update(s);
    }

    private void raise(AssetSeen seen, long at, Collector<Alert> out) throws Exception {
        Alert alert = PortAlerts.raise(
                ID,
                definition,
                refDir,
                seen.portId,
                seen.assetType,
                seen.assetId,
                PortAlerts.asset(seen.portId, seen.assetType, seen.assetId),
                null,
                at,
                Map.of("last_seen", Timestamps.format(seen.time)),
                evidence(seen, seen.time));
        active.update(alert);
        out.collect(alert);
    }

    private static Map<String, Object> evidence(AssetSeen seen, long lastEvent) {
        Map<String, Object> e = new HashMap<>();
        e.put("lastMessageAt", Timestamps.format(lastEvent));
        e.put("reportedOffline", !seen.alive);
        return e;
    }
}
