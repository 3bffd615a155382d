package vn.haiphong.ioc.simulators.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.simulators.gen.SimMessage;
import vn.haiphong.ioc.simulators.gen.Simulation;
import vn.haiphong.ioc.simulators.gen.SimulationConfig;

class ScenarioTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final Clock START = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneOffset.UTC);
    private static final long T0 = START.millis();

    private final Scenario storm = ScenarioLoader.load("storm-tan-vu", REF);

    private double gustAt(ScenarioPlayer player, String port, String type, double seconds) {
        return player.value(port, type, "met-1", "gustSpeed", T0 + (long) (seconds * 1000))
                .orElse(Double.NaN);
    }

    @Test
    void theStormInterpolatesLinearlyBetweenItsKeyframes() {
        ScenarioPlayer player = new ScenarioPlayer(storm, T0, 1.0);
        assertThat(gustAt(player, "tan-vu", "met", 0)).isEqualTo(10.0);
        assertThat(gustAt(player, "tan-vu", "met", 25)).isEqualTo(15.8);
        // Halfway between 15.8 at 25 s and 21.0 at 80 s.
        assertThat(gustAt(player, "tan-vu", "met", 52.5)).isCloseTo(18.4, within(1e-9));
        assertThat(gustAt(player, "tan-vu", "met", 30)).isGreaterThan(15);
        assertThat(gustAt(player, "tan-vu", "met", 90)).isGreaterThan(20);
        for (int s = 90; s <= 300; s += 10) {
            assertThat(gustAt(player, "tan-vu", "met", s)).as("gust at %d s", s).isGreaterThan(20);
        }
        assertThat(gustAt(player, "tan-vu", "met", 480)).isLessThan(13);
        // After its last keyframe the scenario lets go and the generator's own weather returns.
        assertThat(player.value("tan-vu", "met", "met-1", "gustSpeed", T0 + 541_000))
                .isEmpty();
    }

    @Test
    void theScenarioSpeedScalesItsTimes() {
        ScenarioPlayer twice = new ScenarioPlayer(storm, T0, 2.0);
        assertThat(gustAt(twice, "tan-vu", "met", 12.5)).isEqualTo(15.8);
        assertThat(gustAt(twice, "tan-vu", "met", 45)).isGreaterThan(20);
        assertThat(twice.value("tan-vu", "met", "met-1", "gustSpeed", T0 + 271_000))
                .isEmpty();
    }

    @Test
    void drivesTanVuWeatherAndCraneAnemometersOnly() {
        ScenarioPlayer player = new ScenarioPlayer(storm, T0, 1.0);
        long t = T0 + 120_000;
        assertThat(player.value("tan-vu", "sts", "sts-01", "gustSpeed", t)).isPresent();
        assertThat(player.value("tan-vu", "rtg", "rtg-07", "gustSpeed", t)).isPresent();
        assertThat(player.value("dinh-vu", "met", "met-1", "gustSpeed", t)).isEmpty();
        assertThat(player.value("tan-vu", "gate", "gate-1", "gustSpeed", t)).isEmpty();
        assertThat(player.value("tan-vu", "met", "met-1", "windSpeed", t)).isPresent();
        assertThat(player.value("tan-vu", "sts", "sts-01", "windSpeed", t)).isEmpty();
        double jittered = player.drive("tan-vu", "met", "met-1", "gustSpeed", t, 5.0, new SplittableRandom(3));
        assertThat(jittered)
                .isCloseTo(
                        player.value("tan-vu", "met", "met-1", "gustSpeed", t).getAsDouble(), within(0.3));
        assertThat(player.drive("dinh-vu", "met", "met-1", "gustSpeed", t, 5.0, new SplittableRandom(3)))
                .isEqualTo(5.0);
    }

    @Test
    void theGeneratedFeedRaisesWarningThenStopWorkAtTanVuWhileOtherPortsStayCalm() {
        Simulation sim = Simulation.of(SimulationConfig.defaults().withScenario(storm, 1.0), START);
        double firstWarning = Double.NaN;
        double firstStop = Double.NaN;
        double lastAbove13 = 0;
        double calmMax = 0;
        List<String> stoppedCranes = new ArrayList<>();
        while (true) {
            SimMessage m = sim.next();
            double s = (m.dueAt() - T0) / 1000.0;
            if (s > 600) {
                break;
            }
            if (m.event() instanceof MetObserved met) {
                if (met.portId().equals("tan-vu")) {
                    if (met.gustSpeed() >= 15 && Double.isNaN(firstWarning)) {
                        firstWarning = s;
                    }
                    if (met.gustSpeed() >= 20 && Double.isNaN(firstStop)) {
                        firstStop = s;
                    }
                    if (met.gustSpeed() >= 13) {
                        lastAbove13 = s;
                    }
                } else {
                    calmMax = Math.max(calmMax, met.gustSpeed());
                }
            } else if (m.event() instanceof CraneTelemetry c) {
                if (c.portId().equals("tan-vu") && c.state().equals("stopped") && s > 100 && s < 280) {
                    stoppedCranes.add(c.assetId());
                } else if (!c.portId().equals("tan-vu")) {
                    assertThat(c.state()).isNotEqualTo("stopped");
                    calmMax = Math.max(calmMax, c.gustSpeed());
                }
            }
        }
        assertThat(firstWarning).isBetween(15.0, 30.0);
        assertThat(firstStop).isBetween(50.0, 90.0);
        assertThat(lastAbove13).isLessThan(480);
        assertThat(calmMax).isLessThan(15);
        assertThat(stoppedCranes).hasSizeGreaterThan(100);
    }

    @Test
    void refusesScenariosThatNameWhatDoesNotExist() throws IOException {
        assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario", REF))
                .hasMessageContaining("no scenario 'no-such-scenario'");
        assertThatThrownBy(() -> ScenarioLoader.validate(read("""
                {"name": "x", "tracks": [{"target": {"port": "hai-phong", "assetTypes": ["met"]},
                  "field": "gustSpeed", "keyframes": [{"at": "PT0S", "value": 1}]}]}"""), REF))
                .hasMessageContaining("unknown port 'hai-phong'");
        assertThatThrownBy(() -> ScenarioLoader.validate(read("""
                {"name": "x", "tracks": [{"target": {"port": "tan-vu", "assetTypes": ["yard"]},
                  "field": "gustSpeed", "keyframes": [{"at": "PT0S", "value": 1}]}]}"""), REF)).hasMessageContaining("cannot be driven");
        assertThatThrownBy(() -> ScenarioLoader.validate(read("""
                {"name": "x", "tracks": [{"target": {"port": "tan-vu", "assetTypes": ["met"]},
                  "field": "gustSpeed", "keyframes": [{"at": "PT10S", "value": 1}, {"at": "PT5S", "value": 2}]}]}"""), REF)).hasMessageContaining("not in time order");
        assertThatThrownBy(() -> read("{\"name\": \"x\", \"trakcs\": []}")).isInstanceOf(IOException.class);
    }

    @Test
    void everyShippedScenarioLoads() {
        assertThat(ScenarioLoader.load("gate-jam-dinh-vu", REF).tracks()).hasSize(2);
        assertThat(ScenarioLoader.load("none", REF)).isSameAs(Scenario.NONE);
    }

    private static Scenario read(String json) throws IOException {
        return ScenarioLoader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
