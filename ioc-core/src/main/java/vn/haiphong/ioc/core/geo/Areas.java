package vn.haiphong.ioc.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The areas layer: which area a position falls in, and whether a position belongs to the city at all. Areas are data
 * (a GeoJSON FeatureCollection whose features carry {@code properties.id} and {@code properties.name}), so a deployment
 * can swap in the post-2025 commune layer without code changes.
 */
public final class Areas {
    /** Positions this far outside every area (about 5 km) still count as the city: quays, reclaimed land, the bay. */
    public static final double CITY_MARGIN_DEGREES = 0.045;

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private final Map<String, Area> byCode;
    private final STRtree index = new STRtree();
    private final List<PreparedArea> prepared = new ArrayList<>();
    private final PreparedGeometry city;

    private record PreparedArea(Area area, PreparedGeometry geometry) {}

    private Areas(List<Area> areas) {
        Map<String, Area> codes = new LinkedHashMap<>();
        for (Area area : areas) {
            if (codes.put(area.code(), area) != null) {
                throw new IllegalArgumentException("area code " + area.code() + " appears twice");
            }
            PreparedArea p = new PreparedArea(area, PreparedGeometryFactory.prepare(area.geometry()));
            prepared.add(p);
            index.insert(area.geometry().getEnvelopeInternal(), p);
        }
        index.build();
        this.byCode = Collections.unmodifiableMap(codes);
        Geometry union = GEOMETRY.buildGeometry(
                        areas.stream().map(Area::geometry).toList())
                .convexHull()
                .buffer(CITY_MARGIN_DEGREES, 4);
        this.city = PreparedGeometryFactory.prepare(union);
    }

    public static Areas fromGeoJson(InputStream in, ObjectMapper mapper) throws IOException {
        JsonNode root = mapper.readTree(in);
        JsonNode features = root.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw new IOException("areas GeoJSON has no features");
        }
        List<Area> areas = new ArrayList<>();
        for (JsonNode feature : features) {
            JsonNode props = feature.path("properties");
            String code = props.path("id").asText(null);
            String name = props.path("name").asText(code);
            if (code == null) {
                throw new IOException("an area feature has no properties.id");
            }
            areas.add(new Area(code, name, geometry(feature.path("geometry"))));
        }
        return new Areas(areas);
    }

    public Optional<Area> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Iterable<Area> all() {
        return byCode.values();
    }

    /** True when the position lies in the city or its coastal margin. */
    public boolean withinCity(double lat, double lon) {
        return city.contains(point(lat, lon));
    }

    /**
     * The area containing the position; a position in the city's margin (a quay or the water off it) gets the nearest
     * area.
     */
    public Optional<Area> locate(double lat, double lon) {
        Point p = point(lat, lon);
        @SuppressWarnings("unchecked")
        List<PreparedArea> candidates = index.query(p.getEnvelopeInternal());
        for (PreparedArea candidate : candidates) {
            if (candidate.geometry().contains(p)) {
                return Optional.of(candidate.area());
            }
        }
        if (!city.contains(p)) {
            return Optional.empty();
        }
        return prepared.stream()
                .min(Comparator.comparingDouble(a -> a.area().geometry().distance(p)))
                .map(PreparedArea::area);
    }

    private static Point point(double lat, double lon) {
        return GEOMETRY.createPoint(new Coordinate(lon, lat));
    }

    private static Geometry geometry(JsonNode geometry) throws IOException {
        String type = geometry.path("type").asText();
        JsonNode coords = geometry.path("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coords);
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[coords.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(coords.get(i));
                }
                yield GEOMETRY.createMultiPolygon(polygons);
            }
            default -> throw new IOException("area geometry must be a Polygon or MultiPolygon, not " + type);
        };
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions) {
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int i = 0; i < coordinates.length; i++) {
            JsonNode pos = positions.get(i);
            coordinates[i] = new Coordinate(pos.get(0).asDouble(), pos.get(1).asDouble());
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            Coordinate[] closed = java.util.Arrays.copyOf(coordinates, coordinates.length + 1);
            closed[coordinates.length] = coordinates[0];
            coordinates = closed;
        }
        return GEOMETRY.createLinearRing(coordinates);
    }
}
