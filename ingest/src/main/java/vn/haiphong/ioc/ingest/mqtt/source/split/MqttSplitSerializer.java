package vn.haiphong.ioc.ingest.mqtt.source.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned binary form of {@link MqttSplit} for checkpoints. Version 1: index, client id, filter count and
 * filters, then a flag and the shared group.
 */
@Internal
public final class MqttSplitSerializer implements SimpleVersionedSerializer<MqttSplit> {

    public static final int CURRENT_VERSION = 1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(MqttSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public MqttSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown MqttSplit serializer version " + version + " (this code reads 1)");
        }
        return read(new DataInputDeserializer(serialized));
    }

    /** Writes the version-1 form; also used inside the enumerator state. */
    public static void write(MqttSplit split, DataOutputView out) throws IOException {
        out.writeInt(split.index());
        out.writeUTF(split.clientId());
        out.writeInt(split.topicFilters().size());
        for (String filter : split.topicFilters()) {
            out.writeUTF(filter);
        }
        out.writeBoolean(split.sharedGroup() != null);
        if (split.sharedGroup() != null) {
            out.writeUTF(split.sharedGroup());
        }
    }

    /** Reads the version-1 form. */
    public static MqttSplit read(DataInputView in) throws IOException {
        int index = in.readInt();
        String clientId = in.readUTF();
        int filterCount = in.readInt();
        if (filterCount < 1 || filterCount > 10_000) {
            throw new IOException("corrupt MqttSplit: " + filterCount + " topic filters");
        }
        List<String> filters = new ArrayList<>(filterCount);
        for (int i = 0; i < filterCount; i++) {
            filters.add(in.readUTF());
        }
        String group = in.readBoolean() ? in.readUTF() : null;
        return new MqttSplit(index, clientId, filters, group);
    }
}
