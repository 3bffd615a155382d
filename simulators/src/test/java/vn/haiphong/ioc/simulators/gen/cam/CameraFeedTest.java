package vn.haiphong.ioc.simulators.gen.cam;

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
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.simulators.gen.CityTime;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.SimMessage;
import vn.haiphong.ioc.simulators.gen.Simulation;
import vn.haiphong.ioc.simulators.gen.SimulationConfig;

class CameraFeedTest {
    private static final long HOUR = 3_600_000;
    private static final Profile.Traffic TRAFFIC = Profile.defaults().traffic();

    /** The camera feed from a local time on Wednesday 25 November 2026, for some hours at a total rate. */
    private static List<SimMessage> cameras(String localTime, double hours, double rate) {
        Instant start = Instant.parse("2026-11-25T" + localTime + ":00+07:00");
        Simulation sim = Simulation.of(
                SimulationConfig.defaults().withFeeds(EnumSet.of(Feed.cam)).withRate(rate),
                Clock.fixed(start, ZoneOffset.UTC));
        List<SimMessage> out = new ArrayList<>();
        SimMessage m;
        while ((m = sim.next()).dueAt() < start.toEpochMilli() + hours * HOUR) {
            out.add(m);
        }
        return out;
    }

    @Test
    void announcesEveryCameraOnlineFirst() {
        List<SimMessage> messages = cameras("08:00", 0.01, 200);
        int cameras = ReferenceData.defaults().cameras().size();
        assertThat(messages.subList(0, cameras))
                .allMatch(m -> m.retained()
                        && m.event() instanceof CameraState s
                        && s.status().equals("online"));
    }

    @Test
    void motorcyclesDominateAndHotSpotsJamAtRushHour() {
        List<SimMessage> messages = cameras("07:30", 0.5, 200);
        Map<String, Integer> vehicles = new HashMap<>();
        Set<String> congested = new HashSet<>();
        int readings = 0;
        for (SimMessage m : messages) {
            if (m.event() instanceof TrafficFlowObserved t) {
                readings++;
                t.intensity().forEach((k, v) -> vehicles.merge(k, v, Integer::sum));
                assertThat(t.dateObservedFrom()).isLessThan(t.dateObservedTo());
                if (t.congested()) {
                    congested.add(t.cameraId());
                    // Congested means dense and slow: what the congestion rule looks for.
                    assertThat(t.occupancy()).isGreaterThanOrEqualTo(0.6);
                    if (t.averageVehicleSpeed() != null) {
                        assertThat(t.averageVehicleSpeed()).isLessThan(15);
                    }
                } else {
                    assertThat(t.occupancy()).isLessThan(0.55);
                }
            }
        }
        assertThat(readings).isGreaterThan(20_000);
        int total = vehicles.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(vehicles.get("motorcycle") / (double) total).isBetween(0.72, 0.85);
        assertThat(vehicles.keySet()).isEqualTo(TrafficFlowObserved.VEHICLE_TYPES);
        assertThat(congested).containsExactlyInAnyOrderElementsOf(TRAFFIC.hotSpots());
    }

    @Test
    void trafficIsLightAndFreeFlowingAtNight() {
        double vehiclesPerHour = 0;
        int readings = 0;
        for (SimMessage m : cameras("02:30", 0.25, 200)) {
            if (m.event() instanceof TrafficFlowObserved t) {
                assertThat(t.congested()).isFalse();
                vehiclesPerHour += t.totalVehicles() * 3_600_000.0 / (t.dateObservedTo() - t.dateObservedFrom());
                readings++;
            }
        }
        // Under a tenth of the capacity of even the smallest road.
        assertThat(vehiclesPerHour / readings).isLessThan(TRAFFIC.capacityPerHour()[0] / 10);
    }

    @Test
    void detectionsSpreadAroundTheAlertThresholdAndFloodsComeOnlyWithRain() {
        List<SimMessage> messages = cameras("06:00", 18, 1);
        Simulation sim = Simulation.of(
                SimulationConfig.defaults(), Clock.fixed(Instant.parse("2026-11-25T06:00:00+07:00"), ZoneOffset.UTC));
        int below = 0;
        int above = 0;
        Set<String> kinds = new HashSet<>();
        for (SimMessage m : messages) {
            if (m.event() instanceof CameraDetection d) {
                kinds.add(d.detection());
                if (d.confidence() < 0.7) {
                    below++;
                } else {
                    above++;
                }
                if (d.detection().equals("flood")) {
                    assertThat(sim.context().weather().raining(d.dateObserved()))
                            .isTrue();
                }
                assertThat(d.description()).contains(" tại ");
            }
        }
        assertThat(below + above).isBetween(450, 800);
        assertThat(below / (double) (below + above)).isBetween(0.2, 0.5);
        assertThat(kinds).contains("carAccident", "carStopped", "hazardOnRoad", "carWrongDirection", "illegalParking");
    }

    @Test
    void desksQueueInOfficeHoursAndAreEmptyOtherwise() {
        Map<String, Integer> longestQueue = new HashMap<>();
        for (SimMessage m : cameras("07:00", 11, 4)) {
            if (m.event() instanceof CrowdFlowObserved c) {
                double hour = CityTime.hourOfDay(c.dateObservedTo());
                boolean open = (hour >= 7.5 && hour < 11.5) || (hour >= 13.5 && hour < 17);
                if (open) {
                    assertThat(c.countersOpen()).isPositive();
                    longestQueue.merge(c.cameraId(), c.queueLength(), Math::max);
                } else {
                    assertThat(c.peopleCount()).isZero();
                    assertThat(c.queueLength()).isZero();
                    assertThat(c.countersOpen()).isZero();
                }
            }
        }
        assertThat(longestQueue)
                .hasSize(ReferenceData.defaults().cameras(Camera.Kind.desk).size());
        // The busy desks pass the 15-person queue threshold; the others mostly stay under it.
        for (String busy : Profile.defaults().desks().busyDesks()) {
            assertThat(longestQueue.get(busy)).as(busy).isGreaterThanOrEqualTo(15);
        }
        assertThat(longestQueue.values().stream().filter(q -> q >= 15).count()).isLessThanOrEqualTo(6);
    }

    @Test
    void desksAreClosedOnSunday() {
        Instant sunday = Instant.parse("2026-11-29T09:00:00+07:00");
        Simulation sim = Simulation.of(
                SimulationConfig.defaults().withFeeds(EnumSet.of(Feed.cam)), Clock.fixed(sunday, ZoneOffset.UTC));
        for (int i = 0; i < 5_000; i++) {
            if (sim.next().event() instanceof CrowdFlowObserved c) {
                assertThat(c.countersOpen()).isZero();
            }
        }
    }
}
