package vn.haiphong.ioc.core.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * One alert rule as data: where its alerts go, how severe they are, its thresholds ({@code params}), how long a
 * condition must hold before raising and before clearing, its texts in Vietnamese and English, and, for rules about
 * devices, the asset types it watches ({@code assetTypes}; empty: every type the rule reads), and for rules whose
 * alerts grow more severe the longer they last, after how long they rise one severity level ({@code escalateAfter};
 * absent: never).
 */
public record RuleDefinition(
        String domain,
        String category,
        String subCategory,
        Severity severity,
        Map<String, Severity> severityBy,
        Map<String, Double> params,
        Duration raiseAfter,
        Duration clearAfter,
        LocalizedText title,
        LocalizedText description,
        List<String> assetTypes,
        Duration escalateAfter)
        implements Serializable {

    public RuleDefinition {
        severityBy = severityBy == null ? Map.of() : Map.copyOf(severityBy);
        params = params == null ? Map.of() : Map.copyOf(params);
        raiseAfter = raiseAfter == null ? Duration.ZERO : raiseAfter;
        clearAfter = clearAfter == null ? Duration.ZERO : clearAfter;
        assetTypes = assetTypes == null ? List.of() : List.copyOf(assetTypes);
    }

    /** A rule that never escalates. */
    public RuleDefinition(
            String domain,
            String category,
            String subCategory,
            Severity severity,
            Map<String, Severity> severityBy,
            Map<String, Double> params,
            Duration raiseAfter,
            Duration clearAfter,
            LocalizedText title,
            LocalizedText description,
            List<String> assetTypes) {
        this(
                domain,
                category,
                subCategory,
                severity,
                severityBy,
                params,
                raiseAfter,
                clearAfter,
                title,
                description,
                assetTypes,
                null);
    }

    /** The same rule with its alerts in another domain (e.g. a camera rule whose desk cameras alert the desks). */
    public RuleDefinition inDomain(String otherDomain) {
        return new RuleDefinition(
                otherDomain,
                category,
                subCategory,
                severity,
                severityBy,
                params,
                raiseAfter,
                clearAfter,
                title,
                description,
                assetTypes,
                escalateAfter);
    }

    /** A threshold with a default, for parameters a deployment may leave out. */
    public double param(String name, double fallback) {
        Double value = params.get(name);
        return value == null ? fallback : value;
    }

    /** Whether the rule watches assets of this type. */
    public boolean watches(String assetType) {
        return assetTypes.isEmpty() || assetTypes.contains(assetType);
    }

    /** A numeric threshold of the rule; a missing one is a configuration error, reported at start-up. */
    public double param(String name) {
        Double value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("rule parameter '" + name + "' is not set");
        }
        return value;
    }

    public Severity severityFor(String key) {
        return severityBy.getOrDefault(key, severity);
    }
}
