package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;

class DeskQueueRuleTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long MIN = 60_000;
    private static final RuleSet RULES = RuleSet.defaults();

    private final Camera desk =
            ReferenceData.defaults().cameras(Camera.Kind.desk).get(0);
    private KeyedBroadcastOperatorTestHarness<String, CrowdFlowObserved, RuleUpdate, Alert> h;

    @BeforeEach
    void open() throws Exception {
        h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new LiveSustainedAlertFunction<>(
                        new DeskQueueRule(RULES.rule(DeskQueueRule.ID), null),
                        RULES,
                        TypeInformation.of(CrowdFlowObserved.class),
                        Duration.ofMinutes(5)),
                CrowdFlowObserved::cameraId,
                Types.STRING,
                LiveRules.STATE);
        h.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void minutes(int from, int to, int queue, double wait) throws Exception {
        for (int m = from; m < to; m++) {
            long t = T0 + m * MIN;
            h.processElement(new CrowdFlowObserved(desk.id(), "q" + m, t, t + MIN, queue + 3, queue, wait, 2), t + MIN);
        }
        h.processWatermark(T0 + to * MIN);
    }

    @Test
    void aLongQueueForTenMinutesRaisesOnTheDeskTopicAndClearsAfterFiveBelow() throws Exception {
        minutes(0, 9, 18, 12);
        assertThat(h.extractOutputValues()).isEmpty();
        minutes(9, 10, 18, 12);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("desk.queue");
            assertThat(a.domain()).isEqualTo("desk");
            assertThat(a.topic()).isEqualTo("ioc/v1/alert/desk/" + desk.area());
            assertThat(a.title().vi()).startsWith("Người dân chờ lâu tại");
            assertThat(a.evidence()).containsEntry("queueLength", 18);
        });
        minutes(10, 14, 6, 8);
        minutes(14, 15, 16, 8); // back over: the clear waits again
        minutes(15, 19, 6, 8);
        assertThat(h.extractOutputValues()).hasSize(1);
        minutes(19, 20, 6, 8);
        List<Alert> out = h.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).status()).isEqualTo(AlertStatus.cleared);
    }

    @Test
    void aLongWaitAloneIsEnough() throws Exception {
        minutes(0, 10, 5, 31);
        assertThat(h.extractOutputValues()).hasSize(1);
    }

    @Test
    void justBelowBothThresholdsRaisesNothing() throws Exception {
        minutes(0, 30, 14, 29.5);
        assertThat(h.extractOutputValues()).isEmpty();
    }
}
