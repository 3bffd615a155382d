package vn.haiphong.ioc.simulators.gen.cam;

import java.util.ArrayList;
import java.util.List;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.gen.Source;

/** The sources of the camera feed: every traffic and desk camera of the reference data, and their detections. */
public final class CameraFeed {
    private CameraFeed() {}

    public static List<Source> sources(SimContext ctx) {
        List<Source> sources = new ArrayList<>();
        List<Camera> traffic = ctx.reference().cameras(Camera.Kind.traffic);
        for (Camera c : traffic) {
            sources.add(new TrafficCameraSource(ctx, c));
        }
        for (Camera c : ctx.reference().cameras(Camera.Kind.desk)) {
            sources.add(new DeskCameraSource(ctx, c));
        }
        if (!traffic.isEmpty()) {
            sources.add(new DetectionSource(ctx, traffic));
        }
        return sources;
    }
}
