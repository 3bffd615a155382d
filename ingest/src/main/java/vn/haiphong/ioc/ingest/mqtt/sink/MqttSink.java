package vn.haiphong.ioc.ingest.mqtt.sink;

import java.io.IOException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import vn.haiphong.ioc.ingest.mqtt.OutboundMessage;

/**
 * Publishes {@link OutboundMessage}s to an MQTT 5 broker with at-least-once delivery (for QoS 1 and 2).
 *
 * <p>Each parallel writer has one Paho client ({@code {clientIdPrefix}-{subtask}}) and publishes asynchronously
 * with a bounded number of publishes in flight. On every checkpoint {@code flush} waits until the broker has
 * acknowledged every publish, so a completed checkpoint never covers an unacknowledged message. A refused publish,
 * a lost connection or a timeout fails the job, which then replays from its last checkpoint.
 */
@PublicEvolving
public final class MqttSink implements Sink<OutboundMessage> {
    private static final long serialVersionUID = 1L;

    private final MqttSinkOptions options;

    MqttSink(MqttSinkOptions options) {
        this.options = options;
    }

    @VisibleForTesting
    MqttSinkOptions options() {
        return options;
    }

    public static MqttSinkBuilder builder() {
        return new MqttSinkBuilder();
    }

    @Override
    public SinkWriter<OutboundMessage> createWriter(WriterInitContext context) throws IOException {
        return new MqttSinkWriter(
                options,
                options.clientIdPrefix() + "-" + context.getTaskInfo().getIndexOfThisSubtask(),
                context.metricGroup());
    }
}
