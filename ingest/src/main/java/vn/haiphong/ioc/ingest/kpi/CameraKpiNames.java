package vn.haiphong.ioc.ingest.kpi;

import java.time.Duration;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * The camera KPIs: traffic per camera and per area, one-stop desks per desk and city-wide, each on a 1-minute and a
 * 15-minute event-time window whose length ends the name ({@code traffic-speed-15m}); and the late camera events.
 */
public final class CameraKpiNames {
    public static final String TRAFFIC_VEHICLES = "traffic-vehicles";
    public static final String TRAFFIC_SPEED = "traffic-speed";
    public static final String TRAFFIC_OCCUPANCY = "traffic-occupancy";
    public static final String TRAFFIC_LOS = "traffic-los";
    public static final String TRAFFIC_CONGESTED_SHARE = "traffic-congested-share";
    public static final String DESK_QUEUE = "desk-queue";
    public static final String DESK_WAIT = "desk-wait";
    public static final String DESK_OVER_THRESHOLD = "desk-over-threshold";
    public static final String DESKS_OVER_THRESHOLD = "desks-over-threshold";
    /** Camera messages that came after their window had closed (scope {@code feed/cam}), a running total. */
    public static final String EVENTS_LATE = "events-late";

    public static final String CITY = "haiphong";

    static final LocalizedText EVENTS_LATE_NAME = new LocalizedText("Sự kiện camera đến muộn", "Late camera events");

    private CameraKpiNames() {}

    /** The window's suffix: {@code 1m}, {@code 15m}. */
    public static String label(long windowMillis) {
        return Duration.ofMillis(windowMillis).toMinutes() + "m";
    }

    /** {@code traffic-speed} and a 15-minute window: {@code traffic-speed-15m}. */
    public static String name(String kpi, long windowMillis) {
        return kpi + "-" + label(windowMillis);
    }

    static LocalizedText displayName(String kpi, long windowMillis) {
        LocalizedText base =
                switch (kpi) {
                    case TRAFFIC_VEHICLES -> new LocalizedText("Lưu lượng xe", "Vehicles counted");
                    case TRAFFIC_SPEED -> new LocalizedText("Tốc độ trung bình", "Average speed");
                    case TRAFFIC_OCCUPANCY -> new LocalizedText("Độ chiếm dụng", "Occupancy");
                    case TRAFFIC_LOS -> new LocalizedText("Mức phục vụ", "Level of service");
                    case TRAFFIC_CONGESTED_SHARE ->
                        new LocalizedText("Tỷ lệ camera ùn tắc", "Share of congested cameras");
                    case DESK_QUEUE -> new LocalizedText("Hàng chờ", "Queue");
                    case DESK_WAIT -> new LocalizedText("Thời gian chờ", "Waiting time");
                    case DESK_OVER_THRESHOLD -> new LocalizedText("Vượt ngưỡng chờ", "Over the queue threshold");
                    case DESKS_OVER_THRESHOLD ->
                        new LocalizedText("Bộ phận một cửa vượt ngưỡng", "Desks over the queue threshold");
                    default -> throw new IllegalArgumentException("not a camera KPI: " + kpi);
                };
        long minutes = Duration.ofMillis(windowMillis).toMinutes();
        return new LocalizedText(base.vi() + " (" + minutes + " phút)", base.en() + " (" + minutes + " min)");
    }
}
