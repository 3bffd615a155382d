package vn.haiphong.ioc.ingest.mqtt.source;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;
import vn.haiphong.ioc.ingest.mqtt.source.enumerator.MqttEnumeratorState;
import vn.haiphong.ioc.ingest.mqtt.source.enumerator.MqttEnumeratorStateSerializer;
import vn.haiphong.ioc.ingest.mqtt.source.enumerator.MqttSplitEnumerator;
import vn.haiphong.ioc.ingest.mqtt.source.reader.MqttSourceReader;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplitSerializer;

/**
 * An unbounded FLIP-27 source of raw MQTT 5 messages with at-least-once delivery.
 *
 * <p>Each split is one persistent MQTT session (clean start off). A reader emits messages as they arrive and
 * acknowledges them (PUBACK) only once a checkpoint that covers their emission has completed; after a failure
 * nothing more is acknowledged, the broker keeps the unacknowledged messages in the session and sends them again
 * when the restarted reader reconnects with the same client id.
 *
 * <p>The broker sends each session at most its receive maximum of unacknowledged messages, so throughput is bounded
 * by about {@code splits × receiveMaximum / checkpoint interval}; the broker's own in-flight limit must be at least
 * the receive maximum (HiveMQ CE caps it at 50 unless raised, Mosquitto's {@code max_inflight_messages} defaults to
 * 20, EMQX's {@code max_inflight} to 32). HiveMQ CE also sends a session its next batch only once everything in
 * flight is acknowledged, so there a message can wait up to a checkpoint interval before it is delivered.
 */
@PublicEvolving
public final class MqttSource
        implements Source<MqttRecord, MqttSplit, MqttEnumeratorState>, ResultTypeQueryable<MqttRecord> {
    private static final long serialVersionUID = 1L;

    private final MqttSourceOptions options;

    MqttSource(MqttSourceOptions options) {
        this.options = options;
    }

    public static MqttSourceBuilder builder() {
        return new MqttSourceBuilder();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> createEnumerator(SplitEnumeratorContext<MqttSplit> context) {
        return new MqttSplitEnumerator(context, options.createSplits(context.currentParallelism()));
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<MqttSplit> context, MqttEnumeratorState state) {
        return new MqttSplitEnumerator(context, state.unassignedSplits());
    }

    @Override
    public SimpleVersionedSerializer<MqttSplit> getSplitSerializer() {
        return new MqttSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<MqttEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new MqttEnumeratorStateSerializer();
    }

    @Override
    public SourceReader<MqttRecord, MqttSplit> createReader(SourceReaderContext context) {
        return new MqttSourceReader(options, context);
    }

    @Override
    public TypeInformation<MqttRecord> getProducedType() {
        return TypeInformation.of(MqttRecord.class);
    }

    /** The validated settings this source was built with. */
    @Internal
    public MqttSourceOptions options() {
        return options;
    }
}
