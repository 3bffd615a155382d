package vn.haiphong.ioc.ingest.kpi;

import vn.haiphong.ioc.core.text.LocalizedText;

/** The KPIs this job computes: their topic names, display names and units. */
public final class KpiNames {
    public static final String VEHICLES_PER_MINUTE = "vehicles-per-minute";
    public static final String OPEN_REPORTS = "open-reports";
    public static final String MAX_GUST = "max-gust";
    public static final String EVENTS_ACCEPTED = "events-accepted";
    public static final String EVENTS_DEAD_LETTERED = "events-dead-lettered";

    static final LocalizedText VEHICLES_NAME = new LocalizedText("Lưu lượng xe/phút", "Vehicles per minute");
    static final LocalizedText OPEN_REPORTS_NAME = new LocalizedText("Phản ánh đang mở", "Open reports");
    static final LocalizedText MAX_GUST_NAME = new LocalizedText("Gió giật lớn nhất", "Maximum gust");
    static final LocalizedText EVENTS_ACCEPTED_NAME = new LocalizedText("Sự kiện đã xử lý", "Events processed");
    static final LocalizedText EVENTS_DEAD_LETTERED_NAME =
            new LocalizedText("Tin nhắn bị loại", "Messages dead-lettered");

    private KpiNames() {}
}
