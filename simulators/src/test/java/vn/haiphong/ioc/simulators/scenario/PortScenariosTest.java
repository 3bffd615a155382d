package vn.haiphong.ioc.simulators.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.CraneTelemetry;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.TideTelemetry;
import vn.haiphong.ioc.core.port.Iso6346;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.simulators.gen.SimMessage;
import vn.haiphong.ioc.simulators.gen.Simulation;
import vn.haiphong.ioc.simulators.gen.SimulationConfig;

/**
 * The port scenarios: every message they make decodes with the wire contract's codec (as the job reads it), and what
 * it says meets its rule's condition for as long as the rule (rules.json) waits.
 */
class PortScenariosTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final RuleSet RULES = RuleSet.defaults();
    private static final Clock START = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneOffset.UTC);
    private static final long T0 = START.millis();
    private static final long MIN = 60_000;
    private static final InboundCodec CODEC = new InboundCodec(REF);

    /** The decoded events of {@code minutes} of the simulation with the scenario, as the job would read them. */
    private static List<InboundEvent> play(String scenario, int minutes) {
        Simulation sim =
                Simulation.of(SimulationConfig.defaults().withScenario(ScenarioLoader.load(scenario, REF), 1.0), START);
        List<InboundEvent> events = new ArrayList<>();
        while (true) {
            SimMessage m = sim.next();
            if (m.dueAt() - T0 > minutes * MIN) {
                return events;
            }
            if (!m.topic().startsWith("hp/v1/port/")) {
                continue;
            }
            Decoded d = CODEC.decode(m.topic(), m.payload(), m.dueAt());
            if (!d.isOk()) {
                throw new AssertionError(m.topic() + ": " + d.reason());
            }
            events.add(d.event());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "storm-tan-vu",
                "typhoon-lach-huyen",
                "gate-jam-dinh-vu",
                "reefer-power-tan-vu",
                "vessel-arrival-tan-vu",
                "misread-container-hoang-dieu"
            })
    void everyShippedPortScenarioLoadsAndDescribesItselfInBothLanguages(String name) {
        Scenario s = ScenarioLoader.load(name, REF);
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.description().vi())
                .isNotBlank()
                .isNotEqualTo(s.description().en());
    }

    @Test
    void theRackLosingPowerKeepsBoxesOffLongerThanThePowerOffRuleWaits() {
        long wait = RULES.rule("port.reefer.power-off").raiseAfter().toMillis();
        Map<String, Long> firstOff = new HashMap<>();
        Map<String, Long> lastOff = new HashMap<>();
        for (InboundEvent e : play("reefer-power-tan-vu", 26)) {
            if (e instanceof ReeferTelemetry r
                    && r.portId().equals("tan-vu")
                    && r.assetId().equals("reefer-r1")) {
                if (!r.powerOn()) {
                    firstOff.putIfAbsent(r.equipmentReference(), r.dateObserved());
                    lastOff.put(r.equipmentReference(), r.dateObserved());
                    // An unpowered box warms up, but never past the ambient air.
                    assertThat(r.supplyAirTemperature()).isLessThanOrEqualTo(28.0);
                } else if (firstOff.containsKey(r.equipmentReference())) {
                    assertThat(r.dateObserved()).as("power back too early").isGreaterThan(T0 + 25 * MIN);
                }
            }
        }
        assertThat(firstOff).isNotEmpty();
        // Boxes read off at least twice, ten minutes apart or more: the rule fires on the timer in any case.
        assertThat(firstOff.keySet()).anySatisfy(box -> assertThat(lastOff.get(box) - firstOff.get(box))
                .isGreaterThanOrEqualTo(wait));
    }

    @Test
    void theVesselSailsIntoTanVuAndBerthsMoored() {
        Port tanVu = REF.port("tan-vu").orElseThrow();
        List<AisPosition> track = new ArrayList<>();
        List<BerthEvent> berth = new ArrayList<>();
        for (InboundEvent e : play("vessel-arrival-tan-vu", 41)) {
            if (e instanceof AisPosition a && a.mmsi() == 574901234L) {
                track.add(a);
            } else if (e instanceof BerthEvent b && b.mmsi() != null && b.mmsi() == 574901234L) {
                berth.add(b);
            }
        }
        assertThat(track.get(0).speedOverGround()).isBetween(8.0, 12.0);
        assertThat(distance(tanVu, track.get(0))).isGreaterThan(tanVu.vesselAreaMeters());
        AisPosition last = track.get(track.size() - 1);
        assertThat(distance(tanVu, last)).isLessThan(tanVu.radiusMeters());
        assertThat(last.navigationStatus()).isEqualTo(5);
        assertThat(last.courseOverGround()).isNull(); // moored: no course
        assertThat(berth).extracting(BerthEvent::classifierCode).containsExactly("EST", "ACT");
        assertThat(berth.get(1).dateTime()).isEqualTo(T0 + 20 * MIN);
        assertThat(berth.get(1).vesselName()).isEqualTo("Cat Ba Trader");
    }

    private static double distance(Port port, AisPosition a) {
        return port.position().distanceMeters(new vn.haiphong.ioc.core.geo.GeoPoint(a.latitude(), a.longitude()));
    }

    @Test
    void theMisreadNumbersFailTheirCheckDigitAndStillDecode() {
        List<String> invalid = new ArrayList<>();
        for (InboundEvent e : play("misread-container-hoang-dieu", 3)) {
            if (e instanceof GateEquipmentEvent g
                    && g.portId().equals("hoang-dieu")
                    && !Iso6346.isValid(g.equipmentReference())) {
                invalid.add(g.equipmentReference());
            }
        }
        assertThat(invalid).contains("CSQU3054384", "MWCU6059774");
    }

    @Test
    void theTyphoonPassesStopWorkAndRaisesTheWaterAboveLachHuyensThreshold() {
        double maxGust = 0;
        double maxWater = 0;
        long aboveStop = 0;
        double highWater = REF.port("lach-huyen").orElseThrow().highWaterCm();
        for (InboundEvent e : play("typhoon-lach-huyen", 20)) {
            if (e instanceof MetObserved m && m.portId().equals("lach-huyen")) {
                maxGust = Math.max(maxGust, m.gustSpeed());
                if (m.gustSpeed() >= RULES.rule("port.wind.stop-work").param("gustAtLeast")) {
                    aboveStop++;
                }
            } else if (e instanceof CraneTelemetry c
                    && c.portId().equals("lach-huyen")
                    && c.dateObserved() > T0 + 19 * MIN) {
                assertThat(c.gustSpeed()).isLessThan(13.0);
            } else if (e instanceof TideTelemetry t && t.portId().equals("lach-huyen")) {
                maxWater = Math.max(maxWater, t.waterLevel());
            }
        }
        assertThat(maxGust).isGreaterThan(25);
        assertThat(aboveStop).isGreaterThan(10);
        assertThat(maxWater).isGreaterThan(highWater);
    }
}
