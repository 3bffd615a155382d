package vn.haiphong.ioc.ingest.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.ingest.rules.AlertTexts;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * Fusion of the two eyes of the city ({@value #ID}), keyed by the kind of event (the camera detection category, e.g.
 * flood): a camera detection with confidence ≥ {@code minConfidence} and citizen reports of a service whose {@code
 * fusionCategory} (service-codes.json) is that kind, within {@code radiusMetres} of the camera and {@code
 * windowMinutes} of each other, are ONE incident alert (domain incident, site the camera's area) with every source in
 * its evidence ({@code sources}: cameras once each, reports). Later sources that match a member join it (same alertId,
 * next seq); it clears {@code clearAfter} after the last source joined. The reports' views get the incident's id.
 *
 * <p>Each item is compared, on an event-time timer at its own time, with the items of the other kind already
 * compared, so every pair is looked at once whatever the arrival order; neighbours come from a {@link Grid}.
 */
public class IncidentFusionFunction extends KeyedCoProcessFunction<String, CameraDetection, ReportFact, Alert>
        implements ResultTypeQueryable<Alert> {
    public static final String ID = "incident.fused";
    public static final OutputTag<ReportMark> MARKS =
            new OutputTag<>("incident-marks", TypeInformation.of(ReportMark.class));
    static final int MAX_SOURCES = 100;

    private final RuleSet rules;
    private final String refDir;

    private transient RuleDefinition rule;
    private transient double radius;
    private transient long window;
    private transient double minConfidence;
    private transient MapState<String, FusionItem> items;
    private transient MapState<String, Alert> incidents;

    public IncidentFusionFunction(RuleSet rules, String refDir) {
        this.rules = rules;
        this.refDir = refDir;
    }

    @Override
    public void open(OpenContext openContext) {
        rule = rules.rule(ID);
        radius = rule.param("radiusMetres");
        window = Duration.ofMinutes((long) rule.param("windowMinutes")).toMillis();
        minConfidence = rule.param("minConfidence");
        items = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("items", Types.STRING, TypeInformation.of(FusionItem.class)));
        incidents = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("incidents", Types.STRING, TypeInformation.of(Alert.class)));
    }

    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    /** The kind of event a detection is about, its fusion key. */
    public static String key(CameraDetection d) {
        return d.detection();
    }

    @Override
    public void processElement1(CameraDetection d, Context ctx, Collector<Alert> out) throws Exception {
        Camera camera = ReferenceData.cached(refDir).camera(d.cameraId()).orElse(null);
        if (camera == null || d.confidence() < minConfidence) {
            return;
        }
        FusionItem item = new FusionItem();
        item.type = FusionItem.CAMERA;
        item.id = d.cameraId();
        item.eventId = d.id();
        item.lat = camera.lat();
        item.lon = camera.lon();
        item.time = d.dateObserved();
        item.confidence = d.confidence();
        item.area = camera.area();
        keep(item, ctx);
    }

    @Override
    public void processElement2(ReportFact f, Context ctx, Collector<Alert> out) throws Exception {
        if (!ReportFact.RECEIVED.equals(f.kind)) {
            return;
        }
        FusionItem item = new FusionItem();
        item.type = FusionItem.REPORT;
        item.id = f.serviceRequestId;
        item.lat = f.lat;
        item.lon = f.lon;
        item.time = f.time;
        item.area = f.area;
        keep(item, ctx);
    }

    private void keep(FusionItem item, Context ctx) throws Exception {
        if (items.contains(item.key())) {
            return; // redelivered
        }
        items.put(item.key(), item);
        ctx.timerService().registerEventTimeTimer(item.time);
        ctx.timerService().registerEventTimeTimer(item.time + window + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<FusionItem> all = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, FusionItem> e : items.entries()) {
            if (e.getValue().time + window < timestamp) {
                expired.add(e.getKey());
            } else {
                all.add(e.getValue());
            }
        }
        for (String key : expired) {
            items.remove(key);
        }
        all.sort(Comparator.comparingLong((FusionItem i) -> i.time).thenComparing(FusionItem::key));
        Grid<FusionItem> grid = new Grid<>(radius, i -> i.lat, i -> i.lon);
        all.forEach(grid::add);
        for (FusionItem p : all) {
            if (p.evaluated || p.time > timestamp) {
                continue;
            }
            p.evaluated = true;
            List<FusionItem> matches = new ArrayList<>();
            for (FusionItem q : grid.near(p.lat, p.lon, radius)) {
                if (q.evaluated && !q.type.equals(p.type) && Math.abs(p.time - q.time) <= window) {
                    matches.add(q);
                }
            }
            matches.sort(Comparator.comparingLong((FusionItem i) -> i.time).thenComparing(FusionItem::key));
            if (!matches.isEmpty()) {
                join(p, matches, timestamp, ctx, out);
            }
            items.put(p.key(), p);
        }
        clearQuiet(timestamp, out);
    }

    private void join(FusionItem p, List<FusionItem> matches, long now, OnTimerContext ctx, Collector<Alert> out)
            throws Exception {
        String incident = null;
        for (FusionItem q : matches) {
            if (q.incident != null && incidents.contains(q.incident)) {
                incident = q.incident;
                break;
            }
        }
        List<FusionItem> joining = new ArrayList<>();
        joining.add(p);
        for (FusionItem q : matches) {
            if (q.incident == null || !incidents.contains(q.incident)) {
                joining.add(q);
            }
        }
        Alert alert;
        if (incident == null) {
            alert = raise(joining, now, ctx.getCurrentKey());
        } else {
            Alert before = incidents.get(incident);
            Map<String, Object> evidence = new LinkedHashMap<>(before.evidence());
            List<Object> sources = sources(before);
            int size = sources.size();
            addSources(sources, joining);
            if (sources.size() == size) {
                for (FusionItem i : joining) {
                    i.incident = incident;
                    items.put(i.key(), i);
                }
                return; // the same camera again: nothing new to say
            }
            evidence.put("sources", sources);
            evidence.put("reportCount", reports(sources));
            alert = before.updated(now, before.severity(), evidence);
        }
        incidents.put(alert.alertId(), alert);
        out.collect(alert);
        ctx.timerService().registerEventTimeTimer(now + rule.clearAfter().toMillis());
        for (FusionItem i : joining) {
            i.incident = alert.alertId();
            items.put(i.key(), i);
            if (FusionItem.REPORT.equals(i.type)) {
                ctx.output(MARKS, new ReportMark(i.id, ReportMark.INCIDENT, alert.alertId(), now));
            }
        }
    }

    private void clearQuiet(long now, Collector<Alert> out) throws Exception {
        List<String> quiet = new ArrayList<>();
        for (Map.Entry<String, Alert> e : incidents.entries()) {
            if (e.getValue().updatedAt() + rule.clearAfter().toMillis() <= now) {
                quiet.add(e.getKey());
            }
        }
        for (String id : quiet) {
            Alert a = incidents.get(id);
            out.collect(a.cleared(now, Map.of("reportCount", reports(sources(a)))));
            incidents.remove(id);
        }
    }

    private Alert raise(List<FusionItem> joining, long now, String category) {
        ReferenceData ref = ReferenceData.cached(refDir);
        FusionItem cameraItem = joining.stream()
                .filter(i -> FusionItem.CAMERA.equals(i.type))
                .min(Comparator.comparingLong((FusionItem i) -> i.time))
                .orElseThrow();
        Camera camera = ref.camera(cameraItem.id).orElseThrow();
        List<Object> sources = new ArrayList<>();
        addSources(sources, joining);
        LocalizedText label = rules.label(category);
        Map<String, Object> values = new HashMap<>();
        values.put("label_vi", label.vi());
        values.put("label_en", label.en());
        values.put("camera", camera.id());
        values.put("camera_vi", camera.name().vi());
        values.put("camera_en", camera.name().en());
        values.put("window_minutes", window / 60_000);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("category", category);
        evidence.put("sources", sources);
        evidence.put("reportCount", reports(sources));
        return AlertTexts.raise(
                ID,
                rule,
                new Entity("incident", category + "/" + cameraItem.eventId),
                camera.area(),
                camera.area(),
                new Position(camera.lat(), camera.lon()),
                rule.severityFor(category),
                category,
                now,
                values,
                evidence);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> sources(Alert a) {
        Object s = a.evidence().get("sources");
        return s instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
    }

    private static long reports(List<Object> sources) {
        return sources.stream()
                .filter(s -> s instanceof Map<?, ?> m && FusionItem.REPORT.equals(m.get("type")))
                .count();
    }

    /** Adds each item not yet a source: a camera once, whatever its detections; a report once. */
    private static void addSources(List<Object> sources, List<FusionItem> joining) {
        for (FusionItem i : joining) {
            boolean known = sources.stream()
                    .anyMatch(
                            s -> s instanceof Map<?, ?> m && i.type.equals(m.get("type")) && i.id.equals(m.get("id")));
            if (known || sources.size() >= MAX_SOURCES) {
                continue;
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("type", i.type);
            source.put("id", i.id);
            source.put("at", Timestamps.format(i.time));
            if (FusionItem.CAMERA.equals(i.type)) {
                source.put("confidence", i.confidence);
                source.put("detection", i.eventId);
            }
            sources.add(source);
        }
    }
}
