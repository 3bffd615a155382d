package vn.haiphong.ioc.ingest.reports;

/**
 * Something that happened to a field report, as the report lifecycle ({@code ReportDeadlineFunction}) tells the
 * operators after it: the KPIs, the hotspot and duplicate finder, and the fusion with camera detections. A Flink POJO.
 *
 * <ul>
 *   <li>{@link #RECEIVED}: a new report, at its {@code requested_datetime}, with its place.
 *   <li>{@link #BACKLOG}: {@code delta} +1 when it opens (or reopens), −1 when it is done.
 *   <li>{@link #ACK} / {@link #RESOLVE}: an acknowledgement / resolution deadline decided, on time or not, counted
 *       at {@code bucketTime} (the deadline); {@code delta} −1 takes back an earlier decision that a late message
 *       overturned.
 *   <li>{@link #FIRST_RESPONSE}: the first acknowledgement, {@code minutes} after the report.
 * </ul>
 */
public class ReportFact {
    public static final String RECEIVED = "received";
    public static final String BACKLOG = "backlog";
    public static final String ACK = "ack";
    public static final String RESOLVE = "resolve";
    public static final String FIRST_RESPONSE = "first-response";

    public String kind;
    public String serviceRequestId;
    public String serviceCode;
    /** The camera detection category the service is fused with ({@code fusionCategory}), or null. */
    public String fusionCategory;

    public String area;
    public double lat;
    public double lon;
    /** When it happened (event time). */
    public long time;
    /** The day it counts in for ratios: the deadline. */
    public long bucketTime;

    public int delta = 1;
    public boolean onTime;
    public double minutes;
    /** Set by the KPI fan-out: which scope this copy counts in. */
    public String scopeType;

    public String scopeId;

    public ReportFact() {}

    public ReportFact(String kind, String serviceRequestId, String serviceCode, String area, long time) {
        this.kind = kind;
        this.serviceRequestId = serviceRequestId;
        this.serviceCode = serviceCode;
        this.area = area;
        this.time = time;
        this.bucketTime = time;
    }

    public ReportFact scoped(String type, String id) {
        ReportFact f = new ReportFact(kind, serviceRequestId, serviceCode, area, time);
        f.fusionCategory = fusionCategory;
        f.lat = lat;
        f.lon = lon;
        f.bucketTime = bucketTime;
        f.delta = delta;
        f.onTime = onTime;
        f.minutes = minutes;
        f.scopeType = type;
        f.scopeId = id;
        return f;
    }

    public String scopeKey() {
        return scopeType + "/" + scopeId;
    }

    @Override
    public String toString() {
        return "ReportFact{" + kind + " " + serviceRequestId + " " + serviceCode + " " + area + " @" + time
                + " delta " + delta + (ACK.equals(kind) || RESOLVE.equals(kind) ? " onTime " + onTime : "")
                + (FIRST_RESPONSE.equals(kind) ? " " + minutes + " min" : "") + "}";
    }
}
