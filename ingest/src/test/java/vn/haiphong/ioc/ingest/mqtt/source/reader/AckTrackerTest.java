package vn.haiphong.ioc.ingest.mqtt.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckTrackerTest {
    private final AckTracker tracker = new AckTracker();

    @Test
    void acknowledgesInEmissionOrderOnceTheCheckpointCompletes() {
        emit(7, 3, 65535, 1);
        tracker.snapshot(1);

        assertThat(tracker.pending()).isEqualTo(4);
        assertThat(tracker.checkpointComplete(1)).containsExactly(7, 3, 65535, 1);
        assertThat(tracker.pending()).isZero();
        assertThat(tracker.checkpointComplete(1)).isEmpty();
    }

    @Test
    void nothingIsAcknowledgedBeforeItsCheckpointCompletes() {
        emit(1, 2);
        tracker.snapshot(1);

        assertThat(tracker.checkpointComplete(0)).isEmpty();
        assertThat(tracker.pending()).isEqualTo(2);
    }

    @Test
    void idsEmittedAfterASnapshotAreNotAcknowledgedByIt() {
        emit(1, 2);
        tracker.snapshot(1);
        emit(3, 4);

        assertThat(tracker.checkpointComplete(1)).containsExactly(1, 2);
        assertThat(tracker.pending()).isEqualTo(2);

        tracker.snapshot(2);
        assertThat(tracker.checkpointComplete(2)).containsExactly(3, 4);
    }

    @Test
    void aCompletionCoversEarlierCheckpointsWhoseNoticeWasSkipped() {
        emit(1);
        tracker.snapshot(1);
        emit(2, 3);
        tracker.snapshot(2);
        emit(4);
        tracker.snapshot(3);
        emit(5);

        assertThat(tracker.checkpointComplete(2)).containsExactly(1, 2, 3);
        assertThat(tracker.checkpointComplete(3)).containsExactly(4);
        assertThat(tracker.pending()).isEqualTo(1);
    }

    @Test
    void abortedCheckpointKeepsItsIdsUntilALaterCompletion() {
        emit(1, 2);
        tracker.snapshot(1);
        tracker.checkpointAborted(1);
        emit(3);
        tracker.snapshot(2);

        assertThat(tracker.pending()).isEqualTo(3);
        assertThat(tracker.checkpointComplete(2)).containsExactly(1, 2, 3);
    }

    @Test
    void snapshotWithNothingEmittedSealsNothing() {
        tracker.snapshot(1);
        emit(9);
        tracker.snapshot(2);

        assertThat(tracker.checkpointComplete(1)).isEmpty();
        assertThat(tracker.checkpointComplete(2)).containsExactly(9);
    }

    @Test
    void packetIdsMayRepeatAfterTheyWereAcknowledged() {
        emit(1);
        tracker.snapshot(1);
        assertThat(tracker.checkpointComplete(1)).containsExactly(1);

        emit(1);
        tracker.snapshot(2);
        assertThat(tracker.checkpointComplete(2)).containsExactly(1);
    }

    @Test
    void keepsOrderAcrossManyIds() {
        int[] expected = new int[10_000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (i * 7919) % 65535 + 1;
            tracker.emitted(expected[i]);
        }
        tracker.snapshot(1);

        assertThat(tracker.checkpointComplete(1)).containsExactly(expected);
    }

    @Test
    void clearForgetsEverythingButKeepsTracking() {
        emit(1);
        tracker.snapshot(1);
        emit(2);
        tracker.clear();

        assertThat(tracker.pending()).isZero();
        assertThat(tracker.checkpointComplete(1)).isEmpty();

        emit(3);
        tracker.snapshot(2);
        assertThat(tracker.checkpointComplete(2)).containsExactly(3);
    }

    @Test
    void afterCloseNothingIsAcknowledged() {
        emit(1, 2);
        tracker.snapshot(1);
        tracker.close();
        emit(3);
        tracker.snapshot(2);

        assertThat(tracker.checkpointComplete(2)).isEmpty();
        assertThat(tracker.pending()).isZero();
    }

    private void emit(int... ids) {
        for (int id : ids) {
            tracker.emitted(id);
        }
    }
}
