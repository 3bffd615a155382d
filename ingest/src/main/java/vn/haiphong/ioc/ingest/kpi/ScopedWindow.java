package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A camera's window on its way to an aggregate scope: its area ({@code area/{code}}, traffic cameras) and the city
 * ({@code city/haiphong}, every camera). Keyed by scope and window, so each aggregate window has its own state. A
 * Flink POJO.
 */
public class ScopedWindow {
    public String scopeType;
    public String scopeId;
    public CameraWindow window;

    public ScopedWindow() {}

    public ScopedWindow(String scopeType, String scopeId, CameraWindow window) {
        this.scopeType = scopeType;
        this.scopeId = scopeId;
        this.window = window;
    }

    /** {@code area/303/1795000000000/60000}: scope, window start and length. */
    public String key() {
        return scopeType + '/' + scopeId + '/' + window.windowStart + '/' + window.windowMillis();
    }

    /** Each camera window to the scopes it counts in. */
    public static final class FanOut implements FlatMapFunction<CameraWindow, ScopedWindow> {
        @Override
        public void flatMap(CameraWindow w, Collector<ScopedWindow> out) {
            if (!w.desk && w.area != null) {
                out.collect(new ScopedWindow("area", w.area, w));
            }
            out.collect(new ScopedWindow("city", CameraKpiNames.CITY, w));
        }
    }
}
