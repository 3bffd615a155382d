package vn.haiphong.ioc.simulators.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Topics;

class SimulationTest {
    /** A Wednesday morning rush hour in Hai Phong. */
    static final Clock RUSH_HOUR = Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), ZoneOffset.UTC);

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,120}");

    static List<SimMessage> generate(SimulationConfig config, Clock clock, int n) {
        Simulation sim = Simulation.of(config, clock);
        List<SimMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(sim.next());
        }
        return out;
    }

    @Test
    void everyGeneratedMessageDecodesWithTheWireCodec() {
        InboundCodec codec = new InboundCodec(ReferenceData.defaults());
        List<SimMessage> messages = generate(SimulationConfig.defaults(), RUSH_HOUR, 20_000);
        Map<String, Integer> types = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (SimMessage m : messages) {
            Decoded d = codec.decode(m.topic(), m.payload(), m.releaseAt());
            assertThat(d.isOk())
                    .as("%s %s: %s", m.topic(), new String(m.payload()), d)
                    .isTrue();
            InboundEvent e = d.event();
            assertThat(e.topic()).isEqualTo(m.topic());
            assertThat(Topics.parse(m.topic())).isNotNull();
            assertThat(e.eventId()).matches(ID);
            assertThat(ids.add(e.eventId())).as("id %s is unique", e.eventId()).isTrue();
            assertThat(e.getClass()).isEqualTo(m.event().getClass());
            types.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
        assertThat(types)
                .containsKeys(
                        "TrafficFlowObserved",
                        "CrowdFlowObserved",
                        "CameraDetection",
                        "CameraState",
                        "ReportNew",
                        "MetObserved",
                        "CraneTelemetry",
                        "GateTelemetry",
                        "GateEquipmentEvent",
                        "YardTelemetry",
                        "ReeferTelemetry",
                        "TideTelemetry",
                        "AisPosition",
                        "PortAssetState");
    }

    @Test
    void saysGoodbyeWithRetainedOfflineStates() {
        InboundCodec codec = new InboundCodec(ReferenceData.defaults());
        Simulation sim = Simulation.of(SimulationConfig.defaults(), RUSH_HOUR);
        List<SimMessage> farewell = sim.farewell(RUSH_HOUR.millis() + 60_000);
        ReferenceData ref = ReferenceData.defaults();
        int devices = ref.cameras().size()
                + ref.ports().stream().mapToInt(p -> p.assets().size()).sum();
        assertThat(farewell).hasSize(devices).allMatch(SimMessage::retained);
        for (SimMessage m : farewell) {
            Decoded d = codec.decode(m.topic(), m.payload(), RUSH_HOUR.millis() + 60_000);
            assertThat(d.isOk()).as(d.toString()).isTrue();
            assertThat(new String(m.payload())).contains("\"status\":\"offline\"");
        }
    }

    @Test
    void sameSeedGivesTheSameMessages() {
        List<SimMessage> a = generate(SimulationConfig.defaults(), RUSH_HOUR, 5_000);
        List<SimMessage> b = generate(SimulationConfig.defaults(), RUSH_HOUR, 5_000);
        List<SimMessage> c = generate(SimulationConfig.defaults().withSeed(7), RUSH_HOUR, 5_000);
        int differing = 0;
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).topic()).isEqualTo(b.get(i).topic());
            assertThat(new String(a.get(i).payload()))
                    .isEqualTo(new String(b.get(i).payload()));
            assertThat(a.get(i).releaseAt()).isEqualTo(b.get(i).releaseAt());
            if (!new String(a.get(i).payload()).equals(new String(c.get(i).payload()))) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(4_000);
    }

    @Test
    void realisesTheRequestedRate() {
        List<SimMessage> messages = generate(SimulationConfig.defaults(), RUSH_HOUR, 20_000);
        long start = RUSH_HOUR.millis();
        // After the start-up burst of retained states, 200 messages per second of event time.
        List<SimMessage> steady = messages.stream()
                .filter(m -> !m.retained() && m.dueAt() > start)
                .toList();
        double seconds = (steady.get(steady.size() - 1).dueAt() - start) / 1000.0;
        assertThat(steady.size() / seconds).isBetween(190.0, 210.0);
        Map<Feed, Integer> perFeed = new EnumMap<>(Feed.class);
        steady.forEach(m -> perFeed.merge(m.feed(), 1, Integer::sum));
        assertThat(perFeed.keySet()).containsExactlyInAnyOrder(Feed.cam, Feed.report, Feed.port);
    }
}
