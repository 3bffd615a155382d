package vn.haiphong.ioc.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.OutboundCodec;

class KpiTest {
    private static final long T = 1_795_000_000_000L;
    private static final LocalizedText NAME = new LocalizedText("Lưu lượng xe", "Vehicles");

    @Test
    void vehiclesByTypeTravelInTheBreakdownAndRoundTrip() throws Exception {
        Map<String, Double> byType = new LinkedHashMap<>();
        byType.put("motorcycle", 412.0);
        byType.put("car", 57.0);
        byType.put("bus", 3.0);
        byType.put("lorry", 9.0);
        byType.put("van", 4.0);
        byType.put("bicycle", 6.0);
        Kpi kpi = new Kpi(
                "traffic-vehicles-15m",
                "camera",
                "tc-001",
                NAME,
                T,
                T + 900_000,
                491,
                "vehicles",
                null,
                true,
                T + 900_000,
                byType);

        String json = new String(OutboundCodec.encode(kpi), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"breakdown\":{\"motorcycle\":412.0,\"car\":57.0,\"bus\":3.0,\"lorry\":9.0,\"van\":4.0,"
                        + "\"bicycle\":6.0}")
                .contains("\"value\":491.0");
        Kpi back = OutboundCodec.decodeKpi(json.getBytes(StandardCharsets.UTF_8));
        assertThat(back).isEqualTo(kpi);
        assertThat(back.breakdown()).containsEntry("motorcycle", 412.0).hasSize(6);
        assertThat(back.topic()).isEqualTo("ioc/v1/kpi/traffic-vehicles-15m/camera/tc-001");
    }

    @Test
    void aKpiWithoutBreakdownHasNoBreakdownFieldAndReadsBackWithout() throws Exception {
        // The constructor of the KPIs that existed before the breakdown is still there, and gives none.
        Kpi kpi = new Kpi("max-gust", "port", "tan-vu", NAME, T, T + 60_000, 16.4, "m/s", 15.0, false, T + 30_000);

        String json = new String(OutboundCodec.encode(kpi), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("breakdown");
        assertThat(kpi.breakdown()).isNull();
        assertThat(OutboundCodec.decodeKpi(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(kpi);
    }

    @Test
    void aKpiOfAnOlderJobWithoutTheFieldStillDecodes() throws Exception {
        String json = "{\"kpi\":\"vehicles-per-minute\",\"scopeType\":\"camera\",\"scopeId\":\"tc-001\","
                + "\"name\":{\"vi\":\"a\",\"en\":\"b\"},\"windowStart\":\"2026-11-18T10:00:00+07:00\","
                + "\"windowEnd\":\"2026-11-18T10:01:00+07:00\",\"value\":42.0,\"unit\":\"vehicles/min\","
                + "\"complete\":true,\"updatedAt\":\"2026-11-18T10:01:00+07:00\"}";

        Kpi kpi = OutboundCodec.decodeKpi(json.getBytes(StandardCharsets.UTF_8));

        assertThat(kpi.value()).isEqualTo(42.0);
        assertThat(kpi.breakdown()).isNull();
    }
}
