package vn.haiphong.ioc.ingest.rules;

import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.rules.RuleDefinition;

/**
 * {@code port.crane.fault}, per crane: raised when it reports {@code fault}, cleared when it is working or idle again
 * (a crane stopped for wind after a fault is not yet back).
 */
public record CraneFaultRule(RuleDefinition definition, String refDir) implements ConditionRule.Fixed<CraneTelemetry> {
    public static final String ID = "port.crane.fault";

    public static String key(CraneTelemetry c) {
        return c.portId() + "/" + c.assetType() + "/" + c.assetId();
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public long time(CraneTelemetry c) {
        return c.dateObserved();
    }

    @Override
    public boolean raise(CraneTelemetry c) {
        return c.state().equals("fault");
    }

    @Override
    public boolean hold(CraneTelemetry c) {
        return !(c.state().equals("working") || c.state().equals("idle"));
    }

    @Override
    public Map<String, Object> evidence(CraneTelemetry c) {
        return Map.of("state", c.state());
    }

    @Override
    public Alert raise(CraneTelemetry c, long at, Severity severity) {
        return PortAlerts.raise(
                ID,
                definition,
                refDir,
                c.portId(),
                c.assetType(),
                c.assetId(),
                PortAlerts.asset(c.portId(), c.assetType(), c.assetId()),
                severity,
                at,
                Map.of(),
                evidence(c));
    }
}
