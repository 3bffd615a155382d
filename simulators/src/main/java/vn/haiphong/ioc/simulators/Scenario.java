package vn.haiphong.ioc.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import vn.haiphong.ioc.core.wire.Json;

/**
 * A timed script as data: one field of some assets of one port follows keyframes, interpolated linearly, from the
 * moment the scenario starts; before the first and after the last keyframe it holds their values, and after the last
 * one it ends (the generators go back to normal weather).
 */
public record Scenario(String name, String port, Set<String> assetTypes, String field, List<Keyframe> keyframes) {

    public record Keyframe(long atMillis, double value) {}

    public Scenario {
        keyframes = List.copyOf(keyframes);
        if (keyframes.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no keyframes");
        }
        for (int i = 1; i < keyframes.size(); i++) {
            if (keyframes.get(i).atMillis() <= keyframes.get(i - 1).atMillis()) {
                throw new IllegalArgumentException("scenario " + name + ": keyframes must be in time order");
            }
        }
    }

    /** A scenario shipped under {@code scenarios/NAME.json}, or a file path. */
    public static Scenario load(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        try (InputStream in = Files.isRegularFile(file)
                ? Files.newInputStream(file)
                : Scenario.class.getClassLoader().getResourceAsStream("scenarios/" + nameOrPath + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario '" + nameOrPath + "' (shipped: storm-tan-vu)");
            }
            return parse(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    static Scenario parse(JsonNode root) {
        List<Keyframe> frames = new ArrayList<>();
        for (JsonNode k : root.path("keyframes")) {
            frames.add(new Keyframe(
                    Duration.parse(k.path("at").asText()).toMillis(),
                    k.path("value").asDouble()));
        }
        Set<String> types = new java.util.LinkedHashSet<>();
        root.path("assetTypes").forEach(t -> types.add(t.asText()));
        return new Scenario(
                root.path("name").asText(),
                root.path("port").asText(),
                types,
                root.path("field").asText(),
                frames);
    }

    public Duration length() {
        return Duration.ofMillis(keyframes.get(keyframes.size() - 1).atMillis());
    }

    /** The scripted value {@code elapsed} after the start, or empty once the script is over. */
    public OptionalDouble valueAt(Duration elapsed) {
        long t = elapsed.toMillis();
        if (t < 0 || t > length().toMillis()) {
            return OptionalDouble.empty();
        }
        Keyframe previous = keyframes.get(0);
        if (t <= previous.atMillis()) {
            return OptionalDouble.of(previous.value());
        }
        for (Keyframe next : keyframes.subList(1, keyframes.size())) {
            if (t <= next.atMillis()) {
                double f = (double) (t - previous.atMillis()) / (next.atMillis() - previous.atMillis());
                return OptionalDouble.of(previous.value() + f * (next.value() - previous.value()));
            }
            previous = next;
        }
        return OptionalDouble.of(previous.value());
    }

    public boolean drives(String portId, String assetType) {
        return port.equals(portId) && assetTypes.contains(assetType);
    }
}
