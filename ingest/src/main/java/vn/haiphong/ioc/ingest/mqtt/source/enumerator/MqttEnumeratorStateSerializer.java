package vn.haiphong.ioc.ingest.mqtt.source.enumerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplitSerializer;

/** Versioned binary form of {@link MqttEnumeratorState}. Version 1: split count, then each split's version-1 form. */
@Internal
public final class MqttEnumeratorStateSerializer implements SimpleVersionedSerializer<MqttEnumeratorState> {

    public static final int CURRENT_VERSION = 1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(MqttEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeInt(state.unassignedSplits().size());
        for (MqttSplit split : state.unassignedSplits()) {
            MqttSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public MqttEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown MqttEnumeratorState serializer version " + version + " (this code reads 1)");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("corrupt MqttEnumeratorState: " + count + " splits");
        }
        List<MqttSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(MqttSplitSerializer.read(in));
        }
        return new MqttEnumeratorState(splits);
    }
}
