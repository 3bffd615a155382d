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
