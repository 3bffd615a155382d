package vn.haiphong.ioc.simulators.gen.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.geo.Area;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.simulators.gen.SimMessage;
import vn.haiphong.ioc.simulators.gen.Simulation;
import vn.haiphong.ioc.simulators.gen.SimulationConfig;

class ReportFeedTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final Clock START = Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), ZoneOffset.UTC);
    private static final long HOUR = 3_600_000;
    private static final Set<String> OPEN311_FIELDS = Set.of(
            "service_request_id",
            "service_code",
            "description",
            "lat",
            "long",
            "address_string",
            "media_url",
            "requested_datetime",
            "account_id",
            "device_id");
    private static final Pattern PHONE = Pattern.compile("(\\+84|\\b0)[1-9][0-9 .]{7,12}");

    /** Two days of the report feed at its natural pace (3 a minute) with 5 backlog reports. */
    private static List<SimMessage> twoDays() {
        SimulationConfig config = SimulationConfig.defaults()
                .withFeeds(EnumSet.of(Feed.report))
                .withRate(0.05)
                .withBacklogReports(5);
        Simulation sim = Simulation.of(config, START);
        List<SimMessage> out = new ArrayList<>();
        SimMessage m;
        while ((m = sim.next()).dueAt() < START.millis() + 48 * HOUR) {
            out.add(m);
        }
        return out;
    }

    private static final List<SimMessage> MESSAGES = twoDays();

    @Test
    void reportsComeFromLandInsideADistrictOfTheCity() {
        Places places = new Places(REF);
        int n = 0;
        Map<String, Integer> perArea = new HashMap<>();
        for (SimMessage m : MESSAGES) {
            if (m.event() instanceof ReportNew r) {
                assertThat(REF.areas().withinCity(r.lat(), r.lon())).isTrue();
                Area area = REF.areas().locate(r.lat(), r.lon()).orElseThrow();
                assertThat(places.fits(area.code(), r.lat(), r.lon()))
                        .as(
                                "%s at %s, %s is inside %s and on land",
                                r.serviceRequestId(), r.lat(), r.lon(), area.name())
                        .isTrue();
                assertThat(r.addressString()).endsWith(area.name() + ", Hải Phòng");
                perArea.merge(area.code(), 1, Integer::sum);
                n++;
            }
        }
        assertThat(n).isBetween(8_000, 9_400);
        // The urban districts, where most people live, send the most reports.
        assertThat(perArea.get("304")).isGreaterThan(perArea.getOrDefault("315", 0) * 3);
    }

    @Test
    void reportPayloadsCarryNoPersonalData() throws IOException {
        for (SimMessage m : MESSAGES) {
            if (m.event() instanceof ReportNew) {
                JsonNode json = Json.mapper().readTree(m.payload());
                Iterator<String> names = json.fieldNames();
                while (names.hasNext()) {
                    assertThat(names.next()).isIn(OPEN311_FIELDS);
                }
                assertThat(json.path("account_id").asText()).matches("acc-[0-9a-f]{16}");
                assertThat(json.path("device_id").asText()).matches("dev-[0-9a-f]{16}");
                // The free text is where a phone number or an e-mail address would slip in.
                for (String field : List.of("description", "address_string")) {
                    assertThat(json.path(field).asText()).doesNotContain("@").doesNotContainPattern(PHONE);
                }
            }
        }
    }

    @Test
    void startsWithABacklogOfOverdueUnacknowledgedReports() {
        List<ReportNew> backlog =
                MESSAGES.subList(0, 5).stream().map(m -> (ReportNew) m.event()).toList();
        for (ReportNew r : backlog) {
            long age = START.millis() - r.requestedDatetime();
            assertThat(age).isBetween(3 * HOUR, 12 * HOUR);
            Duration ack = REF.service(r.serviceCode()).orElseThrow().acknowledgeWithin();
            assertThat(ack.toMillis()).isLessThan(age);
            assertThat(MESSAGES)
                    .noneMatch(m -> m.event() instanceof ReportUpdate u
                            && u.serviceRequestId().equals(r.serviceRequestId()));
        }
        assertThat(MESSAGES.get(5).event()).isNotIn(backlog);
    }

    @Test
    void mostReportsAreAcknowledgedWithinTheirDeadlineAndResolvedAFewNever() {
        Map<String, ReportNew> reports = new HashMap<>();
        Map<String, List<ReportUpdate>> updates = new HashMap<>();
        for (SimMessage m : MESSAGES) {
            if (m.event() instanceof ReportNew r) {
                reports.put(r.serviceRequestId(), r);
            } else if (m.event() instanceof ReportUpdate u) {
                assertThat(reports).containsKey(u.serviceRequestId());
                assertThat(u.updatedDatetime()).isEqualTo(m.dueAt());
                updates.computeIfAbsent(u.serviceRequestId(), k -> new ArrayList<>())
                        .add(u);
            }
        }
        int considered = 0;
        int neverAcknowledged = 0;
        for (ReportNew r : reports.values()) {
            // Old enough that its acknowledgement, if any, falls inside the two days.
            if (r.requestedDatetime() < START.millis() || r.requestedDatetime() > START.millis() + 20 * HOUR) {
                continue;
            }
            considered++;
            List<ReportUpdate> list = updates.get(r.serviceRequestId());
            if (list == null) {
                neverAcknowledged++;
                continue;
            }
            ReportUpdate first = list.get(0);
            assertThat(first.acknowledges()).isTrue();
            assertThat(first.closes()).isFalse();
            Duration ack = REF.service(r.serviceCode()).orElseThrow().acknowledgeWithin();
            assertThat(first.updatedDatetime() - r.requestedDatetime()).isLessThanOrEqualTo(ack.toMillis());
            assertThat(first.agencyResponsible()).isNotBlank();
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i).updatedDatetime())
                        .isGreaterThan(list.get(i - 1).updatedDatetime());
            }
        }
        assertThat(neverAcknowledged / (double) considered).isBetween(0.07, 0.13);
        long closed = updates.values().stream()
                .filter(l -> l.stream().anyMatch(ReportUpdate::closes))
                .count();
        assertThat(closed).isGreaterThan(considered / 2);
    }

    @Test
    void roadNamesReadAsVietnameseAddresses() {
        assertThat(ReportSource.roadPhrase("Lạch Tray")).isEqualTo("đường Lạch Tray");
        assertThat(ReportSource.roadPhrase("Quốc lộ 5")).isEqualTo("Quốc lộ 5");
        assertThat(ReportSource.roadPhrase("Cầu Bính")).isEqualTo("Cầu Bính");
    }
}
