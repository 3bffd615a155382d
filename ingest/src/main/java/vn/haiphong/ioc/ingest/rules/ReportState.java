package vn.haiphong.ioc.ingest.rules;

/** What the deadline rule keeps per field report: a Flink POJO. */
public class ReportState {
    public String serviceCode;
    public String area;
    public long requestedAt = Long.MIN_VALUE;
    public double lat;
    public double lon;
    public boolean acknowledged;
    public boolean closed;
    /** Whether the report has been counted as open in its area. */
    public boolean countedOpen;

    public ReportState() {}

    public boolean known() {
        return requestedAt != Long.MIN_VALUE;
    }
}
