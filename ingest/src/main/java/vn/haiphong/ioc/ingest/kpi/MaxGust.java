package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.ingest.rules.GustReading;

/** The strongest gust measured anywhere in a port over an event-time window; the target is the warning threshold. */
public final class MaxGust {
    private MaxGust() {}

    public static final class Max implements AggregateFunction<GustReading, Double, Double> {
        @Override
        public Double createAccumulator() {
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public Double add(GustReading r, Double acc) {
            return Math.max(acc, r.gust);
        }

        @Override
        public Double getResult(Double acc) {
            return acc;
        }

        @Override
        public Double merge(Double a, Double b) {
            return Math.max(a, b);
        }
    }

    public static final class ToKpi extends ProcessWindowFunction<Double, Kpi, String, TimeWindow> {
        private final double warningGust;

        public ToKpi(double warningGust) {
            this.warningGust = warningGust;
        }

        @Override
        public void process(String portId, Context ctx, Iterable<Double> maxima, Collector<Kpi> out) {
            TimeWindow w = ctx.window();
            out.collect(new Kpi(
                    KpiNames.MAX_GUST,
                    "port",
                    portId,
                    KpiNames.MAX_GUST_NAME,
                    w.getStart(),
                    w.getEnd(),
                    maxima.iterator().next(),
                    "m/s",
                    warningGust,
                    ctx.currentWatermark() >= w.maxTimestamp(),
                    Math.min(ctx.currentWatermark(), w.maxTimestamp())));
        }
    }
}
