package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

class CameraOfflineFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long P0 = 1_000_000L;
    private static final long MIN = 60_000;

    private final Camera traffic =
            ReferenceData.defaults().cameras(Camera.Kind.traffic).get(0);
    private final Camera desk =
            ReferenceData.defaults().cameras(Camera.Kind.desk).get(0);
    private KeyedBroadcastOperatorTestHarness<String, CameraSeen, RuleUpdate, Alert> h;

    @BeforeEach
    void open() throws Exception {
        h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new CameraOfflineFunction(RuleSet.defaults(), null),
                (CameraSeen s) -> s.cameraId,
                Types.STRING,
                LiveRules.STATE);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.setProcessingTime(P0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void seen(Camera c, long t, String status) throws Exception {
        h.processElement(new CameraSeen(c.id(), c.kind().name(), t, status), t);
    }

    @Test
    void raisesInEventTimeTwoMinutesAfterTheLastMessageAndClearsOnTheNext() throws Exception {
        seen(traffic, T0, null);
        seen(traffic, T0 + 30_000, null);
        h.processWatermark(T0 + 2 * MIN + 29_000);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(T0 + 2 * MIN + 30_000);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("camera.offline");
            assertThat(a.domain()).isEqualTo("traffic");
            assertThat(a.severity()).isEqualTo(Severity.medium);
            assertThat(a.raisedAt()).isEqualTo(T0 + 2 * MIN + 30_000);
            assertThat(a.title().en()).startsWith("Camera offline: ");
            assertThat(a.evidence()).containsEntry("reason", "silent");
        });
        seen(traffic, T0 + 5 * MIN, null);
        List<Alert> out = h.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).status()).isEqualTo(AlertStatus.cleared);
    }

    @Test
    void raisesInProcessingTimeWhenTheWholeFeedIsSilent() throws Exception {
        seen(traffic, T0, null);
        h.setProcessingTime(P0 + 2 * MIN - 1);
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(P0 + 2 * MIN);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.raisedAt()).isEqualTo(T0 + 2 * MIN); // the same id as in event time
        });
        // and the event-time timer that fires later does not raise it again
        h.processWatermark(T0 + 10 * MIN);
        assertThat(h.extractOutputValues()).hasSize(1);
    }

    @Test
    void anExplicitOfflineStateRaisesAtOnceAndOnlineClears() throws Exception {
        seen(desk, T0, null);
        seen(desk, T0 + 10_000, CameraSeen.OFFLINE);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.domain()).isEqualTo("desk");
            assertThat(a.topic()).isEqualTo("ioc/v1/alert/desk/" + desk.area());
            assertThat(a.raisedAt()).isEqualTo(T0 + 10_000);
            assertThat(a.evidence()).containsEntry("reason", "offline");
        });
        h.processWatermark(T0 + 5 * MIN); // silent too: still one alert
        assertThat(h.extractOutputValues()).hasSize(1);
        seen(desk, T0 + 6 * MIN, CameraSeen.ONLINE);
        assertThat(h.extractOutputValues()).hasSize(2).last().satisfies(a -> assertThat(a.status())
                .isEqualTo(AlertStatus.cleared));
    }

    @Test
    void degradedIsLowUntilOnlineAndRisesWhenTheCameraGoesDark() throws Exception {
        seen(traffic, T0, CameraSeen.DEGRADED);
        seen(traffic, T0 + 30_000, null); // a degraded camera still sends: the alert stays
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.severity())
                .isEqualTo(Severity.low));
        seen(traffic, T0 + MIN, CameraSeen.OFFLINE);
        List<Alert> out = h.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).alertId()).isEqualTo(out.get(0).alertId());
        assertThat(out.get(1).severity()).isEqualTo(Severity.medium);
        seen(traffic, T0 + 2 * MIN, CameraSeen.ONLINE);
        assertThat(h.extractOutputValues()).hasSize(3).last().satisfies(a -> assertThat(a.status())
                .isEqualTo(AlertStatus.cleared));
    }

    @Test
    void aLateMessageIsCountedAndStillShowsTheCameraIsAlive() throws Exception {
        seen(traffic, T0, null);
        h.processWatermark(T0 + 3 * MIN);
        assertThat(h.extractOutputValues()).hasSize(1);
        seen(traffic, T0 + MIN, null);
        assertThat(h.extractOutputValues()).hasSize(2);
        assertThat(h.getSideOutput(LiveRuleFunction.LATE)).hasSize(1);
    }

    @Test
    void aShorterSilenceBroadcastWhileRunningAppliesToTheNextDeadline() throws Exception {
        RuleSet rules = RuleSet.defaults();
        var d = rules.rule(CameraOfflineFunction.ID);
        var changed = new vn.haiphong.ioc.core.rules.RuleDefinition(
                d.domain(),
                d.category(),
                d.subCategory(),
                d.severity(),
                d.severityBy(),
                d.params(),
                java.time.Duration.ofMinutes(1),
                d.clearAfter(),
                d.title(),
                d.description(),
                d.assetTypes(),
                d.escalateAfter());
        var all = new java.util.HashMap<>(rules.rules());
        all.put(CameraOfflineFunction.ID, changed);
        h.processBroadcastElement(TestRules.update(2, new RuleSet(all, rules.labels())), 0);
        seen(traffic, T0, null);
        h.processWatermark(T0 + MIN);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.raisedAt())
                .isEqualTo(T0 + MIN));
    }
}
