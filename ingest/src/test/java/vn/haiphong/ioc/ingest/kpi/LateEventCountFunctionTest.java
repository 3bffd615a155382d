package vn.haiphong.ioc.ingest.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Kpi;

class LateEventCountFunctionTest {
    @Test
    void countsEveryLateEventAndPublishesTheTotalAtMostOnceASecond() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, String, Kpi> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new LateEventCountFunction(), f -> f, Types.STRING)) {
            h.setProcessingTime(10_000);
            h.processElement("cam", 0);
            assertThat(h.extractOutputValues()).extracting(Kpi::value).containsExactly(1.0);

            // A backlog: 500 late events within the same second make one more message, a second later.
            h.setProcessingTime(10_200);
            for (int i = 0; i < 500; i++) {
                h.processElement("cam", 0);
            }
            assertThat(h.extractOutputValues()).hasSize(1);
            h.setProcessingTime(11_000);

            List<Kpi> out = h.extractOutputValues();
            assertThat(out).extracting(Kpi::value).containsExactly(1.0, 501.0);
            assertThat(out.get(1).topic()).isEqualTo("ioc/v1/kpi/events-late/feed/cam");
            assertThat(out.get(1).unit()).isEqualTo("messages");
            assertThat(out.get(1).windowStart()).isEqualTo(10_000);

            h.setProcessingTime(20_000);
            h.processElement("cam", 0);
            assertThat(h.extractOutputValues()).extracting(Kpi::value).containsExactly(1.0, 501.0, 502.0);
        }
    }
}
