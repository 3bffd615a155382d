package vn.haiphong.ioc.dashboards.cap;

import java.util.Map;
import vn.haiphong.ioc.core.alert.Severity;

/**
 * How an IOC alert reads in CAP's vocabulary. The rules fire on measurements, so certainty is Observed; urgency says how
 * soon a port must act, from the IOC severity; a cleared alert's urgency is Past.
 *
 * <pre>
 * IOC severity   CAP severity  urgency    certainty
 * critical       Extreme       Immediate  Observed
 * high           Severe        Immediate  Observed
 * medium         Moderate      Expected   Observed
 * low            Minor         Expected   Observed
 * informational  Minor         Unknown    Observed
 * (cleared)      as above      Past       Observed
 * </pre>
 */
public final class CapMapping {
    /** IOC alert categories (rules.json) → CAP categories; any other is Other. */
    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("weather", "Met"),
            Map.entry("water", "Met"),
            Map.entry("traffic", "Transport"),
            Map.entry("gate", "Transport"),
            Map.entry("vessel", "Transport"),
            Map.entry("equipment", "Infra"),
            Map.entry("reefer", "Infra"),
            Map.entry("yard", "Infra"),
            Map.entry("sensor", "Infra"),
            Map.entry("security", "Security"),
            Map.entry("safety", "Safety"),
            Map.entry("fire", "Fire"),
            Map.entry("environment", "Env"));

    private CapMapping() {}

    public static String severity(Severity severity) {
        return switch (severity) {
            case critical -> "Extreme";
            case high -> "Severe";
            case medium -> "Moderate";
            case low, informational -> "Minor";
        };
    }

    public static String urgency(Severity severity, boolean cleared) {
        if (cleared) {
            return "Past";
        }
        return switch (severity) {
            case critical, high -> "Immediate";
            case medium, low -> "Expected";
            case informational -> "Unknown";
        };
    }

    public static String certainty() {
        return "Observed";
    }

    public static String category(String iocCategory) {
        return iocCategory == null ? "Other" : CATEGORIES.getOrDefault(iocCategory, "Other");
    }
}
