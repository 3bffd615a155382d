package vn.haiphong.ioc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.MetObserved;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.port.Iso6346;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;

class FeedGeneratorTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    /** 17:30 in Hai Phong on a Wednesday: evening rush hour. */
    private static final long T0 = Instant.parse("2026-11-25T10:30:00Z").toEpochMilli();

    private static List<InboundEvent> generate(long seed, int count, Scenario scenario) {
        FeedGenerator g = new FeedGenerator(REF, seed, EnumSet.allOf(FeedGenerator.FeedSet.class), scenario, T0);
        List<InboundEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(g.next(T0 + i * 20L)); // 50 messages a second
        }
        return out;
    }

    @Test
    void everyMessageOfEveryFeedDecodesWithTheContractsCodec() {
        InboundCodec codec = new InboundCodec(REF);
        List<InboundEvent> events = generate(42, 20_000, null);
        Map<Class<?>, Integer> kinds = new HashMap<>();
        Set<String> ids = new HashSet<>();
        long last = T0 + 20_000L * 20;
        for (InboundEvent e : events) {
            Decoded d = codec.decode(e.topic(), codec.encode(e), last);
            assertThat(d.isOk()).as("%s -> %s", e, d).isTrue();
            assertThat(ids.add(e.eventId())).as("unique id %s", e.eventId()).isTrue();
            kinds.merge(e.getClass(), 1, Integer::sum);
        }
        assertThat(kinds.keySet())
                .contains(
                        TrafficFlowObserved.class,
                        CameraDetection.class,
                        MetObserved.class,
                        ReportNew.class,
                        ReportUpdate.class,
                        GateEquipmentEvent.class);
    }

    @Test
    void theSameSeedGivesTheSameMessages() {
        InboundCodec codec = new InboundCodec(REF);
        List<String> a = generate(7, 2_000, null).stream()
                .map(e -> e.topic() + new String(codec.encode(e), StandardCharsets.UTF_8))
                .toList();
        List<String> b = generate(7, 2_000, null).stream()
                .map(e -> e.topic() + new String(codec.encode(e), StandardCharsets.UTF_8))
                .toList();
        assertThat(a).isEqualTo(b);
        assertThat(generate(8, 50, null)).isNotEqualTo(generate(7, 50, null));
    }

    @Test
    void reportsArePlacedInTheCityWithoutPersonalData() {
        InboundCodec codec = new InboundCodec(REF);
        List<ReportNew> reports = generate(3, 60_000, null).stream()
                .filter(e -> e instanceof ReportNew)
                .map(e -> (ReportNew) e)
                .toList();
        assertThat(reports).hasSizeGreaterThan(20);
        for (ReportNew r : reports) {
            assertThat(REF.areas().locate(r.lat(), r.lon())).isPresent();
            String json = new String(codec.encode(r), StandardCharsets.UTF_8);
            assertThat(json).doesNotContain("name", "phone", "email");
        }
    }

    @Test
    void containerNumbersPassIso6346ExceptTheOccasionalMisread() {
        List<String> numbers = generate(5, 60_000, null).stream()
                .filter(e -> e instanceof GateEquipmentEvent)
                .map(e -> ((GateEquipmentEvent) e).equipmentReference())
                .toList();
        assertThat(numbers).hasSizeGreaterThan(100);
        long valid = numbers.stream().filter(Iso6346::isValid).count();
        assertThat(valid).isGreaterThan(numbers.size() * 9 / 10).isLessThan(numbers.size());
    }

    @Test
    void theStormDrivesTanVuGustsPastStopWorkWhileOtherPortsStayCalm() {
        Scenario storm = Scenario.load("storm-tan-vu");
        FeedGenerator g = new FeedGenerator(REF, 1, EnumSet.of(FeedGenerator.FeedSet.port), storm, T0);
        double tanVuAt2Min = 0;
        double elsewhere = 0;
        for (int i = 0; i < 20_000; i++) {
            long t = T0 + Duration.ofMinutes(2).toMillis() + i * 5L;
            if (g.next(t) instanceof MetObserved m && m.gustSpeed() != null) {
                if (m.portId().equals("tan-vu")) {
                    tanVuAt2Min = Math.max(tanVuAt2Min, m.gustSpeed());
                } else {
                    elsewhere = Math.max(elsewhere, m.gustSpeed());
                }
            }
        }
        assertThat(tanVuAt2Min).isGreaterThanOrEqualTo(20.0);
        assertThat(elsewhere).isLessThan(15.0);
    }

    @Test
    void backlogReportsAreHoursOld() {
        FeedGenerator g = new FeedGenerator(REF, 1, EnumSet.of(FeedGenerator.FeedSet.report), null, T0);
        assertThat(g.backlogReports(5, T0)).hasSize(5).allSatisfy(e -> assertThat(T0 - e.eventTime())
                .isGreaterThanOrEqualTo(Duration.ofHours(3).toMillis()));
    }
}
