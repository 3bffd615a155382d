package vn.haiphong.ioc.ingest.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Json;

/**
 * Level of service A–F of a traffic camera's window, from its mean speed and occupancy, with thresholds kept as data
 * ({@code ref/level-of-service.json}; a deployment may put its own in {@code --ref-dir}). The speed thresholds are the
 * HCM 2000 urban street class III ones (Exhibit 15-2); the occupancy thresholds are HCM's density thresholds as a
 * share of the density at capacity, on the cameras' scale (density over jam density, capacity at half of it in
 * Greenshields' model). The level is the worse of the two. Levels are published as 1..6 for A..F.
 */
public final class LevelOfService implements Serializable {
    public static final String FILE = "ref/level-of-service.json";
    private static final long serialVersionUID = 1L;

    private final double[] speedAboveKmh;
    private final double[] occupancyAtMost;

    public LevelOfService(double[] speedAboveKmh, double[] occupancyAtMost) {
        if (speedAboveKmh.length != 5 || occupancyAtMost.length != 5) {
            throw new IllegalArgumentException("level of service needs 5 speed and 5 occupancy thresholds (A to E)");
        }
        for (int i = 1; i < 5; i++) {
            if (speedAboveKmh[i] >= speedAboveKmh[i - 1] || occupancyAtMost[i] <= occupancyAtMost[i - 1]) {
                throw new IllegalArgumentException(
                        "level of service thresholds must fall with speed and rise with occupancy from A to E");
            }
        }
        this.speedAboveKmh = speedAboveKmh.clone();
        this.occupancyAtMost = occupancyAtMost.clone();
    }

    /** The thresholds of the deployment's directory when it has the file, else the shipped ones. */
    public static LevelOfService load(String refDir) {
        Path dir = refDir == null || refDir.isBlank() ? null : Path.of(refDir.trim());
        try (InputStream in = ReferenceData.open(dir, FILE)) {
            JsonNode root = Json.mapper().readTree(in);
            return new LevelOfService(numbers(root, "speedAboveKmh"), numbers(root, "occupancyAtMost"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE + ": " + e.getMessage(), e);
        }
    }

    /** 1 (A) to 6 (F); 0 when neither the speed nor the occupancy is known. */
    public int level(Double speedKmh, Double occupancy) {
        int bySpeed = 0;
        if (speedKmh != null) {
            bySpeed = 6;
            for (int i = 0; i < 5; i++) {
                if (speedKmh > speedAboveKmh[i]) {
                    bySpeed = i + 1;
                    break;
                }
            }
        }
        int byOccupancy = 0;
        if (occupancy != null) {
            byOccupancy = 6;
            for (int i = 0; i < 5; i++) {
                if (occupancy <= occupancyAtMost[i]) {
                    byOccupancy = i + 1;
                    break;
                }
            }
        }
        return Math.max(bySpeed, byOccupancy);
    }

    /** "A" to "F" for 1 to 6. */
    public static String letter(int level) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("no level of service " + level);
        }
        return String.valueOf((char) ('A' + level - 1));
    }

    private static double[] numbers(JsonNode root, String field) {
        JsonNode array = root.path(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException(FILE + " has no array '" + field + "'");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
