package vn.haiphong.ioc.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.haiphong.ioc.core.event.CameraDetection;
import vn.haiphong.ioc.core.event.TrafficFlowObserved;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.InboundCodec;

class LoadMixTest {
    private static final ReferenceData REF = ReferenceData.defaults();
    private static final InboundCodec CODEC = new InboundCodec(REF);

    @Test
    void everyCopyOfATemplateIsAcceptedWithItsOwnIdAndTheCurrentTime() {
        LoadMix mix = new LoadMix(REF, RuleSet.defaults(), LoadMix.parseShares("cam:0.8,port:0.19,report:0.01"), 0);
        Template.Clock clock = new Template.Clock();
        SplittableRandom random = new SplittableRandom(7);
        Map<Feed, Integer> seen = new EnumMap<>(Feed.class);
        for (int i = 0; i < 2_000; i++) {
            Template t = mix.next(random);
            clock.tick();
            Decoded d = CODEC.decode(t.topic(), t.fill("copy-" + i, clock), clock.millis());
            assertThat(d.isOk())
                    .as(t.topic() + ": " + (d.isOk() ? "" : d.reason()))
                    .isTrue();
            assertThat(d.event().eventId()).isEqualTo("copy-" + i);
            assertThat(d.event().eventTime()).isEqualTo(clock.millis());
            seen.merge(t.feed(), 1, Integer::sum);
        }
        assertThat(seen.get(Feed.cam)).isBetween(1_500, 1_700);
        assertThat(seen.get(Feed.port)).isBetween(300, 460);
        assertThat(seen.keySet()).contains(Feed.report);
    }

    @Test
    void aTrafficReadingCoversTheMinuteBeforeNow() {
        LoadMix mix = new LoadMix(REF, RuleSet.defaults(), Map.of(Feed.cam, 1.0), 0);
        Template.Clock clock = new Template.Clock();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            Template t = mix.next(random);
            clock.tick();
            if (CODEC.decode(t.topic(), t.fill("x-" + i, clock), clock.millis()).event()
                    instanceof TrafficFlowObserved tf) {
                assertThat(tf.dateObservedTo()).isEqualTo(clock.millis());
                assertThat(tf.dateObservedFrom()).isEqualTo(clock.millis() - 60_000);
                return;
            }
        }
        throw new AssertionError("no traffic reading in 200 draws");
    }

    @Test
    void probesAreConfidentIncidentDetectionsOfEveryCameraAndKind() {
        LoadMix mix = new LoadMix(REF, RuleSet.defaults(), Map.of(Feed.cam, 1.0), 0);
        int kinds = RuleSet.defaults().rule("traffic.incident").severityBy().size();
        assertThat(mix.probes())
                .hasSize(REF.cameras(vn.haiphong.ioc.core.ref.Camera.Kind.traffic)
                                .size()
                        * kinds);
        Template.Clock clock = new Template.Clock();
        clock.tick();
        LoadMix.Probe probe = mix.probes().get(0);
        CameraDetection d = (CameraDetection)
                CODEC.decode(probe.template().topic(), probe.template().fill("probe-1", clock), clock.millis())
                        .event();
        assertThat(d.detection()).isEqualTo(probe.kind());
        assertThat(d.confidence()).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void theSizeOptionPadsTheFreeText() {
        LoadMix mix = new LoadMix(REF, RuleSet.defaults(), Map.of(Feed.report, 1.0), 2_000);
        Template.Clock clock = new Template.Clock();
        clock.tick();
        byte[] payload = mix.next(new SplittableRandom(3)).fill("r-1", clock);
        assertThat(payload.length).isBetween(2_000, 4_500);
    }

    @Test
    void aBadMixIsRefusedWithItsReason() {
        assertThatThrownBy(() -> LoadMix.parseShares("cam=0.5")).hasMessageContaining("'cam=0.5' is not feed:share");
        assertThatThrownBy(() -> LoadMix.parseShares("bus:1")).hasMessageContaining("unknown feed 'bus'");
        assertThatThrownBy(() -> new LoadMix(REF, RuleSet.defaults(), Map.of(Feed.cam, 0.0), 0))
                .hasMessageContaining("at least one feed");
    }

    @Test
    void theBenchmarkRulesClearIncidentsAfterASecondAndAreOtherwiseTheShippedOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.json");
        LoadDriver.writeRules(file);
        RuleSet rules = RuleSet.load(Optional.of(file));
        assertThat(rules.rule("traffic.incident").clearAfter()).isEqualTo(LoadDriver.BENCH_CLEAR_AFTER);
        assertThat(rules.rule("traffic.congestion"))
                .isEqualTo(RuleSet.defaults().rule("traffic.congestion"));
        assertThat(Files.size(file)).isPositive();
    }
}
