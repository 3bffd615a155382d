package vn.haiphong.ioc.ingest.reports;

/**
 * What an operator that looks at many reports at once says about one of them, for its view on the wall: it likely
 * repeats an earlier report ({@link #DUPLICATE_OF}), it belongs to a hotspot ({@link #HOTSPOT}) or to an incident fused
 * with a camera detection ({@link #INCIDENT}). A Flink POJO.
 */
public class ReportMark {
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final String HOTSPOT = "hotspot";
    public static final String INCIDENT = "incident";

    public String serviceRequestId;
    public String kind;
    /** The earlier report's id, or the alert's id. */
    public String value;

    public long time;

    public ReportMark() {}

    public ReportMark(String serviceRequestId, String kind, String value, long time) {
        this.serviceRequestId = serviceRequestId;
        this.kind = kind;
        this.value = value;
        this.time = time;
    }

    @Override
    public String toString() {
        return "ReportMark{" + serviceRequestId + " " + kind + "=" + value + " @" + time + "}";
    }
}
