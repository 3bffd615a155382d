package vn.haiphong.ioc.ingest.kpi;

import vn.haiphong.ioc.core.text.LocalizedText;

/** The KPIs this job computes: their topic names, display names and units. */
public final class KpiNames {
    public static final String VEHICLES_PER_MINUTE = "vehicles-per-minute";
    public static final String OPEN_REPORTS = "open-reports";
    public static final String MAX_GUST = "max-gust";

    static final LocalizedText VEHICLES_NAME = new LocalizedText("Lưu lượng xe/phút", "Vehicles per minute");
    static final LocalizedText OPEN_REPORTS_NAME = new LocalizedText("Phản ánh đang mở", "Open reports");
    static final LocalizedText MAX_GUST_NAME = new LocalizedText("Gió giật lớn nhất", "Maximum gust");

    private KpiNames() {}
}
