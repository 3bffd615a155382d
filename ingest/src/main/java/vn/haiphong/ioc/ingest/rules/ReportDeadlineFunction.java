package vn.haiphong.ioc.ingest.rules;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * The life of a field report, keyed by service_request_id: an event-time timer at its service's acknowledge deadline
 * raises an alert if no update has acknowledged it by then (an update clears that alert); opening and closing emit
 * {@link OpenReportDelta}s on a side output for the open-reports KPI. Updates may arrive before their report;
 * redelivered messages change nothing.
 */
public class ReportDeadlineFunction extends KeyedCoProcessFunction<String, ReportNew, ReportUpdate, Alert>
        implements ResultTypeQueryable<Alert> {
    public static final String ID = "report.ack-overdue";
    public static final OutputTag<OpenReportDelta> OPEN_DELTAS = new OutputTag<>("open-report-deltas") {};

    private final RuleSet rules;
    private final String refDir;

    private transient ValueState<ReportState> state;
    private transient ValueState<Alert> active;
    private transient RuleDefinition rule;

    public ReportDeadlineFunction(RuleSet rules, String refDir) {
        this.rules = rules;
        this.refDir = refDir;
    }

    @Override
    public void open(OpenContext openContext) {
        rule = rules.rule(ID);
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("report", TypeInformation.of(ReportState.class)));
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
    }

    /** The alerts' Flink type, so that their evidence does not go through Kryo on the way out. */
    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    @Override
    public void processElement1(ReportNew r, Context ctx, Collector<Alert> out) throws Exception {
        ReportState s = state.value();
        if (s == null) {
            s = new ReportState();
        } else if (s.known()) {
            return; // redelivered
        }
        ReferenceData ref = ReferenceData.cached(refDir);
        s.serviceCode = r.serviceCode();
        s.requestedAt = r.requestedDatetime();
        s.lat = r.latitude();
        s.lon = r.longitude();
        s.area = ref.areas().locate(s.lat, s.lon).map(a -> a.code()).orElse("unknown");
        if (!s.closed) {
            s.countedOpen = true;
            ctx.output(OPEN_DELTAS, new OpenReportDelta(s.area, +1, r.requestedDatetime()));
        }
        if (!s.acknowledged) {
            ctx.timerService()
                    .registerEventTimeTimer(s.requestedAt + deadline(ref, s).toMillis());
        }
        state.update(s);
    }

    @Override
    public void processElement2(ReportUpdate u, Context ctx, Collector<Alert> out) throws Exception {
        ReportState s = state.value();
        if (s == null) {
            s = new ReportState();
        }
        if (u.acknowledges() && !s.acknowledged) {
            s.acknowledged = true;
            Alert alert = active.value();
            if (alert != null) {
                out.collect(alert.cleared(u.updatedDatetime(), Map.of("status", u.status())));
                active.clear();
            }
        }
        if (u.closes() && !s.closed) {
            s.closed = true;
            if (s.countedOpen) {
                ctx.output(OPEN_DELTAS, new OpenReportDelta(s.area, -1, u.updatedDatetime()));
                s.countedOpen = false;
            }
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        ReportState s = state.value();
        if (s == null || !s.known() || s.acknowledged || active.value() != null) {
            return;
        }
        ReferenceData ref = ReferenceData.cached(refDir);
        Duration deadline = deadline(ref, s);
        ServiceCode service = ref.service(s.serviceCode).orElseThrow();
        String report = ctx.getCurrentKey();
        Alert alert = AlertTexts.raise(
                ID,
                rule,
                new Entity("report", report),
                s.area,
                s.area,
                new Position(s.lat, s.lon),
                rule.severity(),
                null,
                timestamp,
                Map.of(
                        "report", report,
                        "service_vi", service.name().vi(),
                        "service_en", service.name().en(),
                        "requested", Timestamps.format(s.requestedAt),
                        "deadline", human(deadline)),
                Map.of(
                        "serviceCode", s.serviceCode,
                        "requestedAt", Timestamps.format(s.requestedAt),
                        "acknowledgeWithinMinutes", deadline.toMinutes()));
        active.update(alert);
        out.collect(alert);
    }

    private static Duration deadline(ReferenceData ref, ReportState s) {
        return ref.service(s.serviceCode)
                .map(ServiceCode::acknowledgeWithin)
                .orElseThrow(() -> new IllegalStateException("service code " + s.serviceCode + " vanished"));
    }

    private static String human(Duration d) {
        if (d.toMinutes() % 60 != 0) {
            return d.toMinutes() + " min";
        }
        return d.toHours() + " h";
    }
}
