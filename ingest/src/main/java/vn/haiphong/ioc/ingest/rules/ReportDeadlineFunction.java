package vn.haiphong.ioc.ingest.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.ingest.reports.ReportFact;
import vn.haiphong.ioc.ingest.reports.ReportViewUpdate;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * The life of a field report, keyed by service_request_id. Its status is that of its latest update in event time
 * (FixMyStreet statuses). It is <em>acknowledged</em> by its first update with a status other than OPEN, or an OPEN
 * one naming the agency that took it up; it is <em>resolved</em> (done) by any of FixMyStreet's closed states, {@link
 * ReportUpdate#CLOSING_STATUSES}: fixed and closed, but also duplicate, not the council's responsibility, no further
 * action and internal referral, since each one answers the citizen and ends the city's work on that report (a later
 * update with an open status reopens it).
 *
 * <p>Event-time timers at the service's deadlines ({@code service-codes.json}) raise {@value #ID} and {@value
 * #RESOLVE_ID}, escalate them one severity level at twice the deadline (same alert, next seq), and the
 * acknowledgement or resolution clears them. Side outputs: {@link #OPEN_DELTAS} for the open-reports KPI, {@link
 * #VIEWS} (the wall's view on every change, and its removal {@link #RETENTION} after the report is done, when its
 * state goes too) and {@link #FACTS} for the report KPIs, hotspots, duplicates and fusion.
 *
 * <p>Updates may arrive before their report: up to {@value #MAX_PENDING} are kept for {@link #ORPHAN_TTL} and applied
 * when it comes. An update seen before (same update_id) and a report seen before change nothing.
 */
public class ReportDeadlineFunction extends KeyedCoProcessFunction<String, ReportNew, ReportUpdate, Alert>
        implements ResultTypeQueryable<Alert> {
    public static final String ID = "report.ack-overdue";
    public static final String RESOLVE_ID = "report.resolve-overdue";
    public static final OutputTag<OpenReportDelta> OPEN_DELTAS = new OutputTag<>("open-report-deltas") {};
    public static final OutputTag<ReportViewUpdate> VIEWS =
            new OutputTag<>("report-views", TypeInformation.of(ReportViewUpdate.class));
    public static final OutputTag<ReportFact> FACTS =
            new OutputTag<>("report-facts", TypeInformation.of(ReportFact.class));

    static final int MAX_PENDING = 32;
    static final Duration ORPHAN_TTL = Duration.ofDays(7);
    /** How long a done report stays on the wall (and its state in the job) before its view is removed. */
    public static final Duration RETENTION = Duration.ofHours(24);

    private final RuleSet rules;
    private final String refDir;

    private transient ValueState<ReportState> state;
    private transient ValueState<Alert> active;
    private transient ValueState<Alert> resolveAlert;
    private transient MapState<String, Long> seen;
    private transient ListState<ReportUpdate> pending;
    private transient RuleDefinition ackRule;
    private transient RuleDefinition resolveRule;
    private transient Counter droppedUpdates;

    public ReportDeadlineFunction(RuleSet rules, String refDir) {
        this.rules = rules;
        this.refDir = refDir;
    }

    @Override
    public void open(OpenContext openContext) {
        ackRule = rules.rule(ID);
        resolveRule = rules.rule(RESOLVE_ID);
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("report", TypeInformation.of(ReportState.class)));
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("alert", TypeInformation.of(Alert.class)));
        resolveAlert = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("resolve-alert", TypeInformation.of(Alert.class)));
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("updates-seen", Types.STRING, Types.LONG));
        pending = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("updates-pending", TypeInformation.of(ReportUpdate.class)));
        droppedUpdates = getRuntimeContext().getMetricGroup().counter("reportUpdatesDropped");
    }

    /** The alerts' Flink type, so that their evidence does not go through Kryo on the way out. */
    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    /** Whether an update says somebody has taken the report up: any status but OPEN, or an agency named on it. */
    static boolean acknowledges(ReportUpdate u) {
        return u.acknowledges()
                || (u.agencyResponsible() != null && !u.agencyResponsible().isBlank());
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
        ServiceCode service = ref.service(r.serviceCode()).orElse(null);
        if (service == null || r.latitude() == null || r.longitude() == null) {
            return; // the validator dead-letters these; nothing to follow
        }
        s.serviceCode = r.serviceCode();
        s.requestedAt = r.requestedDatetime();
        s.updatedAt = Math.max(s.updatedAt, s.requestedAt);
        s.lat = r.latitude();
        s.lon = r.longitude();
        s.area = ref.areas().locate(s.lat, s.lon).map(a -> a.code()).orElse("unknown");
        s.description = r.description();
        s.mediaUrl = r.mediaUrl();
        s.acknowledgeBy = s.requestedAt + service.acknowledgeWithin().toMillis();
        s.resolveBy = s.requestedAt + service.resolveWithin().toMillis();

        ReportFact received = fact(ReportFact.RECEIVED, s, s.requestedAt, ctx);
        received.lat = s.lat;
        received.lon = s.lon;
        received.fusionCategory = service.fusionCategory();
        ctx.output(FACTS, received);

        List<ReportUpdate> early = new ArrayList<>();
        pending.get().forEach(early::add);
        pending.clear();
        s.pendingCount = 0;
        early.sort(Comparator.comparingLong(ReportUpdate::updatedDatetime));
        for (ReportUpdate u : early) {
            apply(s, u);
        }
        if (s.resolvedAt == null) {
            s.countedOpen = true;
            ctx.output(OPEN_DELTAS, new OpenReportDelta(s.area, +1, s.requestedAt));
            ctx.output(FACTS, fact(ReportFact.BACKLOG, s, s.requestedAt, ctx));
        }
        settle(s, null, null, ctx, out);
        ctx.timerService().registerEventTimeTimer(s.acknowledgeBy);
        ctx.timerService().registerEventTimeTimer(s.acknowledgeBy + (s.acknowledgeBy - s.requestedAt));
        ctx.timerService().registerEventTimeTimer(s.resolveBy);
        ctx.timerService().registerEventTimeTimer(s.resolveBy + (s.resolveBy - s.requestedAt));
        publish(s, ctx);
        state.update(s);
    }

    @Override
    public void processElement2(ReportUpdate u, Context ctx, Collector<Alert> out) throws Exception {
        if (seen.contains(u.updateId())) {
            return; // redelivered
        }
        seen.put(u.updateId(), u.updatedDatetime());
        ReportState s = state.value();
        if (s == null) {
            s = new ReportState();
        }
        if (!s.known()) {
            if (s.pendingCount >= MAX_PENDING) {
                droppedUpdates.inc();
                return;
            }
            pending.add(u);
            s.pendingCount++;
            s.orphanUntil = Math.max(s.orphanUntil, u.updatedDatetime() + ORPHAN_TTL.toMillis());
            ctx.timerService().registerEventTimeTimer(s.orphanUntil);
            state.update(s);
            return;
        }
        Long ackBefore = s.acknowledgedAt;
        Long resolvedBefore = s.resolvedAt;
        String statusBefore = s.status;
        apply(s, u);
        settle(s, ackBefore, resolvedBefore, ctx, out);
        if (!s.status.equals(statusBefore)
                || !Objects.equals(ackBefore, s.acknowledgedAt)
                || !Objects.equals(resolvedBefore, s.resolvedAt)) {
            publish(s, ctx);
        }
        state.update(s);
    }

    /** The update's effect on the report's status and times, nothing emitted. */
    private static void apply(ReportState s, ReportUpdate u) {
        long at = u.updatedDatetime();
        if (acknowledges(u) && (s.acknowledgedAt == null || at < s.acknowledgedAt)) {
            s.acknowledgedAt = at;
        }
        if (at >= s.statusAt) {
            boolean wasDone = s.resolvedAt != null;
            s.status = u.status();
            s.statusAt = at;
            if (!u.closes()) {
                s.resolvedAt = null; // reopened, or not yet done
            } else if (!wasDone) {
                s.resolvedAt = at;
            }
        } else if (u.closes() && s.resolvedAt != null && at < s.resolvedAt) {
            s.resolvedAt = at; // an earlier closing update, late
        }
        s.updatedAt = Math.max(s.updatedAt, at);
    }

    /** What follows from a change of acknowledgement or resolution: alerts cleared, deltas and facts. */
    private void settle(ReportState s, Long ackBefore, Long resolvedBefore, Context ctx, Collector<Alert> out)
            throws Exception {
        if (s.acknowledgedAt != null) {
            if (ackBefore == null) {
                ctx.output(FACTS, firstResponse(s, s.acknowledgedAt, +1, ctx));
                clear(active, s.acknowledgedAt, s, out);
            } else if (s.acknowledgedAt < ackBefore) {
                // an earlier acknowledgement arrived late: the first response was sooner than counted
                ctx.output(FACTS, firstResponse(s, ackBefore, -1, ctx));
                ctx.output(FACTS, firstResponse(s, s.acknowledgedAt, +1, ctx));
            }
            s.ackCounted = count(ReportFact.ACK, s, s.ackCounted, s.acknowledgedAt <= s.acknowledgeBy, ctx);
        }
        if (s.resolvedAt != null) {
            if (resolvedBefore == null) {
                clear(resolveAlert, s.resolvedAt, s, out);
                if (s.countedOpen) {
                    s.countedOpen = false;
                    ctx.output(OPEN_DELTAS, new OpenReportDelta(s.area, -1, s.resolvedAt));
                    ReportFact closed = fact(ReportFact.BACKLOG, s, s.resolvedAt, ctx);
                    closed.delta = -1;
                    ctx.output(FACTS, closed);
                }
                ctx.timerService().registerEventTimeTimer(s.resolvedAt + RETENTION.toMillis());
            }
            s.resolveCounted = count(ReportFact.RESOLVE, s, s.resolveCounted, s.resolvedAt <= s.resolveBy, ctx);
        } else if (resolvedBefore != null && !s.countedOpen) {
            s.countedOpen = true; // reopened
            ctx.output(OPEN_DELTAS, new OpenReportDelta(s.area, +1, s.statusAt));
            ctx.output(FACTS, fact(ReportFact.BACKLOG, s, s.statusAt, ctx));
        }
    }

    /** Counts a deadline as met or missed, taking back an earlier count that a late message overturned. */
    private static int count(String kind, ReportState s, int counted, boolean onTime, Context ctx) {
        int now = onTime ? 2 : 1;
        if (counted == now) {
            return counted;
        }
        long bucket = kind.equals(ReportFact.ACK) ? s.acknowledgeBy : s.resolveBy;
        if (counted != 0) {
            ReportFact back = fact(kind, s, bucket, ctx);
            back.onTime = counted == 2;
            back.delta = -1;
            ctx.output(FACTS, back);
        }
        ReportFact f = fact(kind, s, bucket, ctx);
        f.onTime = onTime;
        ctx.output(FACTS, f);
        return now;
    }

    private static ReportFact firstResponse(ReportState s, long acknowledgedAt, int delta, Context ctx) {
        ReportFact f = fact(ReportFact.FIRST_RESPONSE, s, acknowledgedAt, ctx);
        f.minutes = (acknowledgedAt - s.requestedAt) / 60_000.0;
        f.delta = delta;
        return f;
    }

    private static ReportFact fact(String kind, ReportState s, long time, Context ctx) {
        return new ReportFact(kind, ctx.getCurrentKey(), s.serviceCode, s.area, time);
    }

    private void clear(ValueState<Alert> alert, long at, ReportState s, Collector<Alert> out) throws Exception {
        Alert a = alert.value();
        if (a != null) {
            out.collect(a.cleared(Math.max(at, a.updatedAt()), Map.of("status", s.status)));
            alert.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        ReportState s = state.value();
        if (s == null) {
            return;
        }
        if (!s.known()) {
            if (timestamp >= s.orphanUntil) {
                clearAll(); // its report never came
            }
            return;
        }
        if (s.resolvedAt != null) {
            if (timestamp >= s.resolvedAt + RETENTION.toMillis()) {
                ctx.output(VIEWS, new ReportViewUpdate(ctx.getCurrentKey(), null));
                clearAll();
            }
            return;
        }
        boolean changed = false;
        long ack = s.acknowledgeBy - s.requestedAt;
        long resolve = s.resolveBy - s.requestedAt;
        if (s.acknowledgedAt == null) {
            if (timestamp >= s.acknowledgeBy && !s.ackLate) {
                s.ackLate = true;
                active.update(raise(ID, ackRule, s, s.acknowledgeBy, Duration.ofMillis(ack), ctx, out));
                s.ackCounted = count(ReportFact.ACK, s, s.ackCounted, false, ctx);
                changed = true;
            }
            if (timestamp >= s.acknowledgeBy + ack && s.ackLate && !s.ackEscalated) {
                s.ackEscalated = true;
                escalate(active, s.acknowledgeBy + ack, out);
                changed = true;
            }
        }
        if (timestamp >= s.resolveBy && !s.resolveLate) {
            s.resolveLate = true;
            resolveAlert.update(raise(RESOLVE_ID, resolveRule, s, s.resolveBy, Duration.ofMillis(resolve), ctx, out));
            s.resolveCounted = count(ReportFact.RESOLVE, s, s.resolveCounted, false, ctx);
            changed = true;
        }
        if (timestamp >= s.resolveBy + resolve && s.resolveLate && !s.resolveEscalated) {
            s.resolveEscalated = true;
            escalate(resolveAlert, s.resolveBy + resolve, out);
            changed = true;
        }
        if (changed) {
            s.updatedAt = Math.max(s.updatedAt, timestamp);
            publish(s, ctx);
            state.update(s);
        }
    }

    private void clearAll() throws Exception {
        state.clear();
        active.clear();
        resolveAlert.clear();
        seen.clear();
        pending.clear();
    }

    private Alert raise(
            String ruleId,
            RuleDefinition rule,
            ReportState s,
            long at,
            Duration deadline,
            OnTimerContext ctx,
            Collector<Alert> out) {
        ServiceCode service =
                ReferenceData.cached(refDir).service(s.serviceCode).orElseThrow();
        String report = ctx.getCurrentKey();
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("serviceCode", s.serviceCode);
        evidence.put("requestedAt", Timestamps.format(s.requestedAt));
        evidence.put("status", s.status);
        evidence.put(ruleId.equals(ID) ? "acknowledgeWithinMinutes" : "resolveWithinMinutes", deadline.toMinutes());
        Alert alert = AlertTexts.raise(
                ruleId,
                rule,
                new Entity("report", report),
                s.area,
                s.area,
                new Position(s.lat, s.lon),
                rule.severity(),
                null,
                at,
                Map.of(
                        "report", report,
                        "service_vi", service.name().vi(),
                        "service_en", service.name().en(),
                        "requested", Timestamps.format(s.requestedAt),
                        "deadline", human(deadline)),
                evidence);
        out.collect(alert);
        return alert;
    }

    private static void escalate(ValueState<Alert> alert, long at, Collector<Alert> out) throws Exception {
        Alert a = alert.value();
        if (a == null) {
            return;
        }
        Severity[] levels = Severity.values();
        Severity up = levels[Math.min(a.severity().ordinal() + 1, levels.length - 1)];
        Map<String, Object> evidence = new HashMap<>(a.evidence());
        evidence.put("escalated", true);
        evidence.put("escalatedAt", Timestamps.format(at));
        Alert escalated = a.updated(at, up, evidence);
        alert.update(escalated);
        out.collect(escalated);
    }

    private void publish(ReportState s, Context ctx) {
        ctx.output(VIEWS, new ReportViewUpdate(ctx.getCurrentKey(), view(ctx.getCurrentKey(), s)));
    }

    /** The wall's view of the report, without the marks other operators add and without seq (both added later). */
    ReportView view(String id, ReportState s) {
        String late = null;
        boolean escalated = false;
        if (s.resolvedAt == null && s.resolveLate) {
            late = ReportView.LATE_RESOLVE;
            escalated = s.resolveEscalated;
        } else if (s.resolvedAt == null && s.acknowledgedAt == null && s.ackLate) {
            late = ReportView.LATE_ACKNOWLEDGE;
            escalated = s.ackEscalated;
        }
        LocalizedText name = ReferenceData.cached(refDir)
                .service(s.serviceCode)
                .map(ServiceCode::name)
                .orElse(null);
        return new ReportView(
                id,
                s.serviceCode,
                name,
                s.area,
                s.lat,
                s.lon,
                s.status,
                s.description,
                s.mediaUrl,
                s.requestedAt,
                s.updatedAt,
                s.acknowledgedAt,
                s.resolvedAt,
                s.acknowledgeBy,
                s.resolveBy,
                late,
                escalated,
                null,
                null,
                null,
                0);
    }

    private static String human(Duration d) {
        if (d.toMinutes() % 60 != 0) {
            return d.toMinutes() + " min";
        }
        return d.toHours() + " h";
    }
}
