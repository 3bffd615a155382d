package vn.haiphong.ioc.dashboards.mqtt;

import java.io.IOException;
import java.util.regex.Pattern;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.core.rules.RuleSetMessage;
import vn.haiphong.ioc.core.wire.OutboundCodec;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * Turns the bytes of an outbound topic into a message with ioc-core's codec, and rejects what the wall cannot show:
 * the codec checks the JSON and its types, this class the few fields the wall keys on.
 */
public final class OutboundDecoder {
    private static final String ALERT_ROOT = Topics.OUTBOUND_ROOT + "alert/";
    private static final String KPI_ROOT = Topics.OUTBOUND_ROOT + "kpi/";
    private static final String DEADLETTER_ROOT = Topics.OUTBOUND_ROOT + "deadletter/";
    private static final String VESSEL_ROOT = Topics.OUTBOUND_ROOT + "vessel/";
    private static final String REPORT_ROOT = Topics.OUTBOUND_ROOT + "report/";
    /** As the history API accepts them. */
    private static final int MAX_REPORT_ID = 128;
    /** A photo the dashboards server stores and serves itself; anything else is not shown on the wall. */
    private static final Pattern SAME_ORIGIN_MEDIA = Pattern.compile("/media/[A-Za-z0-9_-][A-Za-z0-9._/-]*");

    private OutboundDecoder() {}

    /**
     * Decodes one message.
     *
     * @throws IOException when the payload is not a valid message of the topic's kind (the reason is the message)
     */
    public static OutboundMessage decode(String topic, byte[] payload) throws IOException {
        if (topic.startsWith(ALERT_ROOT)) {
            Alert alert = OutboundCodec.decodeAlert(payload);
            require(alert.alertId() != null && !alert.alertId().isBlank(), "alert without alertId");
            require(alert.status() != null, "alert without status");
            require(alert.severity() != null, "alert without severity");
            require(alert.title() != null, "alert without title");
            require(
                    alert.status() != AlertStatus.cleared || alert.clearedAt() != null,
                    "cleared alert without clearedAt");
            return new OutboundMessage.AlertMessage(topic, alert);
        }
        if (topic.startsWith(KPI_ROOT)) {
            Kpi kpi = OutboundCodec.decodeKpi(payload);
            require(kpi.kpi() != null && kpi.scopeType() != null && kpi.scopeId() != null, "KPI without its scope");
            require(Double.isFinite(kpi.value()), "KPI value is not a finite number");
            return new OutboundMessage.KpiMessage(topic, kpi);
        }
        if (topic.startsWith(DEADLETTER_ROOT)) {
            return new OutboundMessage.DeadLetterMessage(topic, OutboundCodec.decodeDeadLetter(payload));
        }
        if (topic.startsWith(VESSEL_ROOT)) {
            return vessel(topic, payload);
        }
        if (topic.startsWith(REPORT_ROOT)) {
            return report(topic, payload);
        }
        if (topic.equals(Topics.RULES) || topic.equals(Topics.RULES_APPLIED)) {
            return rules(topic, payload);
        }
        throw new IOException("not an alert, KPI, dead-letter, vessel, report or rules topic");
    }

    /** {@code ioc/v1/vessel/{portId}/{mmsi}}: the topic names the vessel; an empty payload says it has left. */
    private static OutboundMessage vessel(String topic, byte[] payload) throws IOException {
        String[] levels = topic.substring(VESSEL_ROOT.length()).split("/", -1);
        require(levels.length == 2 && !levels[0].isEmpty(), "vessel topics are ioc/v1/vessel/{portId}/{mmsi}");
        long mmsi;
        try {
            mmsi = Long.parseLong(levels[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the MMSI of a vessel topic is a number, not '" + levels[1] + "'");
        }
        if (payload == null || payload.length == 0) {
            return new OutboundMessage.VesselMessage(topic, levels[0], mmsi, null);
        }
        Vessel vessel = OutboundCodec.decodeVessel(payload);
        require(vessel.mmsi() == mmsi, "the vessel's mmsi differs from its topic's");
        require(
                Math.abs(vessel.lat()) <= 90 && Math.abs(vessel.lon()) <= 180,
                "the vessel's position is not a WGS84 latitude and longitude");
        return new OutboundMessage.VesselMessage(topic, levels[0], mmsi, vessel);
    }

    /**
     * {@code ioc/v1/report/{serviceRequestId}}: the topic names the report; an empty payload removes it. The payload is
     * read into a {@link ReportView} and only that goes on, so a field the contract does not have (an account id, a
     * phone number) never reaches a wall, whatever the publisher put in.
     */
    private static OutboundMessage report(String topic, byte[] payload) throws IOException {
        String id = topic.substring(REPORT_ROOT.length());
        require(
                !id.isEmpty() && id.length() <= MAX_REPORT_ID && id.indexOf('/') < 0,
                "report topics are ioc/v1/report/{serviceRequestId}, one level of 1 to " + MAX_REPORT_ID
                        + " characters");
        ReportView report = payload == null ? null : OutboundCodec.decodeReport(payload);
        if (report == null) {
            return new OutboundMessage.ReportMessage(topic, id, null);
        }
        require(id.equals(report.serviceRequestId()), "the report's serviceRequestId differs from its topic's");
        require(report.serviceCode() != null && !report.serviceCode().isBlank(), "report without serviceCode");
        require(report.status() != null && !report.status().isBlank(), "report without status");
        require(
                Math.abs(report.lat()) <= 90 && Math.abs(report.lon()) <= 180,
                "the report's position is not a WGS84 latitude and longitude");
        require(
                report.late() == null
                        || report.late().equals(ReportView.LATE_ACKNOWLEDGE)
                        || report.late().equals(ReportView.LATE_RESOLVE),
                "a report's late is absent, 'acknowledge' or 'resolve', not '" + report.late() + "'");
        return new OutboundMessage.ReportMessage(topic, id, withSameOriginMedia(report));
    }

    /** Drops a media URL that is not a path of this server's /media/: the wall loads no image from elsewhere. */
    private static ReportView withSameOriginMedia(ReportView r) {
        String media = r.mediaUrl();
        if (media == null || (SAME_ORIGIN_MEDIA.matcher(media).matches() && !media.contains(".."))) {
            return r;
        }
        return new ReportView(
                r.serviceRequestId(),
                r.serviceCode(),
                r.serviceName(),
                r.area(),
                r.lat(),
                r.lon(),
                r.status(),
                r.description(),
                null,
                r.requestedAt(),
                r.updatedAt(),
                r.acknowledgedAt(),
                r.resolvedAt(),
                r.acknowledgeBy(),
                r.resolveBy(),
                r.late(),
                r.escalated(),
                r.duplicateOf(),
                r.hotspotAlertId(),
                r.incidentAlertId(),
                r.seq());
    }

    /** A rule set, checked by ioc-core's codec; an empty retained payload removes the one there was. */
    private static OutboundMessage rules(String topic, byte[] payload) throws IOException {
        boolean applied = topic.equals(Topics.RULES_APPLIED);
        if (payload == null || payload.length == 0) {
            return new OutboundMessage.RulesMessage(topic, applied, null);
        }
        try {
            return new OutboundMessage.RulesMessage(topic, applied, RuleSetMessage.decode(payload));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String reason) throws IOException {
        if (!condition) {
            throw new IOException(reason);
        }
    }
}
