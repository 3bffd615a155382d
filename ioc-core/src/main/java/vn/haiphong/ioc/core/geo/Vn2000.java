package vn.haiphong.ioc.core.geo;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Hai Phong's local VN-2000 grid (EPSG:9210: Transverse Mercator, central meridian 105°45′, k = 0.9999, false easting
 * 500 000 m), in which city GIS data arrives, to and from WGS84, with the EPSG:6960 datum shift.
 */
public final class Vn2000 {
    static final String HAI_PHONG_ZONE = "+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84"
            + " +towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278"
            + " +units=m +no_defs";

    private final CoordinateTransform toGrid;
    private final CoordinateTransform toWgs84;

    public Vn2000() {
        CRSFactory crs = new CRSFactory();
        CoordinateReferenceSystem wgs84 = crs.createFromParameters("WGS84", "+proj=longlat +datum=WGS84 +no_defs");
        CoordinateReferenceSystem grid = crs.createFromParameters("VN-2000 Hai Phong", HAI_PHONG_ZONE);
        CoordinateTransformFactory factory = new CoordinateTransformFactory();
        toGrid = factory.createTransform(wgs84, grid);
        toWgs84 = factory.createTransform(grid, wgs84);
    }

    /** Easting and northing in metres for a WGS84 position. Not thread-safe: one instance per thread. */
    public double[] toGrid(double lat, double lon) {
        ProjCoordinate out = new ProjCoordinate();
        toGrid.transform(new ProjCoordinate(lon, lat), out);
        return new double[] {out.x, out.y};
    }

    /** The WGS84 position of a grid point, as {lat, lon}. */
    public GeoPoint toWgs84(double easting, double northing) {
        ProjCoordinate out = new ProjCoordinate();
        toWgs84.transform(new ProjCoordinate(easting, northing), out);
        return new GeoPoint(out.y, out.x);
    }
}
