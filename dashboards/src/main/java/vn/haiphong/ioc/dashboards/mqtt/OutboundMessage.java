package vn.haiphong.ioc.dashboards.mqtt;

import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.core.rules.RuleSetMessage;

/** A decoded message of the outbound wire contract, with the topic it arrived on. */
public sealed interface OutboundMessage {
    String topic();

    record AlertMessage(String topic, Alert alert) implements OutboundMessage {}

    record KpiMessage(String topic, Kpi kpi) implements OutboundMessage {}

    record DeadLetterMessage(String topic, DeadLetter deadLetter) implements OutboundMessage {}

    /** @param vessel null when the vessel has left the port's area (an empty retained payload) */
    record VesselMessage(String topic, String portId, long mmsi, Vessel vessel) implements OutboundMessage {}

    /**
     * A citizen report's state for the wall, as ioc-core's {@link ReportView} (fields beyond it are dropped in decoding).
     *
     * @param report null when the report is removed (an empty retained payload)
     */
    record ReportMessage(String topic, String serviceRequestId, ReportView report) implements OutboundMessage {}

    /**
     * The rule set in force ({@code ioc/v1/config/rules}) or the one the job applied ({@code …/rules/applied}).
     *
     * @param rules null for an empty retained payload (the retained rule set was removed)
     */
    record RulesMessage(String topic, boolean applied, RuleSetMessage rules) implements OutboundMessage {}
}
