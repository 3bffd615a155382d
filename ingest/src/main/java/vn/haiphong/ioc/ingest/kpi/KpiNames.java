package vn.haiphong.ioc.ingest.kpi;

import vn.haiphong.ioc.core.text.LocalizedText;

/** The KPIs this job computes: their topic names, display names and units. */
public final class KpiNames {
    public static final String VEHICLES_PER_MINUTE = "vehicles-per-minute";
    public static final String OPEN_REPORTS = "open-reports";
    public static final String MAX_GUST = "max-gust";
    public static final String CRANES_WORKING = "cranes-working";
    public static final String CRANES_STOPPED = "cranes-stopped";
    public static final String GATE_QUEUE = "gate-queue";
    public static final String GATE_WAIT = "gate-wait";
    public static final String TRUCKS_PER_HOUR = "trucks-per-hour";
    public static final String CRANE_MOVES_PER_HOUR = "crane-moves-per-hour";
    public static final String YARD_OCCUPANCY = "yard-occupancy";
    public static final String REEFERS_OUT_OF_RANGE = "reefers-out-of-range";
    public static final String VESSELS_AT_BERTH = "vessels-at-berth";
    public static final String WATER_LEVEL = "water-level";
    public static final String EVENTS_ACCEPTED = "events-accepted";
    public static final String EVENTS_DEAD_LETTERED = "events-dead-lettered";

    static final LocalizedText VEHICLES_NAME = new LocalizedText("Lưu lượng xe/phút", "Vehicles per minute");
    static final LocalizedText OPEN_REPORTS_NAME = new LocalizedText("Phản ánh đang mở", "Open reports");
    static final LocalizedText MAX_GUST_NAME = new LocalizedText("Gió giật lớn nhất", "Maximum gust");
    static final LocalizedText CRANES_WORKING_NAME = new LocalizedText("Cẩu đang làm việc", "Cranes working");
    static final LocalizedText CRANES_STOPPED_NAME =
            new LocalizedText("Cẩu dừng hoặc sự cố", "Cranes stopped or faulty");
    static final LocalizedText GATE_QUEUE_NAME = new LocalizedText("Xe chờ tại cổng", "Trucks queuing at the gates");
    static final LocalizedText GATE_WAIT_NAME = new LocalizedText("Thời gian chờ tại cổng", "Gate waiting time");
    static final LocalizedText TRUCKS_PER_HOUR_NAME = new LocalizedText("Xe vào cổng/giờ", "Trucks in per hour");
    static final LocalizedText CRANE_MOVES_PER_HOUR_NAME =
            new LocalizedText("Lượt nâng hạ/giờ", "Crane moves per hour");
    static final LocalizedText YARD_OCCUPANCY_NAME = new LocalizedText("Mức sử dụng bãi", "Yard occupancy");
    static final LocalizedText REEFERS_OUT_OF_RANGE_NAME =
            new LocalizedText("Container lạnh ngoài ngưỡng", "Reefers out of range");
    static final LocalizedText VESSELS_AT_BERTH_NAME = new LocalizedText("Tàu đang cập cầu", "Vessels at berth");
    static final LocalizedText WATER_LEVEL_NAME = new LocalizedText("Mực nước", "Water level");
    static final LocalizedText EVENTS_ACCEPTED_NAME = new LocalizedText("Sự kiện đã xử lý", "Events processed");
    static final LocalizedText EVENTS_DEAD_LETTERED_NAME =
            new LocalizedText("Tin nhắn bị loại", "Messages dead-lettered");

    private KpiNames() {}
}
