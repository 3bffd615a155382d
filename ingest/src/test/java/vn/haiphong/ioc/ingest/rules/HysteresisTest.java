package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.haiphong.ioc.ingest.rules.Hysteresis.Transition.CLEAR;
import static vn.haiphong.ioc.ingest.rules.Hysteresis.Transition.NONE;
import static vn.haiphong.ioc.ingest.rules.Hysteresis.Transition.RAISE;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HysteresisTest {
    private static final long MIN = 60_000;
    private final Hysteresis tenThenFive =
            new Hysteresis(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(3));
    private final HysteresisState s = new HysteresisState();

    private Hysteresis.Transition minute(int m, boolean condition) {
        return tenThenFive.step(s, condition, condition, m * MIN, (m + 1) * MIN);
    }

    @Test
    void raisesOnlyWhenTheConditionHasHeldForTheWholeDuration() {
        for (int m = 0; m < 9; m++) {
            assertThat(minute(m, true)).isEqualTo(NONE);
        }
        assertThat(minute(9, true)).isEqualTo(RAISE);
        assertThat(minute(10, true)).isEqualTo(NONE);
    }

    @Test
    void aSingleGoodIntervalRestartsTheCount() {
        for (int m = 0; m < 8; m++) {
            minute(m, true);
        }
        minute(8, false);
        for (int m = 9; m < 18; m++) {
            assertThat(minute(m, true)).isEqualTo(NONE);
        }
        assertThat(minute(18, true)).isEqualTo(RAISE);
    }

    @Test
    void clearsAfterFiveMinutesBelowAndNotBefore() {
        for (int m = 0; m < 10; m++) {
            minute(m, true);
        }
        for (int m = 10; m < 14; m++) {
            assertThat(minute(m, false)).isEqualTo(NONE);
        }
        assertThat(minute(14, false)).isEqualTo(CLEAR);
        assertThat(s.active).isFalse();
    }

    @Test
    void silenceBreaksContinuity() {
        for (int m = 0; m < 6; m++) {
            minute(m, true);
        }
        // ten minutes without data, then congested again: the count starts over
        for (int m = 16; m < 25; m++) {
            assertThat(minute(m, true)).isEqualTo(NONE);
        }
        assertThat(minute(25, true)).isEqualTo(RAISE);
    }

    @Test
    void holdsWhileTheWeakerConditionIsTrue() {
        Hysteresis wind = new Hysteresis(Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(15));
        HysteresisState w = new HysteresisState();
        assertThat(wind.step(w, true, true, 0, 0)).isEqualTo(RAISE);
        // 14 m/s: below the raise threshold but above the clear threshold: stays active for ever
        for (int m = 1; m <= 30; m++) {
            assertThat(wind.step(w, false, true, m * MIN, m * MIN)).isEqualTo(NONE);
        }
        assertThat(wind.step(w, false, false, 31 * MIN, 31 * MIN)).isEqualTo(NONE);
        assertThat(wind.step(w, false, false, 41 * MIN, 41 * MIN)).isEqualTo(CLEAR);
    }
}
