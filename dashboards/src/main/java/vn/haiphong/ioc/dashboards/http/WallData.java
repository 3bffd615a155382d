package vn.haiphong.ioc.dashboards.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import vn.haiphong.ioc.core.geo.Area;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Json;

/**
 * What the wall loads once and never changes while the server runs: the reference data as JSON (without geometry, with
 * the rules' wind thresholds) and the two GeoJSON layers, encoded once at start-up.
 */
public record WallData(ReferenceData reference, Buffer referenceJson, Buffer districts, Buffer land) {

    /** Reads the files; blocking, so it runs on a worker thread. */
    public static WallData load(Optional<Path> refDir, Optional<Path> rulesFile) {
        ReferenceData reference = refDir.map(ReferenceData::load).orElseGet(ReferenceData::defaults);
        RuleSet rules = RuleSet.load(rulesFile);
        Path dir = refDir.orElse(null);
        return new WallData(
                reference,
                Buffer.buffer(referenceJson(reference, rules)),
                read(dir, ReferenceData.AREAS),
                read(dir, ReferenceData.LAND));
    }

    static byte[] referenceJson(ReferenceData reference, RuleSet rules) {
        ObjectMapper mapper = Json.mapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode cameras = root.putArray("cameras");
        reference.cameras().forEach(c -> cameras.add(mapper.valueToTree(c)));
        ArrayNode ports = root.putArray("ports");
        reference.ports().forEach(p -> ports.add(mapper.valueToTree(p)));
        ArrayNode areas = root.putArray("areas");
        for (Area area : reference.areas().all()) {
            areas.addObject().put("code", area.code()).put("name", area.name());
        }
        ArrayNode services = root.putArray("services");
        for (ServiceCode s : reference.services()) {
            ObjectNode node = services.addObject().put("code", s.code());
            node.set("name", mapper.valueToTree(s.name()));
            node.set("group", mapper.valueToTree(s.group()));
            node.set("description", mapper.valueToTree(s.description()));
            // ISO-8601 durations (PT24H) read better than Jackson's default of fractional seconds.
            node.put(
                    "acknowledgeWithin",
                    s.acknowledgeWithin() == null ? null : s.acknowledgeWithin().toString());
            node.put(
                    "resolveWithin",
                    s.resolveWithin() == null ? null : s.resolveWithin().toString());
            node.put("fusionCategory", s.fusionCategory());
        }
        thresholds(root.putObject("thresholds"), rules);
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The wind thresholds the tiles colour by, from the same rules the job alerts with; absent rules are left out. */
    private static void thresholds(ObjectNode out, RuleSet rules) {
        gust(out, "gustWarning", rules.rules().get("port.wind.warning"));
        gust(out, "gustStopWork", rules.rules().get("port.wind.stop-work"));
    }

    private static void gust(ObjectNode out, String name, RuleDefinition rule) {
        if (rule != null && rule.params().containsKey("gustAtLeast")) {
            out.put(name, rule.param("gustAtLeast"));
        }
    }

    private static Buffer read(Path dir, String name) {
        try (InputStream in = ReferenceData.open(dir, name)) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
