package vn.haiphong.ioc.ingest.rules;

import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;

/**
 * {@code port.tide.high-water}, per tide gauge: the water above its port's {@code highWaterCm} (reference data; a port
 * without one never raises), cleared once below it by {@code clearMargin} cm for {@code clearAfter}.
 */
public record HighWaterRule(RuleDefinition definition, String refDir) implements ConditionRule.Fixed<TideTelemetry> {
    public static final String ID = "port.tide.high-water";

    public static String key(TideTelemetry t) {
        return t.portId() + "/" + t.assetId();
    }

    private double threshold(TideTelemetry t) {
        Double cm = ReferenceData.cached(refDir)
                .port(t.portId())
                .map(Port::highWaterCm)
                .orElse(null);
        return cm == null ? Double.POSITIVE_INFINITY : cm;
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public long time(TideTelemetry t) {
        return t.dateObserved();
    }

    @Override
    public boolean raise(TideTelemetry t) {
        return t.waterLevel() > threshold(t);
    }

    @Override
    public boolean hold(TideTelemetry t) {
        return t.waterLevel() >= threshold(t) - definition.param("clearMargin");
    }

    @Override
    public Map<String, Object> evidence(TideTelemetry t) {
        return Map.of("waterLevel", t.waterLevel(), "threshold", threshold(t), "unit", "cm");
    }

    @Override
    public Alert raise(TideTelemetry t, long at, Severity severity) {
        return PortAlerts.raise(
                ID,
                definition,
                refDir,
                t.portId(),
                t.assetType(),
                t.assetId(),
                PortAlerts.asset(t.portId(), t.assetType(), t.assetId()),
                severity,
                at,
                Map.of(
                        "level", AlertTexts.number(t.waterLevel()),
                        "threshold", AlertTexts.number(threshold(t)),
                        "clear_level", AlertTexts.number(threshold(t) - definition.param("clearMargin"))),
                evidence(t));
    }
}
