package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;

/**
 * A one-stop desk camera's window, incrementally: the mean queue and wait of its readings, and whether either is at
 * or over the threshold of the rule {@code desk.queue}.
 */
public final class DeskWindows {
    private DeskWindows() {}

    /** The running sums of one desk's window. A Flink POJO (it is the window's state). */
    public static class Sums {
        public double queueSum;
        public double waitSum;
        public int readings;

        public Sums() {}
    }

    public static final class Aggregate implements AggregateFunction<CrowdFlowObserved, Sums, Sums> {
        @Override
        public Sums createAccumulator() {
            return new Sums();
        }

        @Override
        public Sums add(CrowdFlowObserved c, Sums s) {
            s.queueSum += c.queueLength();
            s.waitSum += c.averageWaitMinutes();
            s.readings++;
            return s;
        }

        @Override
        public Sums getResult(Sums s) {
            return s;
        }

        @Override
        public Sums merge(Sums a, Sums b) {
            a.queueSum += b.queueSum;
            a.waitSum += b.waitSum;
            a.readings += b.readings;
            return a;
        }
    }

    public static final class Result extends ProcessWindowFunction<Sums, CameraWindow, String, TimeWindow> {
        private final double queueAtLeast;
        private final double waitAtLeast;
        private final String refDir;
        private transient ReferenceData ref;

        /** The thresholds are those of the rule {@code desk.queue}. */
        public Result(double queueAtLeast, double waitAtLeast, String refDir) {
            this.queueAtLeast = queueAtLeast;
            this.waitAtLeast = waitAtLeast;
            this.refDir = refDir;
        }

        @Override
        public void open(OpenContext openContext) {
            ref = ReferenceData.cached(refDir);
        }

        @Override
        public void process(String cameraId, Context ctx, Iterable<Sums> sums, Collector<CameraWindow> out) {
            Sums s = sums.iterator().next();
            if (s.readings == 0) {
                return;
            }
            CameraWindow w = new CameraWindow();
            w.cameraId = cameraId;
            w.area = ref.camera(cameraId).map(Camera::area).orElse(null);
            w.desk = true;
            Windows.stamp(w, ctx.window(), ctx.currentWatermark());
            w.queue = s.queueSum / s.readings;
            w.waitMinutes = s.waitSum / s.readings;
            w.overThreshold = w.queue >= queueAtLeast || w.waitMinutes >= waitAtLeast;
            out.collect(w);
        }
    }
}
