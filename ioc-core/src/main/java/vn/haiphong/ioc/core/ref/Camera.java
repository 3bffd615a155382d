package vn.haiphong.ioc.core.ref;

import vn.haiphong.ioc.core.geo.GeoPoint;
import vn.haiphong.ioc.core.text.LocalizedText;

/** A camera of the registry: a traffic camera on a road, or the camera of a one-stop public-service desk. */
public record Camera(
        String id,
        Kind kind,
        LocalizedText name,
        String road,
        LocalizedText office,
        double lat,
        double lon,
        String area) {

    public enum Kind {
        traffic,
        desk
    }

    public GeoPoint position() {
        return new GeoPoint(lat, lon);
    }
}
