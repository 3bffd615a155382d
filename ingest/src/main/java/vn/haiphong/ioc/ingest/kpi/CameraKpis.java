package vn.haiphong.ioc.ingest.kpi;

import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.DESK_OVER_THRESHOLD;
import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.DESK_QUEUE;
import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.DESK_WAIT;
import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.TRAFFIC_LOS;
import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.TRAFFIC_OCCUPANCY;
import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.TRAFFIC_SPEED;
import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.TRAFFIC_VEHICLES;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;

/** A camera's own KPIs from its window ({@link CameraWindow}): scope {@code camera} for traffic, {@code desk}. */
public final class CameraKpis implements FlatMapFunction<CameraWindow, Kpi> {
    private static final long ONE_MINUTE = 60_000;

    private final Thresholds thresholds;

    public CameraKpis(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The rule thresholds shown as the KPIs' targets (and used to decide congestion and desks over threshold). */
    public record Thresholds(double occupancyAtLeast, double speedAtMost, double queueAtLeast, double waitAtLeast)
            implements Serializable {}

    @Override
    public void flatMap(CameraWindow w, Collector<Kpi> out) {
        if (w.desk) {
            out.collect(kpi(DESK_QUEUE, "desk", w.cameraId, w, w.queue, "people", thresholds.queueAtLeast(), null));
            out.collect(kpi(DESK_WAIT, "desk", w.cameraId, w, w.waitMinutes, "min", thresholds.waitAtLeast(), null));
            out.collect(kpi(DESK_OVER_THRESHOLD, "desk", w.cameraId, w, w.overThreshold ? 1 : 0, "desks", null, null));
            return;
        }
        traffic("camera", w.cameraId, w, w.vehicles, w.vehiclesByType, w.speed, w.occupancy, w.level, thresholds, out);
        if (w.windowMillis() == ONE_MINUTE) {
            // The wall's older tile and the tests read this name; it is the 1-minute count under its first name.
            out.collect(new Kpi(
                    KpiNames.VEHICLES_PER_MINUTE,
                    "camera",
                    w.cameraId,
                    KpiNames.VEHICLES_NAME,
                    w.windowStart,
                    w.windowEnd,
                    w.vehicles,
                    "vehicles/min",
                    null,
                    w.complete,
                    w.updatedAt));
        }
    }

    /** The four traffic KPIs of one scope (a camera or an area) over one window. */
    static void traffic(
            String scopeType,
            String scopeId,
            CameraWindow window,
            long vehicles,
            long[] byType,
            Double speed,
            Double occupancy,
            int level,
            Thresholds thresholds,
            Collector<Kpi> out) {
        out.collect(kpi(TRAFFIC_VEHICLES, scopeType, scopeId, window, vehicles, "vehicles", null, breakdown(byType)));
        if (speed != null) {
            out.collect(kpi(TRAFFIC_SPEED, scopeType, scopeId, window, speed, "km/h", thresholds.speedAtMost(), null));
        }
        if (occupancy != null) {
            out.collect(kpi(
                    TRAFFIC_OCCUPANCY,
                    scopeType,
                    scopeId,
                    window,
                    occupancy,
                    "ratio",
                    thresholds.occupancyAtLeast(),
                    null));
        }
        if (level > 0) {
            out.collect(kpi(TRAFFIC_LOS, scopeType, scopeId, window, level, "LOS", null, null));
        }
    }

    static Kpi kpi(
            String kpi,
            String scopeType,
            String scopeId,
            CameraWindow w,
            double value,
            String unit,
            Double target,
            Map<String, Double> breakdown) {
        long size = w.windowMillis();
        return new Kpi(
                CameraKpiNames.name(kpi, size),
                scopeType,
                scopeId,
                CameraKpiNames.displayName(kpi, size),
                w.windowStart,
                w.windowEnd,
                value,
                unit,
                target,
                w.complete,
                w.updatedAt,
                breakdown);
    }

    private static Map<String, Double> breakdown(long[] byType) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < TrafficWindows.VEHICLE_TYPES.size(); i++) {
            out.put(TrafficWindows.VEHICLE_TYPES.get(i), i < byType.length ? (double) byType[i] : 0.0);
        }
        return out;
    }
}
