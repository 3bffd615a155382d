package vn.haiphong.ioc.dashboards.testing;

import java.util.Map;
import java.util.UUID;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.alert.Vessel;
import vn.haiphong.ioc.core.text.LocalizedText;

/** Alerts and KPIs as the Flink job publishes them, built with ioc-core's records. */
public final class Samples {
    /** 2026-11-25T08:00:00+07:00 */
    public static final long T0 = 1_795_568_400_000L;

    private Samples() {}

    /** An active incident alert at a camera, unique per call. */
    public static Alert incident(String cameraId, long raisedAt) {
        Entity entity = new Entity("camera", cameraId + "-" + UUID.randomUUID());
        return new Alert(
                Alert.idFor("traffic.incident", entity, raisedAt),
                "traffic.incident",
                "traffic",
                "303",
                "303",
                "traffic",
                "carAccident",
                Severity.high,
                AlertStatus.active,
                raisedAt,
                raisedAt,
                null,
                entity,
                new Position(20.8602, 106.681),
                new LocalizedText("Tai nạn giao thông tại " + cameraId, "Traffic accident at " + cameraId),
                new LocalizedText("Camera phát hiện tai nạn", "Camera detected an accident"),
                Map.of("confidence", 0.9),
                1);
    }

    public static Kpi maxGust(String portId, double value, long windowEnd) {
        return new Kpi(
                "max-gust",
                "port",
                portId,
                new LocalizedText("Gió giật lớn nhất", "Max gust"),
                windowEnd - 600_000,
                windowEnd,
                value,
                "m/s",
                null,
                true,
                windowEnd);
    }

    /** An active wind alert at a port, unique per call. */
    public static Alert portWind(String portId, Severity severity, long raisedAt) {
        Entity entity = new Entity("met", portId + "/met-" + UUID.randomUUID());
        return new Alert(
                Alert.idFor("port.wind.warning", entity, raisedAt),
                "port.wind.warning",
                "port",
                portId,
                "306",
                "weather",
                "windWarning",
                severity,
                AlertStatus.active,
                raisedAt,
                raisedAt,
                null,
                entity,
                new Position(20.8355, 106.7747),
                new LocalizedText("Cảnh báo gió giật tại cảng " + portId, "Wind warning at port " + portId),
                new LocalizedText("Gió giật 16,4 m/s ≥ 15 m/s", "Gust 16.4 m/s ≥ 15 m/s"),
                Map.of("gustSpeed", 16.4, "threshold", 15),
                1);
    }

    public static Kpi portKpi(String kpi, String portId, double value, String unit, long windowEnd) {
        return new Kpi(
                kpi,
                "port",
                portId,
                new LocalizedText(kpi, kpi),
                windowEnd - 600_000,
                windowEnd,
                value,
                unit,
                null,
                true,
                windowEnd);
    }

    public static Vessel vessel(long mmsi, String name, double lat, double lon, int heading, boolean atBerth, long at) {
        return new Vessel(
                mmsi, name, lat, lon, atBerth ? 0.1 : 8.4, (double) heading, heading, atBerth ? 5 : 0, atBerth, at);
    }

    /** A citizen report as the job publishes it for the wall: flooding in Lê Chân, deadlines 1 h and 24 h. */
    public static ReportView report(
            String id, String status, String late, boolean escalated, long requestedAt, long seq) {
        boolean acknowledged = !status.equals("OPEN");
        boolean resolved = status.equals("FIXED") || status.equals("CLOSED");
        return new ReportView(
                id,
                "flooding",
                new LocalizedText("Ngập úng", "Flooding"),
                "304",
                20.8461,
                106.6884,
                status,
                "Ngập sâu 40 cm trước số 12 Tô Hiệu",
                "/media/" + id.toLowerCase() + ".jpg",
                requestedAt,
                requestedAt + seq * 60_000L,
                acknowledged ? requestedAt + 30 * 60_000L : null,
                resolved ? requestedAt + seq * 60_000L : null,
                requestedAt + 3_600_000L,
                requestedAt + 86_400_000L,
                late,
                escalated,
                null,
                null,
                null,
                seq);
    }
}
