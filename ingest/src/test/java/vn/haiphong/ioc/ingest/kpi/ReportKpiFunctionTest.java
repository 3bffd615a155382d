package vn.haiphong.ioc.ingest.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.ingest.reports.ReportFact;

class ReportKpiFunctionTest {
    /** 09:00 in Hai Phong. */
    static final long T0 = ZonedDateTime.of(2026, 11, 25, 9, 0, 0, 0, ReportKpiFunction.ZONE)
            .toInstant()
            .toEpochMilli();

    static final long MIN = 60_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, ReportFact, Kpi> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ReportKpiFunction(), ReportFact::scopeKey, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void fact(ReportFact f) throws Exception {
        harness.processElement(f.scoped("city", "haiphong"), f.time);
    }

    private static ReportFact of(String kind, long at) {
        return new ReportFact(kind, "r", "flooding", "303", at);
    }

    private Kpi latest(String kpi) {
        List<Kpi> all = harness.extractOutputValues().stream()
                .filter(k -> k.kpi().equals(kpi))
                .toList();
        assertThat(all).as(kpi).isNotEmpty();
        return all.get(all.size() - 1);
    }

    @Test
    void twoOfThreeAcknowledgedOnTimeIs66Point7Percent() throws Exception {
        for (boolean onTime : new boolean[] {true, false, true}) {
            ReportFact f = of(ReportFact.ACK, T0);
            f.onTime = onTime;
            fact(f);
        }
        assertThat(latest("reports-ack-on-time").value()).isEqualTo(66.7);
        assertThat(latest("reports-ack-on-time").unit()).isEqualTo("%");
        assertThat(latest("reports-ack-on-time").topic()).isEqualTo("ioc/v1/kpi/reports-ack-on-time/city/haiphong");

        // a late message shows the second one was on time after all
        ReportFact back = of(ReportFact.ACK, T0);
        back.delta = -1;
        fact(back);
        ReportFact met = of(ReportFact.ACK, T0);
        met.onTime = true;
        fact(met);
        assertThat(latest("reports-ack-on-time").value()).isEqualTo(100.0);
    }

    @Test
    void resolvedOnTimeCarriesTheTargetOf98() throws Exception {
        ReportFact f = of(ReportFact.RESOLVE, T0);
        f.onTime = true;
        fact(f);
        assertThat(latest("reports-resolved-on-time").value()).isEqualTo(100.0);
        assertThat(latest("reports-resolved-on-time").target()).isEqualTo(98.0);
    }

    @Test
    void countsReportsReceivedSinceLocalMidnightAndStartsAgainAtMidnight() throws Exception {
        fact(of(ReportFact.RECEIVED, T0));
        fact(of(ReportFact.RECEIVED, T0 + 60 * MIN));
        fact(of(ReportFact.RECEIVED, T0 - 24 * 60 * MIN)); // yesterday's, late: not today's
        assertThat(latest("reports-received-today").value()).isEqualTo(2.0);
        // midnight in Hai Phong is 15 h after 09:00
        harness.processWatermark(new Watermark(T0 + 15 * 60 * MIN));
        assertThat(latest("reports-received-today").value()).isEqualTo(0.0);
        assertThat(latest("reports-received-today").windowStart()).isEqualTo(T0 + 15 * 60 * MIN);
    }

    @Test
    void theBacklogRisesAndFalls() throws Exception {
        fact(of(ReportFact.BACKLOG, T0));
        fact(of(ReportFact.BACKLOG, T0 + MIN));
        ReportFact done = of(ReportFact.BACKLOG, T0 + 2 * MIN);
        done.delta = -1;
        fact(done);
        assertThat(latest("reports-open").value()).isEqualTo(1.0);
    }

    @Test
    void theMedianFirstResponseIsExactToTheMinuteBelowThreeHours() throws Exception {
        for (double minutes : new double[] {12, 40, 25}) {
            ReportFact f = of(ReportFact.FIRST_RESPONSE, T0);
            f.minutes = minutes;
            fact(f);
        }
        assertThat(latest("reports-first-response-median").value()).isEqualTo(25.0);
        ReportFact f = of(ReportFact.FIRST_RESPONSE, T0);
        f.minutes = 30;
        fact(f);
        assertThat(latest("reports-first-response-median").value()).isEqualTo(27.5);
    }

    @Test
    void dropsDaysOlderThanThirtyDays() throws Exception {
        fact(of(ReportFact.RECEIVED, T0));
        harness.processWatermark(new Watermark(T0 + 31L * 24 * 60 * MIN));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theEndOfTimeStopsTheMidnightsOfAScopeWithAnOpenReport() throws Exception {
        fact(of(ReportFact.BACKLOG, T0));
        fact(of(ReportFact.RECEIVED, T0));
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        // one publication per midnight for the 30 days kept, then nothing: the job's end of input terminates
        assertThat(harness.extractOutputValues()).hasSizeLessThan(200);
        assertThat(latest("reports-open").value()).isEqualTo(1.0);
    }
}
