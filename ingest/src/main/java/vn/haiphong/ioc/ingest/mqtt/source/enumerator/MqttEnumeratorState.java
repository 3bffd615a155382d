package vn.haiphong.ioc.ingest.mqtt.source.enumerator;

import java.util.List;
import org.apache.flink.annotation.Internal;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

/**
 * What the enumerator checkpoints: the splits no reader owns yet. Splits a reader owns are in that reader's state,
 * and Flink hands them back through {@code addSplitsBack} when a reader fails before its next checkpoint.
 */
@Internal
public final class MqttEnumeratorState {
    private final List<MqttSplit> unassignedSplits;

    public MqttEnumeratorState(List<MqttSplit> unassignedSplits) {
        this.unassignedSplits = List.copyOf(unassignedSplits);
    }

    public List<MqttSplit> unassignedSplits() {
        return unassignedSplits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttEnumeratorState && unassignedSplits.equals(((MqttEnumeratorState) o).unassignedSplits);
    }

    @Override
    public int hashCode() {
        return unassignedSplits.hashCode();
    }

    @Override
    public String toString() {
        return "MqttEnumeratorState{unassigned=" + unassignedSplits + '}';
    }
}
