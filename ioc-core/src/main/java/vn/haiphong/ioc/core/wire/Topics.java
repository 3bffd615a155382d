package vn.haiphong.ioc.core.wire;

import java.util.Arrays;

/** The MQTT topics of the wire contract (DESIGN.md): parsing the inbound ones, building the outbound ones. */
public final class Topics {
    public static final String INBOUND_ROOT = "hp/v1/";
    public static final String INBOUND_ALL = "hp/v1/#";
    /**
     * Vendor camera formats, normalised by the adapters of {@code wire.vendor}: {@code
     * hp/v1/vendor/onvif/{source}/{ONVIF topic}} and {@code hp/v1/vendor/deepstream/{pipeline}}. Their messages belong
     * to the camera feed. Under {@link #INBOUND_ALL}, so the job's subscription already covers them.
     */
    public static final String VENDOR_ROOT = "hp/v1/vendor/";

    public static final String ONVIF = "onvif";
    public static final String DEEPSTREAM = "deepstream";
    public static final String OUTBOUND_ROOT = "ioc/v1/";
    public static final String ALERTS_ALL = "ioc/v1/alert/#";
    public static final String KPIS_ALL = "ioc/v1/kpi/#";
    public static final String DEADLETTER_ALL = "ioc/v1/deadletter/#";
    public static final String VESSELS_ALL = "ioc/v1/vessel/#";
    /** Reports as the wall sees them, retained, one topic each: {@link #report}. */
    public static final String REPORTS_ALL = "ioc/v1/report/#";
    /**
     * The rule set in force, retained: the dashboards' admin endpoint publishes a new one here and the job applies it
     * without a restart ({@code vn.haiphong.ioc.core.rules.RuleSetMessage}).
     */
    public static final String RULES = "ioc/v1/config/rules";
    /** The job's acknowledgement of the rule set it applied, retained: the same message with its version. */
    public static final String RULES_APPLIED = "ioc/v1/config/rules/applied";

    private static final Feed[] FEEDS = Feed.values();
    /** "cam/", "report/", ...: the level after the inbound root that names each feed. */
    private static final String[] FEED_PREFIXES =
            Arrays.stream(FEEDS).map(f -> f.name() + "/").toArray(String[]::new);

    /** The longest topic level accepted: device ids and report ids are far shorter. */
    private static final int MAX_LEVEL = 64;

    private Topics() {}

    /** Parses an inbound topic, or throws {@link IllegalArgumentException} with the reason it is not one. */
    public static InboundTopic parse(String topic) {
        if (!topic.startsWith(INBOUND_ROOT)) {
            throw new IllegalArgumentException("topic is not under " + INBOUND_ROOT);
        }
        String[] levels = topic.substring(INBOUND_ROOT.length()).split("/", -1);
        for (String level : levels) {
            if (!isLevel(level)) {
                throw new IllegalArgumentException(
                        "topic level '" + level + "' is not lowercase letters, digits and dashes");
            }
        }
        switch (levels[0]) {
            case "cam" -> {
                if (levels.length == 3 && isDeviceKind(levels[2])) {
                    return new InboundTopic(Feed.cam, levels[2], levels[1], null, null);
                }
                throw new IllegalArgumentException("camera topics are hp/v1/cam/{cameraId}/{tlm|evt|state}");
            }
            case "report" -> {
                if (levels.length == 2 && levels[1].equals("new")) {
                    return new InboundTopic(Feed.report, "new", null, null, null);
                }
                if (levels.length == 3 && levels[2].equals("update")) {
                    return new InboundTopic(Feed.report, "update", levels[1], null, null);
                }
                throw new IllegalArgumentException(
                        "report topics are hp/v1/report/new and hp/v1/report/{service_request_id}/update");
            }
            case "port" -> {
                if (levels.length == 5 && isDeviceKind(levels[4])) {
                    return new InboundTopic(Feed.port, levels[4], levels[3], levels[1], levels[2]);
                }
                throw new IllegalArgumentException(
                        "port topics are hp/v1/port/{portId}/{assetType}/{assetId}/{tlm|evt|state}");
            }
            default -> throw new IllegalArgumentException("unknown feed '" + levels[0] + "'");
        }
    }

    /** Whether the topic carries a vendor camera format ({@link #VENDOR_ROOT}). */
    public static boolean isVendor(String topic) {
        return topic != null && topic.startsWith(VENDOR_ROOT);
    }

    /**
     * Parses a vendor topic, or throws {@link IllegalArgumentException} with the reason. The vendor and source levels
     * follow the contract (lowercase, digits, dashes); the ONVIF topic after them is the vendor's own (e.g. {@code
     * RuleEngine/FieldDetector/ObjectsInside}), so only its levels' presence is checked.
     */
    public static VendorTopic parseVendor(String topic) {
        if (!isVendor(topic)) {
            throw new IllegalArgumentException("topic is not under " + VENDOR_ROOT);
        }
        String[] levels = topic.substring(VENDOR_ROOT.length()).split("/", 3);
        if (levels.length < 2 || !isLevel(levels[0]) || !isLevel(levels[1])) {
            throw new IllegalArgumentException("vendor topics are " + VENDOR_ROOT + "onvif/{source}/{ONVIF topic} and "
                    + VENDOR_ROOT + "deepstream/{pipeline}, with lowercase letters, digits and dashes");
        }
        String path = levels.length == 3 ? levels[2] : "";
        switch (levels[0]) {
            case ONVIF -> {
                if (path.isEmpty()
                        || path.contains("//")
                        || path.endsWith("/")
                        || path.contains("#")
                        || path.contains("+")) {
                    throw new IllegalArgumentException(
                            "ONVIF topics are " + VENDOR_ROOT + "onvif/{source}/{ONVIF topic}, e.g. "
                                    + onvif("cam-1", "RuleEngine/FieldDetector/ObjectsInside"));
                }
            }
            case DEEPSTREAM -> {
                if (!path.isEmpty()) {
                    throw new IllegalArgumentException(
                            "DeepStream topics are " + VENDOR_ROOT + "deepstream/{pipeline}, one level");
                }
            }
            default -> throw new IllegalArgumentException("unknown vendor format '" + levels[0] + "'");
        }
        return new VendorTopic(levels[0], levels[1], path);
    }

    /** A vendor topic taken apart: the format, the source level, and for ONVIF the event topic after it. */
    public record VendorTopic(String vendor, String source, String path) {}

    public static String onvif(String source, String onvifTopic) {
        return VENDOR_ROOT + ONVIF + "/" + source + "/" + onvifTopic;
    }

    public static String deepstream(String pipeline) {
        return VENDOR_ROOT + DEEPSTREAM + "/" + pipeline;
    }

    /** The feed a topic belongs to, as far as it can be told: used to name the dead-letter topic. */
    public static Feed feedOf(String topic) {
        if (isVendor(topic)) {
            return Feed.cam; // every vendor format so far is a camera's
        }
        if (topic != null && topic.startsWith(INBOUND_ROOT)) {
            // Called for every message: no substring or concatenation per call.
            for (int i = 0; i < FEED_PREFIXES.length; i++) {
                if (topic.startsWith(FEED_PREFIXES[i], INBOUND_ROOT.length())) {
                    return FEEDS[i];
                }
            }
        }
        return Feed.unknown;
    }

    /**
     * A level of lowercase ASCII letters, digits and dashes, 1 to {@value #MAX_LEVEL} long. By hand rather than with a
     * regular expression: every inbound message goes through here, and the regex was the job's hottest code.
     */
    static boolean isLevel(String level) {
        int n = level.length();
        if (n == 0 || n > MAX_LEVEL) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = level.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDeviceKind(String kind) {
        return kind.equals("tlm") || kind.equals("evt") || kind.equals("state");
    }

    public static String camera(String cameraId, String kind) {
        return INBOUND_ROOT + "cam/" + cameraId + "/" + kind;
    }

    public static String reportNew() {
        return INBOUND_ROOT + "report/new";
    }

    public static String reportUpdate(String serviceRequestId) {
        return INBOUND_ROOT + "report/" + serviceRequestId + "/update";
    }

    public static String port(String portId, String assetType, String assetId, String kind) {
        return INBOUND_ROOT + "port/" + portId + "/" + assetType + "/" + assetId + "/" + kind;
    }

    public static String alert(String domain, String site) {
        return OUTBOUND_ROOT + "alert/" + domain + "/" + site;
    }

    public static String kpi(String kpi, String scopeType, String scopeId) {
        return OUTBOUND_ROOT + "kpi/" + kpi + "/" + scopeType + "/" + scopeId;
    }

    /** A vessel inside a port's area (retained; an empty retained payload when it leaves). */
    public static String vessel(String portId, long mmsi) {
        return OUTBOUND_ROOT + "vessel/" + portId + "/" + mmsi;
    }

    /** A citizen report's state for the wall (retained; an empty retained payload removes it). */
    public static String report(String serviceRequestId) {
        return OUTBOUND_ROOT + "report/" + serviceRequestId;
    }

    public static String deadLetter(Feed feed) {
        return OUTBOUND_ROOT + "deadletter/" + feed.name();
    }
}
