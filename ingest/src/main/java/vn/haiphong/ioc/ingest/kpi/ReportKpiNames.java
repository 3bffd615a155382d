package vn.haiphong.ioc.ingest.kpi;

import vn.haiphong.ioc.core.text.LocalizedText;

/** The citizen report KPIs: topic names, display names and units (scopes: area, service, city). */
public final class ReportKpiNames {
    public static final String RECEIVED_TODAY = "reports-received-today";
    public static final String OPEN = "reports-open";
    public static final String ACK_ON_TIME = "reports-ack-on-time";
    public static final String RESOLVED_ON_TIME = "reports-resolved-on-time";
    public static final String FIRST_RESPONSE_MEDIAN = "reports-first-response-median";

    public static final String AREA = "area";
    public static final String SERVICE = "service";
    public static final String CITY = "city";
    public static final String CITY_ID = "haiphong";

    static final LocalizedText RECEIVED_TODAY_NAME =
            new LocalizedText("Phản ánh nhận hôm nay", "Reports received today");
    static final LocalizedText OPEN_NAME = new LocalizedText("Phản ánh tồn đọng", "Open reports (backlog)");
    static final LocalizedText ACK_ON_TIME_NAME = new LocalizedText("Tiếp nhận đúng hạn", "Acknowledged on time");
    static final LocalizedText RESOLVED_ON_TIME_NAME = new LocalizedText("Xử lý đúng hạn", "Resolved on time");
    static final LocalizedText FIRST_RESPONSE_NAME =
            new LocalizedText("Thời gian phản hồi đầu tiên (trung vị)", "Median time to first response");

    private ReportKpiNames() {}
}
