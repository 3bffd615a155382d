package vn.haiphong.ioc.ingest.mqtt.source.reader;

/** A message between an MQTT client thread and the reader's task thread. */
final class ReceivedMessage {
    final SplitSubscriber subscriber;
    /** The subscriber's session epoch at arrival: a record from a session the broker has since lost is not acked. */
    final int epoch;

    final String topic;
    final byte[] payload;
    final int packetId;
    final int qos;
    final long receivedAtMillis;

    ReceivedMessage(
            SplitSubscriber subscriber,
            int epoch,
            String topic,
            byte[] payload,
            int packetId,
            int qos,
            long receivedAtMillis) {
        this.subscriber = subscriber;
        this.epoch = epoch;
        this.topic = topic;
        this.payload = payload;
        this.packetId = packetId;
        this.qos = qos;
        this.receivedAtMillis = receivedAtMillis;
    }
}
