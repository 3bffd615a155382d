package vn.haiphong.ioc.ingest.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The outline of a cluster of reports for the wall: the convex hull of their points, buffered by a margin so that one
 * point or a line of points still has an area, as a GeoJSON Polygon ({@code [lon, lat]}, ring closed). Computed in
 * metres on the same flat projection as {@link Grid}.
 */
public final class Outline {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private Outline() {}

    /** {@code points}: [lat, lon] pairs. */
    public static Map<String, Object> of(List<double[]> points, double marginMetres) {
        Coordinate[] metres = new Coordinate[points.size()];
        for (int i = 0; i < metres.length; i++) {
            double[] p = points.get(i);
            metres[i] = new Coordinate(p[1] * Grid.M_PER_DEG_LON, p[0] * Grid.M_PER_DEG_LAT);
        }
        Geometry hull = GEOMETRY.createMultiPointFromCoords(metres).convexHull();
        Geometry shape = hull.buffer(marginMetres, 4);
        Polygon polygon = (Polygon) (shape instanceof Polygon p ? p : shape.convexHull());
        List<Object> ring = new ArrayList<>();
        for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
            ring.add(List.of(round(c.x / Grid.M_PER_DEG_LON), round(c.y / Grid.M_PER_DEG_LAT)));
        }
        Map<String, Object> geoJson = new LinkedHashMap<>();
        geoJson.put("type", "Polygon");
        geoJson.put("coordinates", List.of(ring));
        return geoJson;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
