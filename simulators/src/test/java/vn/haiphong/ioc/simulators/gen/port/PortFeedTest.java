package vn.haiphong.ioc.simulators.gen.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.ReeferTelemetry;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.port.Iso6346;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.SimMessage;
import vn.haiphong.ioc.simulators.gen.Simulation;
import vn.haiphong.ioc.simulators.gen.SimulationConfig;

class PortFeedTest {
    private static final long HOUR = 3_600_000;
    private static final Instant START = Instant.parse("2026-11-25T06:00:00+07:00");
    private static final Profile.Ports PROFILE = Profile.defaults().ports();

    /** A day of the port feed at 10 messages a second. */
    private static final List<SimMessage> DAY = day();

    private static List<SimMessage> day() {
        Simulation sim = Simulation.of(
                SimulationConfig.defaults().withFeeds(EnumSet.of(Feed.port)).withRate(10),
                Clock.fixed(START, ZoneOffset.UTC));
        List<SimMessage> out = new ArrayList<>();
        SimMessage m;
        while ((m = sim.next()).dueAt() < START.toEpochMilli() + 24 * HOUR) {
            out.add(m);
        }
        return out;
    }

    @Test
    void gatesReadValidContainerNumbersWithARareMisread() {
        int events = 0;
        int misreads = 0;
        Set<String> codes = new HashSet<>();
        for (SimMessage m : DAY) {
            if (m.event() instanceof GateEquipmentEvent g) {
                events++;
                codes.add(g.equipmentEventTypeCode());
                if (!Iso6346.isValid(g.equipmentReference())) {
                    misreads++;
                }
                assertThat(g.truckPlate()).matches("[0-9]{2}C-[0-9]{3}\\.[0-9]{2}");
                assertThat(g.lane()).matches("(IN|OUT)-[1-3]");
            }
        }
        assertThat(events).isGreaterThan(5_000);
        assertThat(codes).containsExactlyInAnyOrder("GTIN", "GTOT");
        assertThat(misreads / (double) events).isBetween(0.004, 0.02);
    }

    @Test
    void reefersHoldTheirSetpointsUntilARareFault() {
        Set<Double> setpoints = new HashSet<>();
        int readings = 0;
        int outOfRange = 0;
        int powerOff = 0;
        for (SimMessage m : DAY) {
            if (m.event() instanceof ReeferTelemetry r) {
                readings++;
                setpoints.add(r.setpoint());
                assertThat(Iso6346.isValid(r.equipmentReference())).isTrue();
                if (!r.powerOn()) {
                    powerOff++;
                } else if (Math.abs(r.supplyAirTemperature() - r.setpoint()) > 2) {
                    outOfRange++;
                }
            }
        }
        assertThat(setpoints).contains(-18.0, -25.0, 2.0);
        assertThat(PROFILE.reeferSetpoints().keySet().stream().map(Double::parseDouble))
                .containsAll(setpoints);
        assertThat((outOfRange + powerOff) / (double) readings).isBetween(0.0001, 0.02);
        assertThat(powerOff).isPositive();
    }

    @Test
    void vesselsSailAtChannelSpeedsAndBerthEventsFollowTheirCalls() {
        Map<Long, List<BerthEvent>> calls = new HashMap<>();
        Set<Integer> statuses = new HashSet<>();
        for (SimMessage m : DAY) {
            if (m.event() instanceof AisPosition a) {
                assertThat(a.mmsi()).isBetween(100_000_000L, 999_999_999L);
                assertThat(a.speedOverGround()).isLessThanOrEqualTo(16.0);
                statuses.add(a.navigationStatus());
            } else if (m.event() instanceof BerthEvent b) {
                // An estimate is announced minutes ahead, within what the codec accepts as the near future.
                assertThat(b.dateTime() - m.dueAt()).isLessThan(5 * 60_000L);
                assertThat(b.imo()).isBetween(9_000_000L, 9_999_999L);
                calls.computeIfAbsent(b.mmsi(), k -> new ArrayList<>()).add(b);
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(0, 1, 5);
        assertThat(calls).hasSizeGreaterThan(10);
        for (List<BerthEvent> events : calls.values()) {
            for (int i = 1; i < events.size(); i++) {
                BerthEvent before = events.get(i - 1);
                BerthEvent after = events.get(i);
                if (before.classifierCode().equals("EST")) {
                    assertThat(after.portCallServiceEventTypeCode()).isEqualTo(before.portCallServiceEventTypeCode());
                    assertThat(after.classifierCode()).isEqualTo("ACT");
                }
            }
        }
    }

    @Test
    void calmWeatherNeverReachesTheWindWarning() {
        double max = 0;
        for (SimMessage m : DAY) {
            if (m.event() instanceof MetObserved met) {
                max = Math.max(max, met.gustSpeed());
                assertThat(met.gustSpeed()).isGreaterThanOrEqualTo(met.windSpeed());
            }
        }
        assertThat(max).isLessThanOrEqualTo(PROFILE.calmGustMax()).isLessThan(13);
    }

    @Test
    void yardBlocksStayWithinTheirCapacity() {
        Map<String, Integer> capacity = new HashMap<>();
        ReferenceData.defaults().ports().forEach(p -> p.assets().stream()
                .filter(a -> a.type().equals("yard"))
                .forEach(a -> capacity.put(p.id() + "/" + a.id(), a.capacityTeu())));
        for (SimMessage m : DAY) {
            if (m.event() instanceof YardTelemetry y) {
                assertThat(y.capacityTeu()).isEqualTo(capacity.get(y.portId() + "/" + y.assetId()));
                assertThat(y.occupiedTeu()).isBetween(0, y.capacityTeu());
            }
        }
    }

    @Test
    void theTideRisesAndFallsOnceOrTwiceADayAboveChartDatum() {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (long t = START.toEpochMilli(); t < START.toEpochMilli() + 25 * HOUR; t += 60_000) {
            double level = TideSource.level(PROFILE.tide(), t, 0);
            min = Math.min(min, level);
            max = Math.max(max, level);
        }
        assertThat(min).isGreaterThan(-50);
        assertThat(max).isLessThan(450);
        assertThat(max - min).isGreaterThan(100);
    }
}
