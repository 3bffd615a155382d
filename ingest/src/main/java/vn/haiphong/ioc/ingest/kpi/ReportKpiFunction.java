package vn.haiphong.ioc.ingest.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.ingest.reports.ReportFact;

/**
 * The citizen report KPIs of one scope ({@code area/303}, {@code service/flooding}, {@code city/haiphong}), from the
 * lifecycle's {@link ReportFact}s, in event time, each published when it changes:
 *
 * <ul>
 *   <li>{@value ReportKpiNames#RECEIVED_TODAY}: reports filed since local midnight (Asia/Ho_Chi_Minh); back to 0 at
 *       midnight.
 *   <li>{@value ReportKpiNames#OPEN}: the backlog, reports not yet done.
 *   <li>{@value ReportKpiNames#ACK_ON_TIME} / {@value ReportKpiNames#RESOLVED_ON_TIME}: % of the deadlines that fell
 *       due in the last {@link #DAYS} days (or were met early) that were met; target 98 for resolution.
 *   <li>{@value ReportKpiNames#FIRST_RESPONSE_MEDIAN}: median minutes from filing to first acknowledgement over the
 *       same days, from a bounded histogram (exact to the minute below 3 h, then quarter hours to 48 h, then 6 h).
 * </ul>
 *
 * State: the open count and at most {@link #DAYS} days of figures (older days dropped at midnight).
 */
public class ReportKpiFunction extends KeyedProcessFunction<String, ReportFact, Kpi> {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final int DAYS = 30;
    static final double RESOLVED_TARGET = 98;

    private transient ValueState<Long> open;
    private transient ValueState<Long> now;
    private transient MapState<Long, ReportDayStats> days;

    /** Fans each fact out to the scopes it counts in: its area, its service and the city. */
    public static class Scopes implements FlatMapFunction<ReportFact, ReportFact> {
        @Override
        public void flatMap(ReportFact f, Collector<ReportFact> out) {
            out.collect(f.scoped(ReportKpiNames.AREA, f.area));
            out.collect(f.scoped(ReportKpiNames.SERVICE, f.serviceCode));
            out.collect(f.scoped(ReportKpiNames.CITY, ReportKpiNames.CITY_ID));
        }
    }

    @Override
    public void open(OpenContext openContext) {
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open", Types.LONG));
        now = getRuntimeContext().getState(new ValueStateDescriptor<>("now", Types.LONG));
        days = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("days", Types.LONG, TypeInformation.of(ReportDayStats.class)));
    }

    static long day(long time) {
        return Instant.ofEpochMilli(time).atZone(ZONE).toLocalDate().toEpochDay();
    }

    static long midnight(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(ZONE).toInstant().toEpochMilli();
    }

    @Override
    public void processElement(ReportFact f, Context ctx, Collector<Kpi> out) throws Exception {
        long at = Math.max(f.time, now.value() == null ? Long.MIN_VALUE : now.value());
        at = Math.max(at, ctx.timerService().currentWatermark());
        now.update(at);
        ctx.timerService().registerEventTimeTimer(midnight(day(at) + 1));
        switch (f.kind) {
            case ReportFact.RECEIVED -> {
                ReportDayStats d = stats(day(f.time));
                d.received++;
                days.put(day(f.time), d);
                if (day(f.time) == day(at)) {
                    out.collect(receivedToday(f, at, d.received));
                }
            }
            case ReportFact.BACKLOG -> {
                long count = Math.max(0, (open.value() == null ? 0 : open.value()) + f.delta);
                open.update(count);
                out.collect(kpi(f, ReportKpiNames.OPEN, ReportKpiNames.OPEN_NAME, at, at, count, "reports", null));
            }
            case ReportFact.ACK, ReportFact.RESOLVE -> {
                long bucket = day(f.bucketTime);
                ReportDayStats d = stats(bucket);
                boolean ack = f.kind.equals(ReportFact.ACK);
                if (ack) {
                    d.ackDue += f.delta;
                    d.ackOnTime += f.onTime ? f.delta : 0;
                } else {
                    d.resolveDue += f.delta;
                    d.resolveOnTime += f.onTime ? f.delta : 0;
                }
                days.put(bucket, d);
                onTime(f.scopeType, f.scopeId, ack, at, out);
            }
            case ReportFact.FIRST_RESPONSE -> {
                long bucket = day(f.time);
                ReportDayStats d = stats(bucket);
                d.firstResponse[ReportDayStats.bucket(f.minutes)] += f.delta;
                days.put(bucket, d);
                median(f.scopeType, f.scopeId, at, out);
            }
            default -> {}
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Kpi> out) throws Exception {
        long today = day(timestamp);
        List<Long> old = new ArrayList<>();
        for (Long d : days.keys()) {
            if (d <= today - DAYS) {
                old.add(d);
            }
        }
        for (Long d : old) {
            days.remove(d);
        }
        String[] scope = ctx.getCurrentKey().split("/", 2);
        ReportFact f = new ReportFact();
        f.scopeType = scope[0];
        f.scopeId = scope[1];
        ReportDayStats d = days.get(today);
        out.collect(receivedToday(f, timestamp, d == null ? 0 : d.received));
        onTime(scope[0], scope[1], true, timestamp, out);
        onTime(scope[0], scope[1], false, timestamp, out);
        median(scope[0], scope[1], timestamp, out);
        if (days.isEmpty()) {
            // nothing left that changes at midnight: no more timers until the next fact (and none forever when the
            // watermark jumps to the end of time)
            if (open.value() == null || open.value() == 0) {
                open.clear();
            }
            now.clear();
        } else {
            now.update(Math.max(timestamp, now.value() == null ? timestamp : now.value()));
            ctx.timerService().registerEventTimeTimer(midnight(today + 1));
        }
    }

    private ReportDayStats stats(long day) throws Exception {
        ReportDayStats d = days.get(day);
        return d == null ? new ReportDayStats() : d;
    }

    private static Kpi receivedToday(ReportFact f, long at, long count) {
        long start = midnight(day(at));
        return kpi(
                f,
                ReportKpiNames.RECEIVED_TODAY,
                ReportKpiNames.RECEIVED_TODAY_NAME,
                start,
                at,
                count,
                "reports",
                null);
    }

    private void onTime(String scopeType, String scopeId, boolean ack, long at, Collector<Kpi> out) throws Exception {
        long due = 0;
        long met = 0;
        long from = Long.MAX_VALUE;
        for (Map.Entry<Long, ReportDayStats> e : days.entries()) {
            ReportDayStats d = e.getValue();
            due += ack ? d.ackDue : d.resolveDue;
            met += ack ? d.ackOnTime : d.resolveOnTime;
            from = Math.min(from, e.getKey());
        }
        if (due <= 0) {
            return;
        }
        ReportFact f = new ReportFact();
        f.scopeType = scopeType;
        f.scopeId = scopeId;
        double percent = Math.round(1000.0 * met / due) / 10.0;
        out.collect(kpi(
                f,
                ack ? ReportKpiNames.ACK_ON_TIME : ReportKpiNames.RESOLVED_ON_TIME,
                ack ? ReportKpiNames.ACK_ON_TIME_NAME : ReportKpiNames.RESOLVED_ON_TIME_NAME,
                Math.min(midnight(from), at),
                at,
                percent,
                "%",
                ack ? null : RESOLVED_TARGET));
    }

    private void median(String scopeType, String scopeId, long at, Collector<Kpi> out) throws Exception {
        int[] all = new int[ReportDayStats.BUCKETS];
        long n = 0;
        long from = Long.MAX_VALUE;
        for (Map.Entry<Long, ReportDayStats> e : days.entries()) {
            int[] h = e.getValue().firstResponse;
            for (int i = 0; i < all.length; i++) {
                all[i] += h[i];
                n += h[i];
            }
            from = Math.min(from, e.getKey());
        }
        if (n == 0) {
            return;
        }
        ReportFact f = new ReportFact();
        f.scopeType = scopeType;
        f.scopeId = scopeId;
        out.collect(kpi(
                f,
                ReportKpiNames.FIRST_RESPONSE_MEDIAN,
                ReportKpiNames.FIRST_RESPONSE_NAME,
                Math.min(midnight(from), at),
                at,
                median(all, n),
                "min",
                null));
    }

    /** The median of a histogram: the middle value, or the mean of the two middle ones. */
    static double median(int[] histogram, long n) {
        long lower = (n - 1) / 2;
        long upper = n / 2;
        double a = Double.NaN;
        double b = Double.NaN;
        long seen = 0;
        for (int i = 0; i < histogram.length && Double.isNaN(b); i++) {
            seen += histogram[i];
            if (Double.isNaN(a) && seen > lower) {
                a = ReportDayStats.value(i);
            }
            if (seen > upper) {
                b = ReportDayStats.value(i);
            }
        }
        return (a + b) / 2;
    }

    private static Kpi kpi(
            ReportFact f,
            String name,
            LocalizedText display,
            long start,
            long end,
            double value,
            String unit,
            Double target) {
        return new Kpi(name, f.scopeType, f.scopeId, display, start, end, value, unit, target, true, end);
    }
}
