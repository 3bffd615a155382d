package vn.haiphong.ioc.core.ref;

import vn.haiphong.ioc.core.geo.GeoPoint;
import vn.haiphong.ioc.core.text.LocalizedText;

/** A sensor-bearing asset of a port: weather station, crane, gate, yard block, reefer rack, tide gauge, AIS, berth. */
public record PortAsset(
        String type,
        String id,
        LocalizedText name,
        double lat,
        double lon,
        Integer capacityTeu,
        Integer plugs,
        Integer lengthMeters) {

    public GeoPoint position() {
        return new GeoPoint(lat, lon);
    }
}
