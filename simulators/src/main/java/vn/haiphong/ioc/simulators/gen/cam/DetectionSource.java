package vn.haiphong.ioc.simulators.gen.cam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.simulators.gen.PoissonSource;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/**
 * Video-analytics detections across all traffic cameras, at a low rate. Confidence is spread so that about a third
 * fall below the 0.7 alert threshold; floods are detected only while it rains.
 */
final class DetectionSource extends PoissonSource {
    private final List<Camera> cameras;
    private final Profile.Traffic profile;
    private final Map<String, Double> dryWeights;
    private final Map<String, Double> rainWeights;
    private long seq;

    DetectionSource(SimContext ctx, List<Camera> cameras) {
        super(ctx, "cam-detections", cameras.size() * ctx.profile().traffic().detectionsPerCameraHour() / 3600);
        this.cameras = List.copyOf(cameras);
        this.profile = ctx.profile().traffic();
        this.dryWeights = new LinkedHashMap<>(profile.detections());
        dryWeights.remove("flood");
        this.rainWeights = new LinkedHashMap<>(profile.detections());
        rainWeights.putAll(profile.rainDetections());
    }

    @Override
    protected InboundEvent produce(long now) {
        Camera camera = Randoms.pick(rng, cameras);
        boolean rain = ctx.weather().raining(now);
        String kind = Randoms.weighted(rng, rain ? rainWeights : dryWeights);
        double confidence =
                Randoms.clamp(Randoms.gaussian(rng, profile.confidenceMean(), profile.confidenceSd()), 0.3, 0.99);
        String id = ctx.id(camera.id(), "evt", ++seq);
        String snapshot = rng.nextDouble() < profile.snapshotShare()
                ? "https://snapshots.ioc.invalid/cam/" + camera.id() + "/" + id + ".jpg"
                : null;
        String description =
                ctx.rules().label(kind).vi() + " tại " + camera.name().vi();
        return new CameraDetection(
                camera.id(),
                id,
                now,
                kind.equals("flood") ? "weather" : "traffic",
                kind,
                Randoms.round(confidence, 2),
                snapshot,
                description);
    }
}
