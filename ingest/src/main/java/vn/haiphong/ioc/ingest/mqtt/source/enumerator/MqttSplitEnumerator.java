package vn.haiphong.ioc.ingest.mqtt.source.enumerator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

/**
 * Hands a fixed set of MQTT sessions to the readers: split {@code i} goes to reader {@code i mod parallelism} once
 * that reader has registered. Splits returned by a failed reader wait here until it registers again.
 */
@Internal
public final class MqttSplitEnumerator implements SplitEnumerator<MqttSplit, MqttEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSplitEnumerator.class);

    private final SplitEnumeratorContext<MqttSplit> context;
    private final TreeSet<MqttSplit> unassigned = new TreeSet<>(Comparator.comparingInt(MqttSplit::index));

    public MqttSplitEnumerator(SplitEnumeratorContext<MqttSplit> context, List<MqttSplit> unassignedSplits) {
        this.context = context;
        this.unassigned.addAll(unassignedSplits);
    }

    @Override
    public void start() {
        // Readers that registered before start() (possible after a restore) get their splits now.
        for (int reader : context.registeredReaders().keySet()) {
            assignPendingSplits(reader);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed when a reader registers; readers never ask.
    }

    @Override
    public void addSplitsBack(List<MqttSplit> splits, int subtaskId) {
        LOG.info("Reader {} returned MQTT splits {}", subtaskId, splits);
        unassigned.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignPendingSplits(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignPendingSplits(subtaskId);
    }

    @Override
    public MqttEnumeratorState snapshotState(long checkpointId) {
        return new MqttEnumeratorState(new ArrayList<>(unassigned));
    }

    @Override
    public void close() {}

    private void assignPendingSplits(int subtaskId) {
        int parallelism = context.currentParallelism();
        List<MqttSplit> mine = new ArrayList<>();
        for (Iterator<MqttSplit> it = unassigned.iterator(); it.hasNext(); ) {
            MqttSplit split = it.next();
            if (split.index() % parallelism == subtaskId) {
                mine.add(split);
                it.remove();
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        LOG.info("Assigning MQTT splits {} to reader {}", mine, subtaskId);
        Map<Integer, List<MqttSplit>> assignment = new HashMap<>();
        assignment.put(subtaskId, mine);
        context.assignSplits(new SplitsAssignment<>(assignment));
    }
}
