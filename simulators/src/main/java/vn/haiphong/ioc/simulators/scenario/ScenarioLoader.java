package vn.haiphong.ioc.simulators.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Json;

/** Finds a scenario by name (a file shipped under {@code scenarios/}) or by path, and checks it against the city. */
public final class ScenarioLoader {
    public static final String FOLDER = "scenarios/";

    private ScenarioLoader() {}

    /**
     * {@code none}, a shipped scenario's name (e.g. {@code storm-tan-vu}), the path of a scenario file, or several of
     * those separated by commas, played at once.
     */
    public static Scenario load(String nameOrPath, ReferenceData reference) {
        if (nameOrPath == null || nameOrPath.isBlank() || nameOrPath.equals("none")) {
            return Scenario.NONE;
        }
        if (nameOrPath.contains(",")) {
            List<Scenario> all = new ArrayList<>();
            for (String one : nameOrPath.split(",")) {
                if (!one.isBlank() && !one.strip().equals("none")) {
                    all.add(load(one.strip(), reference));
                }
            }
            return all.isEmpty() ? Scenario.NONE : Scenario.merge(all);
        }
        Path file = Path.of(nameOrPath);
        try (InputStream in = Files.isRegularFile(file)
                ? Files.newInputStream(file)
                : ScenarioLoader.class.getClassLoader().getResourceAsStream(FOLDER + nameOrPath + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario '" + nameOrPath + "': neither a file nor one of the "
                        + "shipped scenarios under " + FOLDER);
            }
            return validate(read(in), reference);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario '" + nameOrPath + "': " + e.getMessage(), e);
        }
    }

    public static Scenario read(InputStream in) throws IOException {
        ObjectMapper mapper = Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.readValue(in, Scenario.class);
    }

    /** Returns the scenario when every track names real assets and a drivable field, else says what is wrong. */
    public static Scenario validate(Scenario scenario, ReferenceData reference) {
        String name = scenario.name();
        for (Scenario.Track track : scenario.tracks()) {
            Scenario.Target target = track.target();
            if (target == null || target.port() == null) {
                throw new IllegalArgumentException("scenario " + name + ": a track has no target port");
            }
            Port port = reference
                    .port(target.port())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "scenario " + name + ": unknown port '" + target.port() + "'"));
            if (target.assetTypes().isEmpty()) {
                throw new IllegalArgumentException(
                        "scenario " + name + ": the track of " + track.field() + " names no asset types");
            }
            for (String type : target.assetTypes()) {
                Set<String> fields = Scenario.DRIVABLE.get(type);
                if (fields == null || !fields.contains(track.field())) {
                    throw new IllegalArgumentException("scenario " + name + ": field '" + track.field() + "' of " + type
                            + " assets cannot be driven (drivable: " + Scenario.DRIVABLE + ")");
                }
                if (port.assets().stream().noneMatch(a -> a.type().equals(type))) {
                    throw new IllegalArgumentException(
                            "scenario " + name + ": port " + port.id() + " has no " + type + " assets");
                }
            }
            for (String id : target.assetIds()) {
                boolean known = target.assetTypes().stream()
                        .anyMatch(type -> port.asset(type, id).isPresent());
                if (!known) {
                    throw new IllegalArgumentException("scenario " + name + ": port " + port.id() + " has no asset '"
                            + id + "' of types " + target.assetTypes());
                }
            }
            if (track.keyframes().isEmpty()) {
                throw new IllegalArgumentException(
                        "scenario " + name + ": the track of " + track.field() + " has no keyframes");
            }
            for (int i = 0; i < track.keyframes().size(); i++) {
                Scenario.Keyframe k = track.keyframes().get(i);
                if (k.at() == null || k.at().isNegative()) {
                    throw new IllegalArgumentException("scenario " + name + ": keyframe " + i + " of " + track.field()
                            + " needs a non-negative 'at' (ISO-8601 duration such as PT30S)");
                }
                if (i > 0 && k.at().compareTo(track.keyframes().get(i - 1).at()) < 0) {
                    throw new IllegalArgumentException("scenario " + name + ": keyframes of " + track.field()
                            + " are not in time order at " + k.at());
                }
            }
            if (track.noise() < 0) {
                throw new IllegalArgumentException("scenario " + name + ": noise must not be negative");
            }
        }
        for (Scenario.Vessel v : scenario.vessels()) {
            Port port = reference
                    .port(v.port())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "scenario " + name + ": unknown port '" + v.port() + "' of vessel " + v.mmsi()));
            if (v.berth() != null && port.asset("berth", v.berth()).isEmpty()) {
                throw new IllegalArgumentException(
                        "scenario " + name + ": port " + port.id() + " has no berth '" + v.berth() + "'");
            }
            if (v.track().size() < 2) {
                throw new IllegalArgumentException(
                        "scenario " + name + ": vessel " + v.mmsi() + " needs at least two waypoints");
            }
            if (v.mmsi() < 100_000_000L || v.mmsi() > 999_999_999L) {
                throw new IllegalArgumentException("scenario " + name + ": an MMSI has nine digits, not " + v.mmsi());
            }
            for (int i = 1; i < v.track().size(); i++) {
                if (v.track().get(i).at().compareTo(v.track().get(i - 1).at()) < 0) {
                    throw new IllegalArgumentException(
                            "scenario " + name + ": waypoints of vessel " + v.mmsi() + " are not in time order");
                }
            }
        }
        validateCameras(scenario, reference);
        for (Scenario.GateEvent g : scenario.gateEvents()) {
            Port port = reference
                    .port(g.port())
                    .orElseThrow(() ->
                            new IllegalArgumentException("scenario " + name + ": unknown port '" + g.port() + "'"));
            if (port.asset("gate", g.gate()).isEmpty() || g.at() == null || g.equipmentReference() == null) {
                throw new IllegalArgumentException("scenario " + name + ": a gate event needs a gate of " + port.id()
                        + ", an 'at' and an equipmentReference");
            }
        }
        return scenario;
    }

    private static void validateCameras(Scenario scenario, ReferenceData reference) {
        String name = scenario.name();
        for (Scenario.CameraTrack track : scenario.cameraTracks()) {
            if (track.cameras().isEmpty() || track.keyframes().isEmpty()) {
                throw new IllegalArgumentException(
                        "scenario " + name + ": the camera track of " + track.field() + " needs cameras and keyframes");
            }
            for (String id : track.cameras()) {
                Camera camera = camera(name, id, reference);
                Set<String> fields = Scenario.CAMERA_DRIVABLE.get(camera.kind().name());
                if (!fields.contains(track.field())) {
                    throw new IllegalArgumentException("scenario " + name + ": field '" + track.field() + "' of "
                            + camera.kind() + " camera " + id + " cannot be driven (drivable: "
                            + Scenario.CAMERA_DRIVABLE + ")");
                }
            }
            for (int i = 1; i < track.keyframes().size(); i++) {
                if (track.keyframes()
                                .get(i)
                                .at()
                                .compareTo(track.keyframes().get(i - 1).at())
                        < 0) {
                    throw new IllegalArgumentException(
                            "scenario " + name + ": keyframes of " + track.field() + " are not in time order");
                }
            }
        }
        for (Scenario.Detection d : scenario.detections()) {
            camera(name, d.camera(), reference);
            if (d.at() == null
                    || d.at().isNegative()
                    || d.times() < 1
                    || (d.every().isNegative() || d.every().isZero())) {
                throw new IllegalArgumentException("scenario " + name + ": a detection at " + d.camera()
                        + " needs a non-negative 'at', times ≥ 1 and a positive 'every'");
            }
            if (!CameraDetection.SUB_CATEGORIES.contains(d.category()) || d.confidence() < 0 || d.confidence() > 1) {
                throw new IllegalArgumentException("scenario " + name + ": a detection needs a category of "
                        + CameraDetection.SUB_CATEGORIES + " and a confidence in 0..1");
            }
        }
        for (Scenario.Outage o : scenario.outages()) {
            camera(name, o.camera(), reference);
            if (o.from() == null || o.to() == null || o.to().compareTo(o.from()) <= 0) {
                throw new IllegalArgumentException(
                        "scenario " + name + ": the outage of " + o.camera() + " needs 'from' before 'to'");
            }
        }
        for (Scenario.Report r : scenario.reports()) {
            if (reference.service(r.serviceCode()).isEmpty()) {
                throw new IllegalArgumentException(
                        "scenario " + name + ": unknown service code '" + r.serviceCode() + "'");
            }
            if (r.at() == null || r.count() < 1 || r.spreadMeters() < 0) {
                throw new IllegalArgumentException(
                        "scenario " + name + ": reports need an 'at', count ≥ 1 and a non-negative spreadMeters");
            }
            for (Scenario.ReportUpdate u : r.updates()) {
                if (u.after() == null || !ReportUpdate.STATUSES.contains(u.status())) {
                    throw new IllegalArgumentException("scenario " + name + ": a report update needs an 'after' and "
                            + "a status of " + ReportUpdate.STATUSES);
                }
            }
        }
    }

    private static Camera camera(String scenario, String id, ReferenceData reference) {
        return reference
                .camera(id)
                .orElseThrow(
                        () -> new IllegalArgumentException("scenario " + scenario + ": unknown camera '" + id + "'"));
    }
}
