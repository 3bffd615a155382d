package vn.haiphong.ioc.simulators.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import vn.haiphong.ioc.simulators.gen.Curve;

/**
 * A scenario bound to a start time and a speed: answers what a driven field reads at an event time. Pure: the same
 * time always gives the same value (the jitter comes from the caller's random stream).
 */
public final class ScenarioPlayer {
    private final Scenario scenario;
    private final long startMillis;
    private final double speed;
    private final List<BoundTrack> tracks = new ArrayList<>();

    private record BoundTrack(Scenario.Track track, Curve curve) {}

    private record BoundCameraTrack(Scenario.CameraTrack track, Curve curve) {}

    private final List<BoundCameraTrack> cameraTracks = new ArrayList<>();

    public ScenarioPlayer(Scenario scenario, long startMillis, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("scenario speed must be positive, not " + speed);
        }
        this.scenario = scenario;
        this.startMillis = startMillis;
        this.speed = speed;
        for (Scenario.Track track : scenario.tracks()) {
            double[] xs = new double[track.keyframes().size()];
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = track.keyframes().get(i).at().toMillis() / 1000.0;
                ys[i] = track.keyframes().get(i).value();
            }
            tracks.add(new BoundTrack(track, new Curve(xs, ys)));
        }
        for (Scenario.CameraTrack track : scenario.cameraTracks()) {
            cameraTracks.add(new BoundCameraTrack(track, curve(track.keyframes())));
        }
    }

    private static Curve curve(List<Scenario.Keyframe> keyframes) {
        double[] xs = new double[keyframes.size()];
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = keyframes.get(i).at().toMillis() / 1000.0;
            ys[i] = keyframes.get(i).value();
        }
        return new Curve(xs, ys);
    }

    /** Whether a camera track drives this field of this camera at this time. */
    public boolean drivesCamera(String cameraId, String field, long eventTime) {
        return activeCamera(cameraId, field, eventTime) != null;
    }

    /** A camera field: the scenario's keyframed value with its jitter where a camera track applies, else natural. */
    public double driveCamera(String cameraId, String field, long eventTime, double natural, SplittableRandom rng) {
        BoundCameraTrack b = activeCamera(cameraId, field, eventTime);
        if (b == null) {
            return natural;
        }
        double noise = b.track().noise();
        return b.curve().at(scenarioSeconds(eventTime)) + (noise == 0 ? 0 : noise * (2 * rng.nextDouble() - 1));
    }

    /** Whether an outage of the scenario keeps this camera silent at this time. */
    public boolean silenced(String cameraId, long eventTime) {
        double s = scenarioSeconds(eventTime);
        for (Scenario.Outage o : scenario.outages()) {
            if (o.camera().equals(cameraId) && s >= o.from().toMillis() / 1000.0 && s < o.to().toMillis() / 1000.0) {
                return true;
            }
        }
        return false;
    }

    private BoundCameraTrack activeCamera(String cameraId, String field, long eventTime) {
        if (cameraTracks.isEmpty()) {
            return null;
        }
        double s = scenarioSeconds(eventTime);
        for (BoundCameraTrack b : cameraTracks) {
            if (b.track().field().equals(field)
                    && b.track().cameras().contains(cameraId)
                    && s >= b.curve().first()
                    && s <= b.curve().last()) {
                return b;
            }
        }
        return null;
    }

    public Scenario scenario() {
        return scenario;
    }

    public double speed() {
        return speed;
    }

    /** Seconds of scenario time at an event time: wall-clock time since start, times the speed. */
    public double scenarioSeconds(long eventTime) {
        return (eventTime - startMillis) / 1000.0 * speed;
    }

    /** The keyframed value of a field at an event time, without jitter; empty where no track drives it. */
    public OptionalDouble value(String portId, String assetType, String assetId, String field, long eventTime) {
        BoundTrack b = active(portId, assetType, assetId, field, eventTime);
        return b == null ? OptionalDouble.empty() : OptionalDouble.of(b.curve().at(scenarioSeconds(eventTime)));
    }

    /** The driven value with the track's jitter where a track applies, else {@code natural}. */
    public double drive(
            String portId,
            String assetType,
            String assetId,
            String field,
            long eventTime,
            double natural,
            SplittableRandom rng) {
        BoundTrack b = active(portId, assetType, assetId, field, eventTime);
        if (b == null) {
            return natural;
        }
        double noise = b.track().noise();
        return b.curve().at(scenarioSeconds(eventTime)) + (noise == 0 ? 0 : noise * (2 * rng.nextDouble() - 1));
    }

    /** The first track that drives this field of this asset at this time, or null. */
    private BoundTrack active(String portId, String assetType, String assetId, String field, long eventTime) {
        if (tracks.isEmpty()) {
            return null;
        }
        double s = scenarioSeconds(eventTime);
        for (BoundTrack b : tracks) {
            if (b.track().field().equals(field)
                    && b.track().target().matches(portId, assetType, assetId)
                    && s >= b.curve().first()
                    && s <= b.curve().last()) {
                return b;
            }
        }
        return null;
    }
}
