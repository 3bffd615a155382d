package vn.haiphong.ioc.simulators.gen.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import vn.haiphong.ioc.core.geo.Area;
import vn.haiphong.ioc.core.geo.Areas;
import vn.haiphong.ioc.core.geo.GeoPoint;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Json;

/**
 * Where citizens report from: a point on land inside a chosen district, mostly along the roads the traffic cameras
 * watch (where people are), otherwise anywhere in the district.
 */
public final class Places {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    /** A report within this distance of a camera's road is addressed by that road. */
    private static final double ROAD_ADDRESS_METERS = 1200;

    private static final double METERS_PER_DEGREE = 111_320;
    private static final double NEAR_ROAD_SD_METERS = 400;
    private static final int TRIES = 400;

    private final ReferenceData reference;
    private final PreparedGeometry land;
    private final Map<String, PreparedGeometry> districts = new HashMap<>();
    private final Map<String, List<Camera>> camerasByArea = new HashMap<>();
    private final List<Camera> traffic;

    public record Place(double lat, double lon, Area area, String road) {}

    public Places(ReferenceData reference) {
        this.reference = reference;
        this.land = PreparedGeometryFactory.prepare(loadLand().geometry());
        for (Area a : reference.areas().all()) {
            districts.put(a.code(), PreparedGeometryFactory.prepare(a.geometry()));
        }
        this.traffic = reference.cameras(Camera.Kind.traffic);
        for (Camera c : traffic) {
            camerasByArea.computeIfAbsent(c.area(), k -> new ArrayList<>()).add(c);
        }
    }

    /**
     * The land polygon shipped with ioc-core, read through {@link Areas} so that its GeoJSON parsing is the project's
     * one; the file's single feature has no {@code id}, so one is given before parsing.
     */
    private static Area loadLand() {
        try (InputStream in = ReferenceData.open(null, ReferenceData.LAND)) {
            JsonNode root = Json.mapper().readTree(in);
            for (JsonNode feature : root.path("features")) {
                ((ObjectNode) feature.path("properties")).put("id", "land");
            }
            byte[] bytes = Json.mapper().writeValueAsBytes(root);
            Areas land = Areas.fromGeoJson(new ByteArrayInputStream(bytes), Json.mapper());
            return land.byCode("land").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the land polygon: " + e.getMessage(), e);
        }
    }

    /** True when the point is on land, inside the district, and inside the city as ioc-core draws it. */
    public boolean fits(String areaCode, double lat, double lon) {
        PreparedGeometry district = districts.get(areaCode);
        Point p = GEOMETRY.createPoint(new Coordinate(lon, lat));
        return district != null
                && district.contains(p)
                && land.contains(p)
                && reference.areas().withinCity(lat, lon);
    }

    public Place sample(SplittableRandom rng, String areaCode, double nearRoadShare) {
        Area area = reference
                .areas()
                .byCode(areaCode)
                .orElseThrow(() -> new IllegalArgumentException("unknown area " + areaCode));
        List<Camera> cameras = camerasByArea.getOrDefault(areaCode, List.of());
        if (!cameras.isEmpty() && rng.nextDouble() < nearRoadShare) {
            for (int i = 0; i < TRIES / 10; i++) {
                Camera c = cameras.get(rng.nextInt(cameras.size()));
                double lat = round(c.lat() + rng.nextGaussian() * NEAR_ROAD_SD_METERS / METERS_PER_DEGREE);
                double lon = round(c.lon()
                        + rng.nextGaussian()
                                * NEAR_ROAD_SD_METERS
                                / (METERS_PER_DEGREE * Math.cos(Math.toRadians(c.lat()))));
                if (fits(areaCode, lat, lon)) {
                    return place(lat, lon, area);
                }
            }
        }
        Envelope box = area.geometry().getEnvelopeInternal();
        for (int i = 0; i < TRIES; i++) {
            double lat = round(box.getMinY() + rng.nextDouble() * box.getHeight());
            double lon = round(box.getMinX() + rng.nextDouble() * box.getWidth());
            if (fits(areaCode, lat, lon)) {
                return place(lat, lon, area);
            }
        }
        // A district too ragged for rejection sampling: its interior point is inside it by construction.
        Coordinate inside = area.geometry().getInteriorPoint().getCoordinate();
        return place(inside.y, inside.x, area);
    }

    private Place place(double lat, double lon, Area area) {
        GeoPoint here = new GeoPoint(lat, lon);
        Camera nearest = null;
        double best = ROAD_ADDRESS_METERS;
        for (Camera c : traffic) {
            double d = c.position().distanceMeters(here);
            if (d < best && c.road() != null) {
                best = d;
                nearest = c;
            }
        }
        return new Place(lat, lon, area, nearest == null ? null : nearest.road());
    }

    /** Six decimals (about 10 cm), as a phone's location is sent. */
    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
