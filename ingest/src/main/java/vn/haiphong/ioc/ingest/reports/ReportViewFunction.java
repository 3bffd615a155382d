package vn.haiphong.ioc.ingest.reports;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.ReportView;

/**
 * The wall's view of each report, keyed by service_request_id: the lifecycle's view ({@code ReportDeadlineFunction})
 * with the marks of the hotspot, duplicate and fusion operators ({@link ReportMark}) and a {@code seq} that rises with
 * every change. The lifecycle's removal passes through and drops the state. Marks for a report not seen (yet) are kept
 * for {@link #ORPHAN_MARKS} of event time, then dropped.
 */
public class ReportViewFunction extends KeyedCoProcessFunction<String, ReportViewUpdate, ReportMark, ReportViewUpdate> {
    static final Duration ORPHAN_MARKS = Duration.ofDays(2);

    private transient ValueState<ReportView> base;
    private transient ValueState<ReportMarks> marks;
    private transient ValueState<Long> seq;

    @Override
    public void open(OpenContext openContext) {
        base = getRuntimeContext().getState(new ValueStateDescriptor<>("view", TypeInformation.of(ReportView.class)));
        marks = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("marks", TypeInformation.of(ReportMarks.class)));
        seq = getRuntimeContext().getState(new ValueStateDescriptor<>("seq", Types.LONG));
    }

    @Override
    public void processElement1(ReportViewUpdate u, Context ctx, Collector<ReportViewUpdate> out) throws Exception {
        if (u.gone()) {
            if (base.value() != null) {
                out.collect(u);
            }
            base.clear();
            marks.clear();
            seq.clear();
            return;
        }
        base.update(u.view);
        emit(out);
    }

    @Override
    public void processElement2(ReportMark m, Context ctx, Collector<ReportViewUpdate> out) throws Exception {
        ReportMarks current = marks.value();
        if (current == null) {
            current = new ReportMarks();
        }
        if (!current.apply(m)) {
            return;
        }
        marks.update(current);
        if (base.value() != null) {
            emit(out);
        } else {
            ctx.timerService().registerEventTimeTimer(m.time + ORPHAN_MARKS.toMillis());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReportViewUpdate> out) throws Exception {
        if (base.value() == null) {
            marks.clear();
            seq.clear();
        }
    }

    private void emit(Collector<ReportViewUpdate> out) throws Exception {
        ReportView v = base.value();
        ReportMarks m = marks.value() == null ? new ReportMarks() : marks.value();
        long next = (seq.value() == null ? 0 : seq.value()) + 1;
        seq.update(next);
        out.collect(new ReportViewUpdate(
                v.serviceRequestId(),
                new ReportView(
                        v.serviceRequestId(),
                        v.serviceCode(),
                        v.serviceName(),
                        v.area(),
                        v.lat(),
                        v.lon(),
                        v.status(),
                        v.description(),
                        v.mediaUrl(),
                        v.requestedAt(),
                        v.updatedAt(),
                        v.acknowledgedAt(),
                        v.resolvedAt(),
                        v.acknowledgeBy(),
                        v.resolveBy(),
                        v.late(),
                        v.escalated(),
                        m.duplicateOf,
                        m.hotspotAlertId,
                        m.incidentAlertId,
                        next)));
    }
}
