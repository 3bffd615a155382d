package vn.haiphong.ioc.ingest.mqtt.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

class MqttSplitEnumeratorTest {

    @Test
    void givesSplitIToReaderIModParallelismWhenItRegisters() {
        FakeContext context = new FakeContext(2);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, splits(0, 1, 2));
        enumerator.start();

        context.register(1);
        enumerator.addReader(1);
        assertThat(context.assigned(1)).containsExactly(split(1));
        assertThat(context.assigned(0)).isEmpty();

        context.register(0);
        enumerator.addReader(0);
        assertThat(context.assigned(0)).containsExactly(split(0), split(2));
        assertThat(enumerator.snapshotState(1).unassignedSplits()).isEmpty();
    }

    @Test
    void checkpointsTheSplitsNoReaderHasYet() {
        FakeContext context = new FakeContext(2);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, splits(0, 1));
        context.register(0);
        enumerator.addReader(0);

        assertThat(enumerator.snapshotState(7).unassignedSplits()).containsExactly(split(1));
    }

    @Test
    void reassignsSplitsAFailedReaderReturnsWhenItRegistersAgain() {
        FakeContext context = new FakeContext(1);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, splits(0));
        context.register(0);
        enumerator.addReader(0);
        assertThat(context.assigned(0)).containsExactly(split(0));

        context.unregister(0);
        enumerator.addSplitsBack(List.of(split(0)), 0);
        assertThat(enumerator.snapshotState(2).unassignedSplits()).containsExactly(split(0));

        context.register(0);
        enumerator.addReader(0);
        assertThat(context.assigned(0)).containsExactly(split(0), split(0));
        assertThat(enumerator.snapshotState(3).unassignedSplits()).isEmpty();
    }

    @Test
    void readersRegisteredBeforeStartGetTheirSplitsOnStart() {
        FakeContext context = new FakeContext(1);
        context.register(0);
        MqttSplitEnumerator enumerator = new MqttSplitEnumerator(context, splits(0));

        enumerator.start();

        assertThat(context.assigned(0)).containsExactly(split(0));
    }

    private static List<MqttSplit> splits(int... indexes) {
        List<MqttSplit> result = new ArrayList<>();
        for (int index : indexes) {
            result.add(split(index));
        }
        return result;
    }

    private static MqttSplit split(int index) {
        return new MqttSplit(index, "ioc-" + index, List.of("hp/v1/#"), "ioc");
    }

    /** Records assignments; just enough of a coordinator context for the enumerator. */
    private static final class FakeContext implements SplitEnumeratorContext<MqttSplit> {
        private final int parallelism;
        private final Map<Integer, ReaderInfo> readers = new HashMap<>();
        private final Map<Integer, List<MqttSplit>> assignments = new HashMap<>();

        FakeContext(int parallelism) {
            this.parallelism = parallelism;
        }

        void register(int subtask) {
            readers.put(subtask, new ReaderInfo(subtask, "localhost"));
        }

        void unregister(int subtask) {
            readers.remove(subtask);
        }

        List<MqttSplit> assigned(int subtask) {
            return assignments.getOrDefault(subtask, List.of());
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int currentParallelism() {
            return parallelism;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return readers;
        }

        @Override
        public void assignSplits(SplitsAssignment<MqttSplit> newSplitAssignments) {
            newSplitAssignments.assignment().forEach((subtask, splits) -> assignments
                    .computeIfAbsent(subtask, s -> new ArrayList<>())
                    .addAll(splits));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            throw new UnsupportedOperationException("an unbounded source never signals no more splits");
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> void callAsync(
                Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }
    }
}
