package vn.haiphong.ioc.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.event.ReportNew;

class HistoryRowsTest {
    private static final long T = 1_795_000_000_000L;
    private static final ReportNew REPORT = new ReportNew(
            "sr-9", "flooding", "Ngập", 20.8575, 106.6818, null, "Lạch Tray", null, T, "acc-123", "dev-456");

    @Test
    void aReportIsStoredWithAKeyedHashOfItsAccountAndNeitherIdAnywhere() throws Exception {
        List<HistoryRow> rows = rows(new HistoryRows(null, "k1"));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("k1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("acc-123".getBytes(StandardCharsets.UTF_8)));
        HistoryRow report = rows.stream()
                .filter(r -> r.table == HistoryTable.REPORTS)
                .findFirst()
                .orElseThrow();
        assertThat(report.values[10]).isEqualTo(expected);
        assertThat(rows).allSatisfy(r -> assertThat(String.join("|", nonNull(r.values)))
                .doesNotContain("acc-123")
                .doesNotContain("dev-456"));
        HistoryRow event = rows.stream()
                .filter(r -> r.table == HistoryTable.EVENTS)
                .findFirst()
                .orElseThrow();
        assertThat(event.values[8]).contains("\"service_request_id\":\"sr-9\"").contains("Lạch Tray");
    }

    @Test
    void anotherKeyGivesAnotherRefAndNoKeyGivesNone() {
        String ref1 = report(new HistoryRows(null, "k1")).values[10];
        String ref2 = report(new HistoryRows(null, "k2")).values[10];
        assertThat(ref1).isNotEqualTo(ref2).hasSize(64);
        assertThat(report(new HistoryRows(null, null)).values[10]).isNull();
        assertThat(report(new HistoryRows(null, "")).values[10]).isNull();
    }

    @Test
    void aRedeliveredDeadLetterHasTheSameIdAndAnotherPayloadAnotherOne() {
        HistoryRows rows = new HistoryRows(null, null);
        byte[] bad = "{oops".getBytes(StandardCharsets.UTF_8);
        String id1 = rows.deadLetter(DeadLetter.of("hp/v1/cam/tc-001/tlm", bad, "malformed", T)).values[0];
        String id2 = rows.deadLetter(DeadLetter.of("hp/v1/cam/tc-001/tlm", bad, "malformed", T + 5_000)).values[0];
        String other = rows.deadLetter(DeadLetter.of("hp/v1/cam/tc-002/tlm", bad, "malformed", T)).values[0];
        assertThat(id1).isEqualTo(id2).isNotEqualTo(other);
    }

    private static HistoryRow report(HistoryRows history) {
        return rows(history).stream()
                .filter(r -> r.table == HistoryTable.REPORTS)
                .findFirst()
                .orElseThrow();
    }

    private static List<HistoryRow> rows(HistoryRows history) {
        List<HistoryRow> rows = new ArrayList<>();
        history.event("hp/v1/report/new", T, REPORT, rows::add);
        return rows;
    }

    private static List<String> nonNull(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }
}
