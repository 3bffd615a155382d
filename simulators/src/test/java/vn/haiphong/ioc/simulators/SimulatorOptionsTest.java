package vn.haiphong.ioc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.config.Settings;
import vn.haiphong.ioc.core.wire.Feed;

class SimulatorOptionsTest {
    @Test
    void defaultsMatchTheDemo() {
        SimulatorOptions o = SimulatorOptions.from(Settings.fromArgs());
        assertThat(o.mqtt()).isEqualTo("tcp://localhost:1883");
        assertThat(o.rate()).isEqualTo(200);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.feeds()).containsExactlyInAnyOrder(Feed.cam, Feed.report, Feed.port);
        assertThat(o.scenario()).isEqualTo("none");
        assertThat(o.scenarioSpeed()).isEqualTo(1.0);
        assertThat(o.duration()).isEmpty();
        assertThat(o.outOfOrder()).isEqualTo(0.05);
        assertThat(o.backlogReports()).isEqualTo(5);
        assertThat(o.clientId()).startsWith("ioc-simulator-");
        // Automatic: decided once the broker tells its in-flight limit.
        assertThat(o.connections()).isZero();
        assertThat(o.maxInflight()).isEqualTo(1000);
        assertThat(o.dryRun()).isFalse();
    }

    @Test
    void readsEveryOption() {
        SimulatorOptions o = SimulatorOptions.from(Settings.fromArgs(
                "--mqtt=tcp://broker:1884",
                "--rate=50000",
                "--seed=7",
                "--feeds=port, cam",
                "--scenario=storm-tan-vu",
                "--scenario-speed=4",
                "--duration=PT10M",
                "--out-of-order=0",
                "--backlog-reports=12",
                "--client-id=sim-a",
                "--connections=3",
                "--max-inflight=500",
                "--dry-run"));
        assertThat(o.mqtt()).isEqualTo("tcp://broker:1884");
        assertThat(o.rate()).isEqualTo(50_000);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.feeds()).containsExactlyInAnyOrder(Feed.cam, Feed.port);
        assertThat(o.scenario()).isEqualTo("storm-tan-vu");
        assertThat(o.scenarioSpeed()).isEqualTo(4.0);
        assertThat(o.duration()).contains(Duration.ofMinutes(10));
        assertThat(o.outOfOrder()).isZero();
        assertThat(o.backlogReports()).isEqualTo(12);
        assertThat(o.clientId()).isEqualTo("sim-a");
        assertThat(o.connections()).isEqualTo(3);
        assertThat(o.maxInflight()).isEqualTo(500);
        assertThat(o.dryRun()).isTrue();
    }

    @Test
    void explainsBadValues() {
        assertThatThrownBy(() -> SimulatorOptions.from(Settings.fromArgs("--feeds=cam,weather")))
                .hasMessageContaining("unknown feed 'weather'");
        assertThatThrownBy(() -> SimulatorOptions.from(Settings.fromArgs("--duration=10m")))
                .hasMessageContaining("ISO-8601 duration");
        assertThatThrownBy(() -> SimulatorOptions.from(Settings.fromArgs("--out-of-order=1.5")))
                .hasMessageContaining("--out-of-order");
        assertThatThrownBy(() -> SimulatorOptions.from(Settings.fromArgs("--rate=0")))
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> SimulatorOptions.from(Settings.fromArgs("--rate=fast")))
                .hasMessageContaining("--rate");
    }
}
