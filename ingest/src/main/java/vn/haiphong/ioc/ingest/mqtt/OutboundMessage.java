package vn.haiphong.ioc.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message for {@code MqttSink} to publish: topic, payload bytes, QoS and the retained flag. Serializing alerts
 * and KPIs into bytes happens before the sink, so the sink stays independent of the wire contracts.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields).
 */
public class OutboundMessage {

    public String topic;
    public byte[] payload;

    /** MQTT QoS: 0, 1 or 2. The sink's at-least-once guarantee holds for QoS 1 and 2. */
    public int qos;

    /** Whether the broker keeps this message as the topic's last known value (KPIs are retained). */
    public boolean retained;

    public OutboundMessage() {}

    public OutboundMessage(String topic, byte[] payload, int qos, boolean retained) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retained = retained;
    }

    /** A message with a UTF-8 text payload, e.g. a JSON document. */
    public static OutboundMessage ofUtf8(String topic, String payload, int qos, boolean retained) {
        return new OutboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OutboundMessage)) {
            return false;
        }
        OutboundMessage that = (OutboundMessage) o;
        return qos == that.qos
                && retained == that.retained
                && Objects.equals(topic, that.topic)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(topic, qos, retained) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "OutboundMessage{topic='" + topic + "', payload="
                + (payload == null ? "null" : payload.length + " bytes") + ", qos=" + qos + ", retained=" + retained
                + '}';
    }
}
