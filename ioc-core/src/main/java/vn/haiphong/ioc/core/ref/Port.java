package vn.haiphong.ioc.core.ref;

import java.util.List;
import java.util.Optional;
import vn.haiphong.ioc.core.geo.GeoPoint;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * A container port (terminal) of Hai Phong with its assets. {@code vesselAreaMeters} is the radius around the port
 * within which AIS vessels count as the port's (default: {@code radiusMeters}); {@code highWaterCm} the water level
 * above chart datum that raises the high-water alert (null: no such alert for this port).
 */
public record Port(
        String id,
        LocalizedText name,
        double lat,
        double lon,
        String area,
        int radiusMeters,
        Integer vesselAreaMeters,
        Double highWaterCm,
        List<PortAsset> assets) {

    public Port {
        assets = List.copyOf(assets);
        vesselAreaMeters = vesselAreaMeters == null ? radiusMeters : vesselAreaMeters;
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
