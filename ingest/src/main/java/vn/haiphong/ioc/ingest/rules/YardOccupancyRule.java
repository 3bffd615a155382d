package vn.haiphong.ioc.ingest.rules;

import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.rules.RuleDefinition;

/**
 * {@code port.yard.occupancy}, per yard block: high at {@code highAtLeast}%, critical at {@code criticalAtLeast}%,
 * one alert whose severity follows (back to high only {@code margin} points below critical), cleared below {@code
 * highAtLeast − margin}%.
 */
public record YardOccupancyRule(RuleDefinition definition, String refDir) implements ConditionRule<YardTelemetry> {
    public static final String ID = "port.yard.occupancy";

    public static String key(YardTelemetry y) {
        return y.portId() + "/" + y.assetId();
    }

    public static double percent(YardTelemetry y) {
        return y.capacityTeu() <= 0 ? 0 : 100.0 * y.occupiedTeu() / y.capacityTeu();
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public long time(YardTelemetry y) {
        return y.dateObserved();
    }

    @Override
    public boolean raise(YardTelemetry y) {
        return percent(y) >= definition.param("highAtLeast");
    }

    @Override
    public boolean hold(YardTelemetry y) {
        return percent(y) >= definition.param("highAtLeast") - definition.param("margin");
    }

    @Override
    public Severity severity(YardTelemetry y, Severity current) {
        double p = percent(y);
        double critical = definition.param("criticalAtLeast");
        boolean isCritical =
                p >= critical || (current == Severity.critical && p >= critical - definition.param("margin"));
        return definition.severityFor(isCritical ? "critical" : "high");
    }

    @Override
    public Map<String, Object> evidence(YardTelemetry y) {
        return Map.of(
                "occupiedTeu",
                y.occupiedTeu(),
                "capacityTeu",
                y.capacityTeu(),
                "occupancy",
                Math.round(percent(y) * 10) / 10.0,
                "unit",
                "%");
    }

    @Override
    public Alert raise(YardTelemetry y, long at, Severity severity) {
        return PortAlerts.raise(
                ID,
                definition,
                refDir,
                y.portId(),
                y.assetType(),
                y.assetId(),
                PortAlerts.asset(y.portId(), y.assetType(), y.assetId()),
                severity,
                at,
                Map.of(
                        "occupancy", AlertTexts.number(Math.round(percent(y) * 10) / 10.0),
                        "occupied", y.occupiedTeu(),
                        "capacity", y.capacityTeu(),
                        "clear_level", AlertTexts.number(definition.param("highAtLeast") - definition.param("margin"))),
                evidence(y));
    }
}
