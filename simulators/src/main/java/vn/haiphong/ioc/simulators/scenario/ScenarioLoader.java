package vn.haiphong.ioc.simulators.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Json;

/** Finds a scenario by name (a file shipped under {@code scenarios/}) or by path, and checks it against the city. */
public final class ScenarioLoader {
    public static final String FOLDER = "scenarios/";

    private ScenarioLoader() {}

    /** {@code none}, a shipped scenario's name (e.g. {@code storm-tan-vu}), or the path of a scenario file. */
    public static Scenario load(String nameOrPath, ReferenceData reference) {
        if (nameOrPath == null || nameOrPath.isBlank() || nameOrPath.equals("none")) {
            return Scenario.NONE;
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
}
