package vn.haiphong.ioc.ingest.rules;

import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.rules.RuleDefinition;

/**
 * The reefer rules, per container in a rack: {@code port.reefer.deviation} (supply air more than {@code
 * deviationAbove} °C off the setpoint while powered, for {@code raiseAfter}; clears when back within) and {@code
 * port.reefer.power-off} (no power for {@code raiseAfter}; clears when power returns). A box without power warms up:
 * that is the power-off alert's, not a second deviation alert.
 */
public final class ReeferRules {
    public static final String DEVIATION = "port.reefer.deviation";
    public static final String POWER_OFF = "port.reefer.power-off";

    private ReeferRules() {}

    /** The key of a container on its rack. */
    public static String key(ReeferTelemetry r) {
        return r.portId() + "/" + r.assetId() + "/" + r.equipmentReference();
    }

    public static double deviation(ReeferTelemetry r) {
        return Math.abs(r.supplyAirTemperature() - r.setpoint());
    }

    /** Out of range now: deviating more than the limit, or without power. */
    public static boolean outOfRange(ReeferTelemetry r, double limit) {
        return !r.powerOn() || deviation(r) > limit;
    }

    public static ConditionRule<ReeferTelemetry> deviation(RuleDefinition definition, String refDir) {
        return new Rule(DEVIATION, definition, refDir);
    }

    public static ConditionRule<ReeferTelemetry> powerOff(RuleDefinition definition, String refDir) {
        return new Rule(POWER_OFF, definition, refDir);
    }

    private record Rule(String ruleId, RuleDefinition definition, String refDir)
            implements ConditionRule.Fixed<ReeferTelemetry> {
        @Override
        public long time(ReeferTelemetry r) {
            return r.dateObserved();
        }

        @Override
        public boolean raise(ReeferTelemetry r) {
            return ruleId.equals(POWER_OFF)
                    ? !r.powerOn()
                    : r.powerOn() && deviation(r) > definition.param("deviationAbove");
        }

        @Override
        public boolean hold(ReeferTelemetry r) {
            return raise(r);
        }

        @Override
        public Map<String, Object> evidence(ReeferTelemetry r) {
            return Map.of(
                    "equipmentReference", r.equipmentReference(),
                    "setpoint", r.setpoint(),
                    "supplyAirTemperature", r.supplyAirTemperature(),
                    "deviation", Math.round(deviation(r) * 10) / 10.0,
                    "powerOn", r.powerOn(),
                    "unit", "°C");
        }

        @Override
        public Alert raise(ReeferTelemetry r, long at, Severity severity) {
            return PortAlerts.raise(
                    ruleId,
                    definition,
                    refDir,
                    r.portId(),
                    r.assetType(),
                    r.assetId(),
                    new Entity("reefer", key(r)),
                    severity,
                    at,
                    Map.of(
                            "container", r.equipmentReference(),
                            "supply", AlertTexts.number(r.supplyAirTemperature()),
                            "setpoint", AlertTexts.number(r.setpoint()),
                            "deviation", AlertTexts.number(Math.round(deviation(r) * 10) / 10.0)),
                    evidence(r));
        }
    }
}
