package vn.haiphong.ioc.simulators.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.CameraEvent;
import vn.haiphong.ioc.core.event.CameraState;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.event.ReportUpdate;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.geo.GeoPoint;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.simulators.gen.SimMessage;
import vn.haiphong.ioc.simulators.gen.Simulation;
import vn.haiphong.ioc.simulators.gen.SimulationConfig;

/**
 * The camera, desk and citizen scenarios: every message decodes with the wire contract's codec (as the job reads it),
 * and what the scenario's cameras and citizens say meets the rules' conditions (rules.json) for as long as they wait.
 */
class CameraScenariosTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final RuleSet RULES = RuleSet.defaults();
    private static final Clock START = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneOffset.UTC);
    private static final long T0 = START.millis();
    private static final long MIN = 60_000;
    private static final InboundCodec CODEC = new InboundCodec(REF);

    /** The decoded camera and report events of {@code minutes} of the simulation with the scenario. */
    private static List<InboundEvent> play(String scenario, int minutes) {
        Simulation sim =
                Simulation.of(SimulationConfig.defaults().withScenario(ScenarioLoader.load(scenario, REF), 1.0), START);
        List<InboundEvent> events = new ArrayList<>();
        while (true) {
            SimMessage m = sim.next();
            if (m.dueAt() - T0 > minutes * MIN) {
                return events;
            }
            if (m.topic().startsWith("hp/v1/port/")) {
                continue;
            }
            Decoded d = CODEC.decode(m.topic(), m.payload(), m.dueAt());
            if (!d.isOk()) {
                throw new AssertionError(m.topic() + ": " + d.reason());
            }
            events.add(d.event());
        }
    }

    private static <T extends CameraEvent> List<T> of(List<InboundEvent> events, Class<T> type, String camera) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(e -> e.cameraId().equals(camera))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"accident-lach-tray", "desk-queue-le-chan", "camera-offline", "flood-fusion-cau-rao"})
    void everyShippedCameraScenarioLoadsAndDescribesItselfInBothLanguages(String name) {
        Scenario s = ScenarioLoader.load(name, REF);
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.description().vi()).isNotBlank();
        assertThat(s.description().en()).isNotBlank();
    }

    @Test
    void accidentLachTrayDetectsOneAccidentRepeatedlyAndCongestsLongEnoughToEscalate() {
        List<InboundEvent> events = play("accident-lach-tray", 50);
        List<CameraDetection> accident = of(events, CameraDetection.class, "tc-010").stream()
                .filter(d -> d.detection().equals("carAccident") && d.confidence() >= 0.9)
                .toList();
        assertThat(accident).hasSize(20);
        assertThat(accident.stream().map(CameraDetection::id).distinct()).hasSize(20);
        assertThat(accident.get(0).dateObserved()).isEqualTo(T0 + 30_000);
        RuleDefinition congestion = RULES.rule("traffic.congestion");
        long raiseAfter = congestion.raiseAfter().toMillis();
        long escalateAfter = congestion.escalateAfter().toMillis();
        for (String camera : List.of("tc-010", "tc-021")) {
            List<TrafficFlowObserved> jammed = of(events, TrafficFlowObserved.class, camera).stream()
                    .filter(t -> t.dateObservedFrom() >= T0 + 2 * MIN && t.dateObservedTo() <= T0 + 44 * MIN)
                    .toList();
            assertThat(jammed).isNotEmpty().allSatisfy(t -> {
                assertThat(t.occupancy()).isGreaterThanOrEqualTo(congestion.param("occupancyAtLeast"));
                assertThat(t.congested()).isNull();
            });
            // Congested from about minute 1 to 45: raised after 10 min, escalated 30 min after that.
            assertThat(44 * MIN - 2 * MIN).isGreaterThan(raiseAfter + escalateAfter);
            assertThat(of(events, TrafficFlowObserved.class, camera).stream()
                            .filter(t -> t.dateObservedFrom() >= T0 + 48 * MIN))
                    .isNotEmpty()
                    .allSatisfy(t -> assertThat(t.occupancy()).isLessThan(congestion.param("occupancyAtLeast")));
        }
    }

    @Test
    void deskQueueLeChanIsOverTheThresholdForLongerThanTheRuleWaits() {
        List<InboundEvent> events = play("desk-queue-le-chan", 35);
        RuleDefinition queue = RULES.rule("desk.queue");
        List<CrowdFlowObserved> over = of(events, CrowdFlowObserved.class, "desk-305").stream()
                .filter(c -> c.dateObservedFrom() >= T0 + 2 * MIN && c.dateObservedTo() <= T0 + 24 * MIN)
                .toList();
        assertThat(over).isNotEmpty().allSatisfy(c -> assertThat(c.queueLength() >= queue.param("queueAtLeast")
                        || c.averageWaitMinutes() >= queue.param("waitAtLeast"))
                .isTrue());
        assertThat(of(events, CrowdFlowObserved.class, "desk-305").stream()
                        .filter(c -> c.dateObservedFrom() >= T0 + 28 * MIN))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.queueLength()).isLessThan((int) queue.param("queueAtLeast")));
    }

    @Test
    void cameraOfflineSilencesTheCameraSaysSoAndBringsItBack() {
        List<InboundEvent> events = play("camera-offline", 12);
        List<TrafficFlowObserved> readings = of(events, TrafficFlowObserved.class, "tc-033");
        assertThat(readings).noneMatch(t -> t.dateObservedTo() >= T0 + MIN && t.dateObservedTo() < T0 + 6 * MIN);
        assertThat(readings).anyMatch(t -> t.dateObservedTo() >= T0 + 6 * MIN);
        assertThat(of(events, CameraState.class, "tc-033"))
                .extracting(CameraState::status, CameraState::dateObserved)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("online", T0),
                        org.assertj.core.groups.Tuple.tuple("offline", T0 + MIN),
                        org.assertj.core.groups.Tuple.tuple("online", T0 + 6 * MIN));
        // Dark for longer than the offline rule's silence.
        assertThat(5 * MIN)
                .isGreaterThan(RULES.rule("camera.offline").raiseAfter().toMillis());
        assertThat(of(events, CrowdFlowObserved.class, "desk-307"))
                .noneMatch(c -> c.dateObservedTo() >= T0 + 2 * MIN && c.dateObservedTo() < T0 + 9 * MIN);
    }

    @Test
    void floodFusionCauRaoHasACameraDetectionAndFiveOrMoreFloodReportsWithin500mAnd30Minutes() {
        List<InboundEvent> events = play("flood-fusion-cau-rao", 30);
        Camera camera = REF.camera("tc-019").orElseThrow();
        assertThat(of(events, CameraDetection.class, "tc-019"))
                .filteredOn(d -> d.detection().equals("flood") && d.confidence() >= 0.7)
                .isNotEmpty();
        List<ReportNew> near = events.stream()
                .filter(e -> e instanceof ReportNew)
                .map(e -> (ReportNew) e)
                .filter(r -> r.serviceCode().equals("flooding"))
                .filter(r -> camera.position().distanceMeters(new GeoPoint(r.lat(), r.lon())) <= 500)
                .filter(r -> r.requestedDatetime() <= T0 + 30 * MIN)
                .toList();
        assertThat(near).hasSizeGreaterThanOrEqualTo(5);
        assertThat(near).allSatisfy(r -> assertThat(camera.position().distanceMeters(new GeoPoint(r.lat(), r.lon())))
                .isLessThanOrEqualTo(300.5));
        Set<String> ids = near.stream().map(ReportNew::serviceRequestId).collect(Collectors.toSet());
        assertThat(events.stream()
                        .filter(e -> e instanceof ReportUpdate u && ids.contains(u.serviceRequestId()))
                        .map(e -> ((ReportUpdate) e).status()))
                .isNotEmpty()
                .allMatch("INVESTIGATING"::equals);
    }

    @Test
    void severalScenariosPlayAtOnce() {
        Scenario both = ScenarioLoader.load("accident-lach-tray,camera-offline", REF);
        assertThat(both.name()).isEqualTo("accident-lach-tray,camera-offline");
        assertThat(both.detections()).hasSize(1);
        assertThat(both.outages()).hasSize(2);
        List<InboundEvent> events = play("accident-lach-tray,camera-offline", 3);
        assertThat(of(events, CameraDetection.class, "tc-010")).isNotEmpty();
        assertThat(of(events, CameraState.class, "tc-033"))
                .extracting(CameraState::status)
                .contains("offline");
    }

    @Test
    void aScenarioNamingAnUnknownCameraOrAFieldItsKindHasNotIsRefused() {
        String unknown = "{\"name\":\"x\",\"description\":{\"vi\":\"x\",\"en\":\"x\"},"
                + "\"outages\":[{\"camera\":\"tc-999\",\"from\":\"PT1M\",\"to\":\"PT2M\"}]}";
        assertThatThrownBy(() -> ScenarioLoader.validate(read(unknown), REF)).hasMessageContaining("unknown camera");
        String wrongField = "{\"name\":\"x\",\"description\":{\"vi\":\"x\",\"en\":\"x\"},\"cameraTracks\":[{"
                + "\"cameras\":[\"desk-305\"],\"field\":\"occupancy\",\"keyframes\":[{\"at\":\"PT0S\",\"value\":1}]}]}";
        assertThatThrownBy(() -> ScenarioLoader.validate(read(wrongField), REF))
                .hasMessageContaining("cannot be driven");
    }

    private static Scenario read(String json) throws Exception {
        return ScenarioLoader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
