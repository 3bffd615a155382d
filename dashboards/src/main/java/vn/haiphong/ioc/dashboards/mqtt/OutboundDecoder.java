package vn.haiphong.ioc.dashboards.mqtt;

import java.io.IOException;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Kpi;
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
        throw new IOException("not an alert, KPI or dead-letter topic");
    }

    private static void require(boolean condition, String reason) throws IOException {
        if (!condition) {
            throw new IOException(reason);
        }
    }
}
