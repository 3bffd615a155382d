package vn.haiphong.ioc.ingest.kpi;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;

/**
 * A traffic camera's window, incrementally: an {@link Aggregate} adds each reading to a few sums (no reading is kept),
 * and {@link Result} turns the sums into the camera's figures: vehicles by type, the vehicle-weighted mean speed, the
 * mean occupancy, the level of service, and whether the window is congested by the congestion rule's thresholds.
 */
public final class TrafficWindows {
    /** The order of {@link CameraWindow#vehiclesByType}. */
    public static final List<String> VEHICLE_TYPES = List.of("motorcycle", "car", "bus", "lorry", "van", "bicycle");

    private TrafficWindows() {}

    /** The running sums of one camera's window. A Flink POJO (it is the window's state). */
    public static class Sums {
        public long vehicles;
        public long[] byType = new long[VEHICLE_TYPES.size()];
        /** Σ speed × vehicles and Σ vehicles over the readings with a speed. */
        public double speedTimesVehicles;

        public long speedVehicles;
        /** Σ speed and their number: the mean when no vehicle stands behind any speed. */
        public double speedSum;

        public int speedReadings;
        public double occupancySum;
        public int occupancyReadings;
        /** The congested flag of the camera's latest reading (its own verdict, now). */
        public long latestTime = Long.MIN_VALUE;

        public boolean latestCongested;

        public Sums() {}
    }

    public static final class Aggregate implements AggregateFunction<TrafficFlowObserved, Sums, Sums> {
        @Override
        public Sums createAccumulator() {
            return new Sums();
        }

        @Override
        public Sums add(TrafficFlowObserved t, Sums s) {
            int total = 0;
            for (Map.Entry<String, Integer> e : t.intensity().entrySet()) {
                int n = e.getValue() == null ? 0 : e.getValue();
                int i = VEHICLE_TYPES.indexOf(e.getKey());
                if (i >= 0) {
                    s.byType[i] += n;
                }
                total += n;
            }
            s.vehicles += total;
            if (t.averageVehicleSpeed() != null) {
                s.speedTimesVehicles += t.averageVehicleSpeed() * total;
                s.speedVehicles += total;
                s.speedSum += t.averageVehicleSpeed();
                s.speedReadings++;
            }
            if (t.occupancy() != null) {
                s.occupancySum += t.occupancy();
                s.occupancyReadings++;
            }
            if (t.eventTime() >= s.latestTime) {
                s.latestTime = t.eventTime();
                s.latestCongested = Boolean.TRUE.equals(t.congested());
            }
            return s;
        }

        @Override
        public Sums getResult(Sums s) {
            return s;
        }

        @Override
        public Sums merge(Sums a, Sums b) {
            a.vehicles += b.vehicles;
            for (int i = 0; i < a.byType.length; i++) {
                a.byType[i] += b.byType[i];
            }
            a.speedTimesVehicles += b.speedTimesVehicles;
            a.speedVehicles += b.speedVehicles;
            a.speedSum += b.speedSum;
            a.speedReadings += b.speedReadings;
            a.occupancySum += b.occupancySum;
            a.occupancyReadings += b.occupancyReadings;
            if (b.latestTime >= a.latestTime) {
                a.latestTime = b.latestTime;
                a.latestCongested = b.latestCongested;
            }
            return a;
        }
    }

    public static final class Result extends ProcessWindowFunction<Sums, CameraWindow, String, TimeWindow> {
        private final LevelOfService levels;
        private final double occupancyAtLeast;
        private final double speedAtMost;
        private final String refDir;
        private transient ReferenceData ref;

        /** The congestion thresholds are those of the rule {@code traffic.congestion}. */
        public Result(LevelOfService levels, double occupancyAtLeast, double speedAtMost, String refDir) {
            this.levels = levels;
            this.occupancyAtLeast = occupancyAtLeast;
            this.speedAtMost = speedAtMost;
            this.refDir = refDir;
        }

        @Override
        public void open(OpenContext openContext) {
            ref = ReferenceData.cached(refDir);
        }

        @Override
        public void process(String cameraId, Context ctx, Iterable<Sums> sums, Collector<CameraWindow> out) {
            Sums s = sums.iterator().next();
            CameraWindow w = new CameraWindow();
            w.cameraId = cameraId;
            w.area = ref.camera(cameraId).map(Camera::area).orElse(null);
            Windows.stamp(w, ctx.window(), ctx.currentWatermark());
            w.vehicles = s.vehicles;
            w.vehiclesByType = s.byType.clone();
            if (s.speedVehicles > 0) {
                w.speed = s.speedTimesVehicles / s.speedVehicles;
                w.speedWeight = s.speedVehicles;
            } else if (s.speedReadings > 0) {
                w.speed = s.speedSum / s.speedReadings;
            }
            w.occupancy = s.occupancyReadings > 0 ? s.occupancySum / s.occupancyReadings : null;
            w.level = levels.level(w.speed, w.occupancy);
            w.congested = congested(w.speed, w.occupancy, occupancyAtLeast, speedAtMost) || s.latestCongested;
            out.collect(w);
        }
    }

    /** Congested by the congestion rule's thresholds: occupancy at least, or speed at most. */
    static boolean congested(Double speed, Double occupancy, double occupancyAtLeast, double speedAtMost) {
        return (occupancy != null && occupancy >= occupancyAtLeast) || (speed != null && speed <= speedAtMost);
    }
}
