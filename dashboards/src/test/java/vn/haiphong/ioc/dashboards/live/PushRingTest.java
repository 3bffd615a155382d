package vn.haiphong.ioc.dashboards.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PushRingTest {
    @Test
    void numbersFramesConsecutivelyFromTheBase() {
        PushRing ring = new PushRing(4, 1000);
        assertThat(ring.lastSeq()).isEqualTo(1000);
        assertThat(ring.append("kpi", "a", null).seq()).isEqualTo(1001);
        assertThat(ring.append("kpi", "b", null).seq()).isEqualTo(1002);
        assertThat(ring.firstSeq()).isEqualTo(1001);
        assertThat(ring.get(1002).data()).isEqualTo("b");
    }

    @Test
    void forgetsTheOldestFramesWhenFull() {
        PushRing ring = new PushRing(4, 0);
        for (int i = 1; i <= 10; i++) {
            ring.append("kpi", "f" + i, null);
        }
        assertThat(ring.firstSeq()).isEqualTo(7);
        assertThat(ring.lastSeq()).isEqualTo(10);
        assertThat(ring.get(7).data()).isEqualTo("f7");
        assertThat(ring.get(10).data()).isEqualTo("f10");
        assertThatThrownBy(() -> ring.get(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.get(11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canReplayOnlyWhatItStillHolds() {
        PushRing ring = new PushRing(4, 0);
        for (int i = 1; i <= 10; i++) {
            ring.append("kpi", "f" + i, null);
        }
        assertThat(ring.canReplayAfter(10)).as("up to date").isTrue();
        assertThat(ring.canReplayAfter(6)).as("7..10 held").isTrue();
        assertThat(ring.canReplayAfter(5)).as("6 is gone").isFalse();
        assertThat(ring.canReplayAfter(11))
                .as("from the future, e.g. another server run")
                .isFalse();
    }

    @Test
    void anEmptyRingReplaysNothingButItsBase() {
        PushRing ring = new PushRing(4, 500);
        assertThat(ring.canReplayAfter(500)).isTrue();
        assertThat(ring.canReplayAfter(499)).isFalse();
    }
}
