package vn.haiphong.ioc.ingest.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import vn.haiphong.ioc.core.geo.GeoPoint;

/**
 * A spatial index of points in square cells of a fixed size in metres: a query within a radius looks at the few cells
 * around the point, never at every point. Cells come from a local flat projection around Hai Phong, ample at the scale
 * of a city (the error at 1 km is under a metre).
 *
 * @param <T> what is indexed
 */
public final class Grid<T> {
    /** Metres per degree of latitude, and of longitude at Hai Phong's latitude (20.85° N). */
    static final double M_PER_DEG_LAT = 110_574;

    static final double M_PER_DEG_LON = 111_320 * Math.cos(Math.toRadians(20.85));

    private final double cellMetres;
    private final ToDoubleFunction<T> lat;
    private final ToDoubleFunction<T> lon;
    private final Map<Long, List<T>> cells = new HashMap<>();

    public Grid(double cellMetres, ToDoubleFunction<T> lat, ToDoubleFunction<T> lon) {
        this.cellMetres = cellMetres;
        this.lat = lat;
        this.lon = lon;
    }

    public void add(T item) {
        cells.computeIfAbsent(cell(cx(lon.applyAsDouble(item)), cy(lat.applyAsDouble(item))), c -> new ArrayList<>())
                .add(item);
    }

    /** The items within {@code radiusMetres} (great-circle) of a point, the point's own item included. */
    public List<T> near(double atLat, double atLon, double radiusMetres) {
        List<T> found = new ArrayList<>();
        long x = cx(atLon);
        long y = cy(atLat);
        long reach = (long) Math.ceil(radiusMetres / cellMetres);
        GeoPoint at = new GeoPoint(atLat, atLon);
        for (long i = x - reach; i <= x + reach; i++) {
            for (long j = y - reach; j <= y + reach; j++) {
                List<T> items = cells.get(cell(i, j));
                if (items == null) {
                    continue;
                }
                for (T item : items) {
                    if (at.distanceMeters(new GeoPoint(lat.applyAsDouble(item), lon.applyAsDouble(item)))
                            <= radiusMetres) {
                        found.add(item);
                    }
                }
            }
        }
        return found;
    }

    private long cx(double lonDeg) {
        return (long) Math.floor(lonDeg * M_PER_DEG_LON / cellMetres);
    }

    private long cy(double latDeg) {
        return (long) Math.floor(latDeg * M_PER_DEG_LAT / cellMetres);
    }

    private static long cell(long x, long y) {
        return (x << 32) ^ (y & 0xffffffffL);
    }
}
