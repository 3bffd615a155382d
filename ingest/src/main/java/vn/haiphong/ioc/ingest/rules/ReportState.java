package vn.haiphong.ioc.ingest.rules;

/**
 * What the report lifecycle keeps per field report: a Flink POJO. Times are event time in epoch ms; {@code
 * acknowledgedAt} and {@code resolvedAt} are null until then.
 */
public class ReportState {
    public String serviceCode;
    public String area;
    public long requestedAt = Long.MIN_VALUE;
    public double lat;
    public double lon;
    /** The citizen's own text and photo link, for the wall's view (no personal data: ids are not kept). */
    public String description;

    public String mediaUrl;

    /** The status of the latest update by event time, and that update's time. */
    public String status = "OPEN";

    public long statusAt = Long.MIN_VALUE;
    /** The time of the last change shown on the wall. */
    public long updatedAt = Long.MIN_VALUE;

    public Long acknowledgedAt;
    public Long resolvedAt;
    public long acknowledgeBy;
    public long resolveBy;
    /** Deadlines passed without acknowledgement / resolution (an alert was raised), and escalated at twice. */
    public boolean ackLate;

    public boolean ackEscalated;
    public boolean resolveLate;
    public boolean resolveEscalated;
    /** How the deadline counted in the KPIs: 0 not yet, 1 late, 2 on time. */
    public int ackCounted;

    public int resolveCounted;
    /** Whether the report has been counted as open in its area. */
    public boolean countedOpen;
    /** Updates kept while their report has not arrived, and until when they are kept. */
    public int pendingCount;

    public long orphanUntil = Long.MIN_VALUE;

    public ReportState() {}

    public boolean known() {
        return requestedAt != Long.MIN_VALUE;
    }
}
