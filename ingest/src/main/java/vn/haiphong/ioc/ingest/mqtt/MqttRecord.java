package vn.haiphong.ioc.ingest.mqtt;

import java.util.Arrays;
import java.util.Objects;

/**
 * One MQTT message as it came off the wire: the topic, the raw payload and when this process received it. Parsing
 * the payload is the job of the operators downstream, so that a malformed message can be routed to the dead-letter
 * topic there instead of failing the source.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields) so that Flink serializes it without Kryo.
 */
public class MqttRecord {

    /** The topic the message was published to (never a shared-subscription filter). */
    public String topic;

    /** The payload bytes, unchanged. */
    public byte[] payload;

    /** Wall-clock time in epoch milliseconds when the source received the message from the broker. */
    public long receivedAtMillis;

    public MqttRecord() {}

    public MqttRecord(String topic, byte[] payload, long receivedAtMillis) {
        this.topic = topic;
        this.payload = payload;
        this.receivedAtMillis = receivedAtMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MqttRecord)) {
            return false;
        }
        MqttRecord that = (MqttRecord) o;
        return receivedAtMillis == that.receivedAtMillis
                && Objects.equals(topic, that.topic)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(topic, receivedAtMillis) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "MqttRecord{topic='" + topic + "', payload=" + (payload == null ? "null" : payload.length + " bytes")
                + ", receivedAtMillis=" + receivedAtMillis + '}';
    }
}
