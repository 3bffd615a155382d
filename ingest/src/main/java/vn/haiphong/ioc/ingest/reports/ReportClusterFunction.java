package vn.haiphong.ioc.ingest.reports;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.ingest.rules.AlertTexts;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * Hotspots and likely duplicates among the reports of one service code (the key).
 *
 * <p>Hotspot ({@value #HOTSPOT}): at least {@code minReports} reports within {@code radiusMetres} of one another
 * within {@code windowMinutes}, grown as in DBSCAN (a report with enough neighbours gathers them, and its neighbours
 * theirs). One alert per cluster, not per report: its evidence has the report ids, their count and the outline; it is
 * updated (same alertId, next seq) when the cluster gains or loses reports and cleared when fewer than {@code
 * minReports} remain in the window.
 *
 * <p>Likely duplicate ({@value #DUPLICATE}): a report within {@code radiusMetres} and {@code windowMinutes} after an
 * earlier report of the same service that was still open then is marked {@code duplicateOf} that one (or the one it
 * repeats in turn). Marked only: closing it is the operators' decision.
 *
 * <p>Everything is decided on event-time timers at each report's time, so reports arriving out of order give the same
 * result; neighbours are found through a {@link Grid}, not by comparing all pairs. Reports are kept only as long as
 * either window needs them.
 */
public class ReportClusterFunction extends KeyedProcessFunction<String, ReportFact, Alert>
        implements ResultTypeQueryable<Alert> {
    public static final String HOTSPOT = "report.hotspot";
    public static final String DUPLICATE = "report.likely-duplicate";
    public static final OutputTag<ReportMark> MARKS =
            new OutputTag<>("report-cluster-marks", TypeInformation.of(ReportMark.class));
    /** How far outside its outermost reports a hotspot's outline runs. */
    static final double OUTLINE_MARGIN_METRES = 30;

    private final RuleSet rules;
    private final String refDir;

    private transient RuleDefinition hotspot;
    private transient int minReports;
    private transient double radius;
    private transient long window;
    private transient double duplicateRadius;
    private transient long duplicateWindow;
    private transient MapState<String, ClusterPoint> points;
    private transient MapState<String, Alert> hotspots;

    public ReportClusterFunction(RuleSet rules, String refDir) {
        this.rules = rules;
        this.refDir = refDir;
    }

    @Override
    public void open(OpenContext openContext) {
        hotspot = rules.rule(HOTSPOT);
        minReports = (int) hotspot.param("minReports");
        radius = hotspot.param("radiusMetres");
        window = Duration.ofMinutes((long) hotspot.param("windowMinutes")).toMillis();
        RuleDefinition duplicate = rules.rule(DUPLICATE);
        duplicateRadius = duplicate.param("radiusMetres");
        duplicateWindow =
                Duration.ofMinutes((long) duplicate.param("windowMinutes")).toMillis();
        points = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("points", Types.STRING, TypeInformation.of(ClusterPoint.class)));
        hotspots = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("hotspots", Types.STRING, TypeInformation.of(Alert.class)));
    }

    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    @Override
    public void processElement(ReportFact f, Context ctx, Collector<Alert> out) throws Exception {
        if (ReportFact.RECEIVED.equals(f.kind)) {
            if (points.contains(f.serviceRequestId)) {
                return;
            }
            points.put(f.serviceRequestId, new ClusterPoint(f.serviceRequestId, f.lat, f.lon, f.time, f.area));
            ctx.timerService().registerEventTimeTimer(f.time);
            ctx.timerService().registerEventTimeTimer(f.time + window);
            ctx.timerService().registerEventTimeTimer(f.time + Math.max(window, duplicateWindow));
        } else if (ReportFact.BACKLOG.equals(f.kind)) {
            ClusterPoint p = points.get(f.serviceRequestId);
            if (p != null) {
                p.closedAt = f.delta < 0 ? f.time : Long.MAX_VALUE;
                points.put(p.id, p);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long keep = Math.max(window, duplicateWindow);
        List<ClusterPoint> all = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (ClusterPoint p : points.values()) {
            if (p.time + keep <= timestamp) {
                expired.add(p.id);
            } else {
                all.add(p);
            }
        }
        for (String id : expired) {
            points.remove(id);
        }
        all.sort(Comparator.comparingLong((ClusterPoint p) -> p.time).thenComparing(p -> p.id));
        markDuplicates(all, timestamp, ctx);
        hotspots(all, timestamp, ctx, out);
    }

    private void markDuplicates(List<ClusterPoint> all, long now, OnTimerContext ctx) throws Exception {
        Grid<ClusterPoint> grid = new Grid<>(duplicateRadius, p -> p.lat, p -> p.lon);
        all.forEach(grid::add);
        for (ClusterPoint p : all) {
            if (p.checked || p.time > now) {
                continue;
            }
            p.checked = true;
            ClusterPoint original = null;
            for (ClusterPoint q : grid.near(p.lat, p.lon, duplicateRadius)) {
                if (q.before(p)
                        && p.time - q.time <= duplicateWindow
                        && q.closedAt > p.time
                        && (original == null || q.before(original))) {
                    original = q;
                }
            }
            if (original != null) {
                p.duplicateOf = original.duplicateOf != null ? original.duplicateOf : original.id;
                ctx.output(MARKS, new ReportMark(p.id, ReportMark.DUPLICATE_OF, p.duplicateOf, p.time));
            }
            points.put(p.id, p);
        }
    }

    private void hotspots(List<ClusterPoint> all, long now, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<ClusterPoint> inWindow = new ArrayList<>();
        for (ClusterPoint p : all) {
            if (p.time > now - window && p.time <= now) {
                inWindow.add(p);
            }
        }
        List<List<ClusterPoint>> clusters = clusters(inWindow);
        clusters.sort(Comparator.comparingInt((List<ClusterPoint> c) -> -c.size()));

        Map<String, Set<String>> active = new LinkedHashMap<>();
        for (Map.Entry<String, Alert> e : hotspots.entries()) {
            active.put(e.getKey(), members(e.getValue()));
        }
        for (List<ClusterPoint> cluster : clusters) {
            Set<String> ids = new HashSet<>();
            cluster.forEach(p -> ids.add(p.id));
            String match = null;
            int best = 0;
            for (Map.Entry<String, Set<String>> e : active.entrySet()) {
                int overlap = 0;
                for (String id : e.getValue()) {
                    overlap += ids.contains(id) ? 1 : 0;
                }
                if (overlap > best) {
                    best = overlap;
                    match = e.getKey();
                }
            }
            Alert alert;
            Set<String> before;
            if (match == null) {
                alert = raise(cluster, now, ctx.getCurrentKey());
                before = Set.of();
            } else {
                before = active.remove(match);
                if (before.equals(ids)) {
                    continue;
                }
                Alert previous = hotspots.get(match);
                alert = previous.updated(now, previous.severity(), evidence(cluster, ctx.getCurrentKey()));
            }
            hotspots.put(alert.alertId(), alert);
            out.collect(alert);
            for (ClusterPoint p : cluster) {
                if (!before.contains(p.id)) {
                    ctx.output(MARKS, new ReportMark(p.id, ReportMark.HOTSPOT, alert.alertId(), now));
                }
            }
        }
        for (String gone : active.keySet()) {
            Alert a = hotspots.get(gone);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("serviceCode", ctx.getCurrentKey());
            evidence.put("reportsInWindow", countNear(inWindow, members(a)));
            evidence.put("minReports", minReports);
            out.collect(a.cleared(now, evidence));
            hotspots.remove(gone);
        }
    }

    private static long countNear(List<ClusterPoint> inWindow, Set<String> members) {
        return inWindow.stream().filter(p -> members.contains(p.id)).count();
    }

    /** DBSCAN over the reports of the window, each neighbourhood found through the grid. */
    List<List<ClusterPoint>> clusters(List<ClusterPoint> pts) {
        Grid<ClusterPoint> grid = new Grid<>(radius, p -> p.lat, p -> p.lon);
        pts.forEach(grid::add);
        Map<String, Integer> label = new HashMap<>();
        List<List<ClusterPoint>> clusters = new ArrayList<>();
        for (ClusterPoint p : pts) {
            if (label.containsKey(p.id)) {
                continue;
            }
            List<ClusterPoint> near = grid.near(p.lat, p.lon, radius);
            if (near.size() < minReports) {
                continue; // not a core report; may still join a cluster as a border one
            }
            int c = clusters.size();
            List<ClusterPoint> cluster = new ArrayList<>();
            clusters.add(cluster);
            ArrayDeque<ClusterPoint> queue = new ArrayDeque<>(near);
            label.put(p.id, c);
            cluster.add(p);
            while (!queue.isEmpty()) {
                ClusterPoint q = queue.poll();
                if (label.containsKey(q.id)) {
                    continue;
                }
                label.put(q.id, c);
                cluster.add(q);
                List<ClusterPoint> around = grid.near(q.lat, q.lon, radius);
                if (around.size() >= minReports) {
                    queue.addAll(around);
                }
            }
        }
        return clusters;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> members(Alert a) {
        Object ids = a.evidence().get("reports");
        return ids instanceof List<?> l ? new HashSet<>((List<String>) l) : Set.of();
    }

    private Alert raise(List<ClusterPoint> cluster, long now, String serviceCode) {
        ReferenceData ref = ReferenceData.cached(refDir);
        double lat = cluster.stream().mapToDouble(p -> p.lat).average().orElseThrow();
        double lon = cluster.stream().mapToDouble(p -> p.lon).average().orElseThrow();
        ClusterPoint first = cluster.stream().min(ClusterPoint::compare).orElseThrow();
        String area = ref.areas().locate(lat, lon).map(a -> a.code()).orElse(first.area);
        ServiceCode service = ref.service(serviceCode).orElse(null);
        Map<String, Object> values = new HashMap<>();
        values.put("service_vi", service == null ? serviceCode : service.name().vi());
        values.put("service_en", service == null ? serviceCode : service.name().en());
        values.put("count", cluster.size());
        return AlertTexts.raise(
                HOTSPOT,
                hotspot,
                new Entity("hotspot", serviceCode + "/" + first.id),
                area,
                area,
                new Position(round(lat), round(lon)),
                hotspot.severity(),
                null,
                now,
                values,
                evidence(cluster, serviceCode));
    }

    private Map<String, Object> evidence(List<ClusterPoint> cluster, String serviceCode) {
        List<String> ids = new ArrayList<>();
        List<double[]> where = new ArrayList<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (ClusterPoint p : cluster) {
            ids.add(p.id);
            where.add(new double[] {p.lat, p.lon});
            from = Math.min(from, p.time);
            to = Math.max(to, p.time);
        }
        ids.sort(null);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("serviceCode", serviceCode);
        evidence.put("count", cluster.size());
        evidence.put("reports", ids);
        evidence.put("outline", Outline.of(where, OUTLINE_MARGIN_METRES));
        evidence.put("firstReportAt", Timestamps.format(from));
        evidence.put("lastReportAt", Timestamps.format(to));
        return evidence;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
