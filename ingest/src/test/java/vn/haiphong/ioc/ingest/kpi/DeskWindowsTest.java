package vn.haiphong.ioc.ingest.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.event.CrowdFlowObserved;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;

/** A one-stop desk's window: its mean queue and wait, and whether it is over the desk rule's threshold (15 / 30). */
class DeskWindowsTest {
    private static final long T0 = TrafficWindowsTest.T0;
    private static final List<Camera> DESKS = ReferenceData.defaults().cameras(Camera.Kind.desk);

    private KeyedOneInputStreamOperatorTestHarness<String, CrowdFlowObserved, CameraWindow> h;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void open() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var windows = CameraKpiStreams.deskWindows(
                env.fromData(desk(0, "x", T0, 1, 1)),
                Duration.ofMinutes(1),
                TrafficWindowsTest.EARLY,
                TrafficWindowsTest.THRESHOLDS,
                null);
        var t = (OneInputTransformation<CrowdFlowObserved, CameraWindow>) windows.getTransformation();
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                t.getOperatorFactory(), (KeySelector<CrowdFlowObserved, String>) t.getStateKeySelector(), Types.STRING);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static CrowdFlowObserved desk(int desk, String id, long to, int queue, double wait) {
        return new CrowdFlowObserved(DESKS.get(desk).id(), id, to - 20_000, to, queue + 2, queue, wait, 2);
    }

    private void add(CrowdFlowObserved c) throws Exception {
        h.processElement(c, c.eventTime());
    }

    private Kpi last(String kpi, int desk) {
        List<Kpi> out = new ArrayList<>();
        ListCollector<Kpi> collector = new ListCollector<>(out);
        for (CameraWindow w : h.extractOutputValues()) {
            new CameraKpis(TrafficWindowsTest.THRESHOLDS).flatMap(w, collector);
        }
        String id = DESKS.get(desk).id();
        return out.stream()
                .filter(k -> k.kpi().equals(kpi) && k.scopeId().equals(id))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + kpi + " of " + id + " in " + out));
    }

    @Test
    void aDeskWhoseMeanQueueReachesFifteenIsOverTheThreshold() throws Exception {
        add(desk(0, "a1", T0 + 20_000, 12, 18));
        add(desk(0, "a3", T0 + 59_000, 20, 22));
        add(desk(0, "a2", T0 + 40_000, 18, 20)); // out of order
        h.processWatermark(T0 + 59_999);

        Kpi queue = last("desk-queue-1m", 0);
        assertThat(queue.value()).isCloseTo(50.0 / 3, within(1e-9));
        assertThat(queue.unit()).isEqualTo("people");
        assertThat(queue.target()).isEqualTo(15.0);
        assertThat(queue.topic())
                .isEqualTo("ioc/v1/kpi/desk-queue-1m/desk/" + DESKS.get(0).id());
        assertThat(last("desk-wait-1m", 0).value()).isEqualTo(20.0);
        assertThat(last("desk-wait-1m", 0).unit()).isEqualTo("min");
        assertThat(last("desk-over-threshold-1m", 0).value()).isEqualTo(1);
        assertThat(last("desk-over-threshold-1m", 0).complete()).isTrue();
    }

    @Test
    void aShortQueueWithALongWaitIsOverTooAndAShortQuickOneIsNot() throws Exception {
        add(desk(1, "b1", T0 + 20_000, 5, 35));
        add(desk(2, "c1", T0 + 20_000, 14, 29.5));
        h.processWatermark(T0 + 59_999);

        assertThat(last("desk-over-threshold-1m", 1).value()).isEqualTo(1);
        assertThat(last("desk-over-threshold-1m", 2).value()).isEqualTo(0);
    }
}
