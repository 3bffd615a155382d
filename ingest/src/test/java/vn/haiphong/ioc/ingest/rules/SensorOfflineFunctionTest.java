package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.rules.RuleSet;

class SensorOfflineFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long P0 = 1_000_000L;
    private static final long MIN = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, AssetSeen, Alert> h;

    @BeforeEach
    void open() throws Exception {
        h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SensorOfflineFunction(RuleSet.defaults().rule(SensorOfflineFunction.ID), null),
                AssetSeen::assetKey,
                Types.STRING);
        h.setProcessingTime(P0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void seen(long t) throws Exception {
        h.processElement(new AssetSeen("tan-vu", "met", "met-1", t, true), t);
    }

    @Test
    void raisesInEventTimeFiveMinutesAfterTheLastMessage() throws Exception {
        seen(T0);
        seen(T0 + MIN);
        h.processWatermark(T0 + 5 * MIN + 59_000);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(T0 + 6 * MIN);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("port.sensor.offline");
            assertThat(a.severity()).isEqualTo(Severity.low);
            assertThat(a.raisedAt()).isEqualTo(T0 + 6 * MIN);
            assertThat(a.entity().id()).isEqualTo("tan-vu/met-1");
            assertThat(a.title().en()).contains("Sensor offline").contains("Tan Vu");
        });
        // Only one timer per domain per device, however many messages came.
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void raisesInProcessingTimeWhenEveryFeedIsSilentAndTheWatermarkStops() throws Exception {
        seen(T0);
        h.processWatermark(T0);
        h.setProcessingTime(P0 + 4 * MIN);
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(P0 + 5 * MIN);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.active);
            // The same raise time as the event-time path would give: the same id whichever fires first.
            assertThat(a.raisedAt()).isEqualTo(T0 + 5 * MIN);
        });
        // The watermark catching up later does not raise it twice.
        h.processWatermark(T0 + 10 * MIN);
        assertThat(h.extractOutputValues()).hasSize(1);
    }

    @Test
    void aDeviceThatKeepsTalkingIsNeverOfflineInEitherDomain() throws Exception {
        for (int m = 0; m <= 20; m++) {
            h.setProcessingTime(P0 + m * MIN);
            seen(T0 + m * MIN);
            h.processWatermark(T0 + m * MIN);
        }
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
    }

    @Test
    void clearsWhenTheDeviceIsBackAndCountsOutOfOrderMessagesAsLifeSigns() throws Exception {
        seen(T0);
        h.processWatermark(T0 + 6 * MIN);
        seen(T0 + 8 * MIN);
        assertThat(h.extractOutputValues())
                .extracting(Alert::status)
                .containsExactly(AlertStatus.active, AlertStatus.cleared);
        assertThat(h.extractOutputValues().get(1).clearedAt()).isEqualTo(T0 + 8 * MIN);
        seen(T0 + 7 * MIN); // out of order: the device is talking, nothing new to say
        h.processWatermark(T0 + 12 * MIN);
        assertThat(h.extractOutputValues()).hasSize(2);
        h.processWatermark(T0 + 13 * MIN);
        assertThat(h.extractOutputValues()).hasSize(3);
    }

    @Test
    void itsOfflineStateMessageRaisesAtOnce() throws Exception {
        seen(T0);
        h.processElement(new AssetSeen("tan-vu", "met", "met-1", T0 + 30_000, false), T0 + 30_000);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.raisedAt()).isEqualTo(T0 + 30_000);
            assertThat(a.evidence()).containsEntry("reportedOffline", true);
        });
        h.processWatermark(T0 + 10 * MIN);
        assertThat(h.extractOutputValues()).hasSize(1);
    }
}
