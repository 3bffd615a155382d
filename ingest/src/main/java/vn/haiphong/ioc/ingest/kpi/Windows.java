package vn.haiphong.ioc.ingest.kpi;

import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** What the camera window functions share. */
final class Windows {
    private Windows() {}

    /** The window's bounds, whether it is complete (the watermark passed its end), and as of when. */
    static void stamp(CameraWindow w, TimeWindow window, long watermark) {
        w.windowStart = window.getStart();
        w.windowEnd = window.getEnd();
        w.complete = watermark >= window.maxTimestamp();
        w.updatedAt = Math.max(window.getStart(), Math.min(watermark, window.maxTimestamp()));
    }
}
