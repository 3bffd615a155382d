package vn.haiphong.ioc.core.ref;

import java.util.List;
import java.util.Optional;
import vn.haiphong.ioc.core.geo.GeoPoint;
import vn.haiphong.ioc.core.text.LocalizedText;

/** A container port (terminal) of Hai Phong with its assets. */
public record Port(
        String id, LocalizedText name, double lat, double lon, String area, int radiusMeters, List<PortAsset> assets) {

    public Port {
        assets = List.copyOf(assets);
    }

    public GeoPoint position() {
        return new GeoPoint(lat, lon);
    }

    public Optional<PortAsset> asset(String type, String assetId) {
        return assets.stream()
                .filter(a -> a.type().equals(type) && a.id().equals(assetId))
                .findFirst();
    }
}
