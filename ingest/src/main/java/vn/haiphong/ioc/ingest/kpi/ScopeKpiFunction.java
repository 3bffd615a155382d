package vn.haiphong.ioc.ingest.kpi;

import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.DESKS_OVER_THRESHOLD;
import static vn.haiphong.ioc.ingest.kpi.CameraKpiNames.TRAFFIC_CONGESTED_SHARE;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;

/**
 * The KPIs of an area and of the city over one window, from the latest figures of each camera that reported in it
 * (keyed by {@link ScopedWindow#key}: one key per scope and window, at most a few dozen cameras each).
 *
 * <ul>
 *   <li>area: {@code traffic-vehicles} (sum, with the breakdown by type), {@code traffic-speed} (weighted by the
 *       vehicles behind each camera's speed), {@code traffic-occupancy} (mean over the cameras), {@code traffic-los}
 *       (from the area's speed and occupancy), {@code traffic-congested-share} (% of the reporting cameras whose
 *       window is congested);
 *   <li>city: {@code traffic-congested-share} over every reporting traffic camera, {@code desks-over-threshold}.
 * </ul>
 *
 * Like the camera windows, it publishes early readings at every {@code early} step of event time while the window is
 * open (one timer per step, not one message per camera update), the complete value when the watermark passes the
 * window's end, and again when a late camera update changes a closed window; its state goes when the cameras' allowed
 * lateness is over.
 */
public class ScopeKpiFunction extends KeyedProcessFunction<String, ScopedWindow, Kpi> {
    private final long early;
    private final long lateness;
    private final LevelOfService levels;
    private final CameraKpis.Thresholds thresholds;

    private transient MapState<String, CameraWindow> cameras;

    public ScopeKpiFunction(
            Duration early, Duration lateness, LevelOfService levels, CameraKpis.Thresholds thresholds) {
        this.early = early.toMillis();
        this.lateness = lateness.toMillis();
        this.levels = levels;
        this.thresholds = thresholds;
    }

    @Override
    public void open(OpenContext openContext) {
        cameras = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("cameras", Types.STRING, TypeInformation.of(CameraWindow.class)));
    }

    @Override
    public void processElement(ScopedWindow in, Context ctx, Collector<Kpi> out) throws Exception {
        CameraWindow w = in.window;
        cameras.put(w.cameraId, w);
        long end = w.windowEnd - 1;
        long watermark = ctx.timerService().currentWatermark();
        ctx.timerService().registerEventTimeTimer(end + lateness + 1);
        if (watermark >= end) {
            // A late update of a closed window: the complete value changes now.
            emit(in.scopeType, in.scopeId, true, end, out);
            return;
        }
        ctx.timerService().registerEventTimeTimer(end);
        // The same pace as the cameras' own windows: a 15-minute area value once a minute, not every step.
        long step = CameraKpiStreams.earlyFor(Duration.ofMillis(w.windowMillis()), Duration.ofMillis(early))
                .toMillis();
        long next = EarlyEventTimeTrigger.nextStep(Math.max(watermark, w.windowStart), step);
        if (next < end) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Kpi> out) throws Exception {
        String[] key = ctx.getCurrentKey().split("/");
        long start = Long.parseLong(key[2]);
        long end = start + Long.parseLong(key[3]) - 1;
        if (timestamp > end) {
            cameras.clear();
            return;
        }
        if (timestamp < end && ctx.timerService().currentWatermark() >= end) {
            return; // the watermark jumped past the end: the complete value comes next, from the end's timer
        }
        emit(key[0], key[1], timestamp >= end, timestamp, out);
    }

    private void emit(String scopeType, String scopeId, boolean complete, long updatedAt, Collector<Kpi> out)
            throws Exception {
        CameraWindow scope = null;
        int traffic = 0;
        int congested = 0;
        int desks = 0;
        int desksOver = 0;
        long vehicles = 0;
        long[] byType = new long[TrafficWindows.VEHICLE_TYPES.size()];
        double speedTimesWeight = 0;
        long speedWeight = 0;
        double speedSum = 0;
        int speeds = 0;
        double occupancySum = 0;
        int occupancies = 0;
        for (Map.Entry<String, CameraWindow> e : cameras.entries()) {
            CameraWindow c = e.getValue();
            if (scope == null) {
                scope = new CameraWindow();
                scope.windowStart = c.windowStart;
                scope.windowEnd = c.windowEnd;
                scope.complete = complete;
                scope.updatedAt = updatedAt;
            }
            if (c.desk) {
                desks++;
                desksOver += c.overThreshold ? 1 : 0;
                continue;
            }
            traffic++;
            congested += c.congested ? 1 : 0;
            vehicles += c.vehicles;
            for (int i = 0; i < byType.length && i < c.vehiclesByType.length; i++) {
                byType[i] += c.vehiclesByType[i];
            }
            if (c.speed != null) {
                speedTimesWeight += c.speed * c.speedWeight;
                speedWeight += c.speedWeight;
                speedSum += c.speed;
                speeds++;
            }
            if (c.occupancy != null) {
                occupancySum += c.occupancy;
                occupancies++;
            }
        }
        if (scope == null) {
            return;
        }
        if (traffic > 0) {
            double share = 100.0 * congested / traffic;
            out.collect(CameraKpis.kpi(TRAFFIC_CONGESTED_SHARE, scopeType, scopeId, scope, share, "%", null, null));
        }
        if (scopeType.equals("area") && traffic > 0) {
            Double speed = speedWeight > 0 ? speedTimesWeight / speedWeight : speeds > 0 ? speedSum / speeds : null;
            Double occupancy = occupancies > 0 ? occupancySum / occupancies : null;
            CameraKpis.traffic(
                    scopeType,
                    scopeId,
                    scope,
                    vehicles,
                    byType,
                    speed,
                    occupancy,
                    levels.level(speed, occupancy),
                    thresholds,
                    out);
        }
        if (scopeType.equals("city") && desks > 0) {
            out.collect(
                    CameraKpis.kpi(DESKS_OVER_THRESHOLD, scopeType, scopeId, scope, desksOver, "desks", null, null));
        }
    }
}
