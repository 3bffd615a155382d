package vn.haiphong.ioc.ingest.kpi;

/**
 * One local day of one scope's report figures: a Flink POJO kept in keyed state. Deadlines count in the day they
 * fall due; first responses in a bounded histogram ({@link #bucket}).
 */
public class ReportDayStats {
    /** Exact minutes below 3 h, quarter hours to 48 h, 6 h steps to 30 days, then one overflow bucket. */
    static final int EXACT = 180;

    static final int QUARTERS = (48 * 60 - EXACT) / 15;
    static final int SIXES = (30 * 24 - 48) / 6;
    static final int BUCKETS = EXACT + QUARTERS + SIXES + 1;

    public long received;
    public long ackDue;
    public long ackOnTime;
    public long resolveDue;
    public long resolveOnTime;
    public int[] firstResponse = new int[BUCKETS];

    public ReportDayStats() {}

    static int bucket(double minutes) {
        int m = (int) Math.max(0, Math.floor(minutes));
        if (m < EXACT) {
            return m;
        }
        if (m < 48 * 60) {
            return EXACT + (m - EXACT) / 15;
        }
        return Math.min(BUCKETS - 1, EXACT + QUARTERS + (m - 48 * 60) / 360);
    }

    /** The middle of a bucket, in minutes (its lower edge for the exact ones). */
    static double value(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        if (bucket < EXACT + QUARTERS) {
            return EXACT + (bucket - EXACT) * 15 + 7.5;
        }
        return 48 * 60 + (bucket - EXACT - QUARTERS) * 360 + 180;
    }
}
