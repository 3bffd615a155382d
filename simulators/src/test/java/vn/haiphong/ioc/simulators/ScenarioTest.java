package vn.haiphong.ioc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    private final Scenario storm = Scenario.load("storm-tan-vu");

    @Test
    void theStormPassesWarningThenStopWorkThenEases() {
        assertThat(storm.port()).isEqualTo("tan-vu");
        assertThat(storm.valueAt(Duration.ZERO).getAsDouble()).isEqualTo(11.0);
        assertThat(storm.valueAt(Duration.ofSeconds(30)).getAsDouble()).isGreaterThan(15.0);
        assertThat(storm.valueAt(Duration.ofSeconds(90)).getAsDouble()).isGreaterThan(20.0);
        assertThat(storm.valueAt(Duration.ofMinutes(8)).getAsDouble()).isLessThan(13.0);
        assertThat(storm.valueAt(Duration.ofMinutes(9))).isEmpty();
    }

    @Test
    void interpolatesLinearlyBetweenKeyframes() {
        // halfway between 16.5 at 25 s and 21.5 at 80 s
        assertThat(storm.valueAt(Duration.ofMillis(52_500)).getAsDouble()).isCloseTo(19.0, within(1e-9));
    }

    @Test
    void drivesOnlyTheNamedPortAndAssets() {
        assertThat(storm.drives("tan-vu", "met")).isTrue();
        assertThat(storm.drives("dinh-vu", "met")).isFalse();
        assertThat(storm.drives("tan-vu", "sts")).isFalse();
    }
}
