package vn.haiphong.ioc.dashboards.testing;

import java.util.Map;
import java.util.UUID;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.Severity;
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
}
