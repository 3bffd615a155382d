package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;

/** Vehicles counted by one camera in a one-minute event-time window (early readings while the window is open). */
public final class VehiclesPerMinute {
    private VehiclesPerMinute() {}

    public static final class Sum implements AggregateFunction<TrafficFlowObserved, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(TrafficFlowObserved t, Long acc) {
            return acc + t.totalVehicles();
        }

        @Override
        public Long getResult(Long acc) {
            return acc;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    public static final class ToKpi extends ProcessWindowFunction<Long, Kpi, String, TimeWindow> {
        @Override
        public void process(String cameraId, Context ctx, Iterable<Long> sums, Collector<Kpi> out) {
            long vehicles = sums.iterator().next();
            TimeWindow w = ctx.window();
            boolean complete = ctx.currentWatermark() >= w.maxTimestamp();
            long minutes = Math.max(1, (w.getEnd() - w.getStart()) / 60_000);
            out.collect(new Kpi(
                    KpiNames.VEHICLES_PER_MINUTE,
                    "camera",
                    cameraId,
                    KpiNames.VEHICLES_NAME,
                    w.getStart(),
                    w.getEnd(),
                    (double) vehicles / minutes,
                    "vehicles/min",
                    null,
                    complete,
                    Math.min(ctx.currentWatermark(), w.maxTimestamp())));
        }
    }
}
