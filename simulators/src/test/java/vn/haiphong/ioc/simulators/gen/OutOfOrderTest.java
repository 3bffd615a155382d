package vn.haiphong.ioc.simulators.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfOrderTest {
    private static List<SimMessage> run(double fraction, int n) {
        Simulation sim = Simulation.of(SimulationConfig.defaults(), SimulationTest.RUSH_HOUR);
        OutOfOrder stream = new OutOfOrder(sim, fraction, 42);
        List<SimMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(stream.next());
        }
        return out;
    }

    @Test
    void holdsBackTheConfiguredFractionByOneToEightSeconds() {
        List<SimMessage> messages = run(0.05, 20_000);
        long held = messages.stream().filter(SimMessage::heldBack).count();
        assertThat(held / 20_000.0).isBetween(0.045, 0.055);
        for (SimMessage m : messages) {
            if (m.heldBack()) {
                assertThat(m.releaseAt() - m.dueAt()).isBetween(OutOfOrder.MIN_DELAY_MS, OutOfOrder.MAX_DELAY_MS);
                assertThat(m.retained()).isFalse();
            }
        }
    }

    @Test
    void releasesInTimeOrderSoThatEventTimesArriveOutOfOrder() {
        List<SimMessage> messages = run(0.05, 20_000);
        int late = 0;
        long newestEventSeen = Long.MIN_VALUE;
        for (int i = 1; i < messages.size(); i++) {
            assertThat(messages.get(i).releaseAt())
                    .isGreaterThanOrEqualTo(messages.get(i - 1).releaseAt());
        }
        for (SimMessage m : messages) {
            if (m.dueAt() < newestEventSeen - OutOfOrder.MIN_DELAY_MS / 2) {
                late++;
            }
            newestEventSeen = Math.max(newestEventSeen, m.dueAt());
        }
        assertThat(late).isGreaterThan(800);
    }

    @Test
    void holdsNothingAtFractionZero() {
        assertThat(run(0, 5_000)).noneMatch(SimMessage::heldBack);
    }

    @Test
    void sameSeedHoldsBackTheSameMessages() {
        List<SimMessage> a = run(0.1, 3_000);
        List<SimMessage> b = run(0.1, 3_000);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).topic()).isEqualTo(b.get(i).topic());
            assertThat(a.get(i).releaseAt()).isEqualTo(b.get(i).releaseAt());
        }
    }
}
