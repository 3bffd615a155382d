package vn.haiphong.ioc.core.ref;

import java.util.Map;

/**
 * How a vendor's analytics source maps onto one of our cameras (ref/camera-sources.json). {@code source} is the ONVIF
 * broker prefix (the topic level after {@code hp/v1/vendor/onvif/}) or the DeepStream {@code sensor.id} / {@code
 * sensorId}. {@code rules} maps a vendor rule (ONVIF rule name, DeepStream event type) to what it means here;
 * {@code confidence} stands in when the vendor sends none.
 */
public record CameraSource(
        String vendor, String source, String cameraId, Double confidence, Map<String, VendorRule> rules) {

    public CameraSource {
        rules = rules == null ? Map.of() : Map.copyOf(rules);
    }

    /**
     * One vendor rule: a detection (a FIWARE Alert subCategory, with an optional confidence), or a counter of one
     * {@code vehicleType} reported every {@code intervalSeconds}.
     */
    public record VendorRule(String detection, Double confidence, String vehicleType, Integer intervalSeconds) {}

    /** The key sources are looked up by. */
    public static String key(String vendor, String source) {
        return vendor + "\u0000" + source;
    }
}
