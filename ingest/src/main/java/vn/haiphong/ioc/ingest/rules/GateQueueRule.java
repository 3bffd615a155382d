package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.GateTelemetry;
import vn.haiphong.ioc.core.rules.RuleDefinition;

/**
 * {@code port.gate.queue}, per gate: a queue of {@code queueAtLeast} trucks or a wait of {@code waitAtLeast} min,
 * kept until both are below {@code queueClearBelow} and {@code waitClearBelow} for {@code clearAfter}.
 */
public record GateQueueRule(RuleDefinition definition, String refDir) implements ConditionRule.Fixed<GateTelemetry> {
    public static final String ID = "port.gate.queue";

    public static String key(GateTelemetry g) {
        return g.portId() + "/" + g.assetId();
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public long time(GateTelemetry g) {
        return g.dateObserved();
    }

    @Override
    public boolean raise(GateTelemetry g) {
        return g.queueLength() >= definition.param("queueAtLeast")
                || (g.averageWaitMinutes() != null && g.averageWaitMinutes() >= definition.param("waitAtLeast"));
    }

    @Override
    public boolean hold(GateTelemetry g) {
        return g.queueLength() >= definition.param("queueClearBelow")
                || (g.averageWaitMinutes() != null && g.averageWaitMinutes() >= definition.param("waitClearBelow"));
    }

    @Override
    public Map<String, Object> evidence(GateTelemetry g) {
        Map<String, Object> e = new HashMap<>();
        e.put("queueLength", g.queueLength());
        if (g.averageWaitMinutes() != null) {
            e.put("averageWaitMinutes", g.averageWaitMinutes());
        }
        return e;
    }

    @Override
    public Alert raise(GateTelemetry g, long at, Severity severity) {
        return PortAlerts.raise(
                ID,
                definition,
                refDir,
                g.portId(),
                g.assetType(),
                g.assetId(),
                PortAlerts.asset(g.portId(), g.assetType(), g.assetId()),
                severity,
                at,
                Map.of("queue", g.queueLength(), "wait", AlertTexts.number(g.averageWaitMinutes())),
                evidence(g));
    }
}
