package vn.haiphong.ioc.ingest.reports;

/** A report as the hotspot and duplicate finder keeps it, for a couple of hours: a Flink POJO. */
public class ClusterPoint {
    public String id;
    public double lat;
    public double lon;
    public long time;
    public String area;
    /** When it was done; {@link Long#MAX_VALUE} while open. */
    public long closedAt = Long.MAX_VALUE;
    /** Whether it has been compared with the reports before it. */
    public boolean checked;

    public String duplicateOf;

    public ClusterPoint() {}

    ClusterPoint(String id, double lat, double lon, long time, String area) {
        this.id = id;
        this.lat = lat;
        this.lon = lon;
        this.time = time;
        this.area = area;
    }

    /** Whether it comes before the other one: earlier, or at the same time with a smaller id. */
    static int compare(ClusterPoint a, ClusterPoint b) {
        return a.before(b) ? -1 : b.before(a) ? 1 : 0;
    }

    boolean before(ClusterPoint other) {
        return time < other.time || (time == other.time && id.compareTo(other.id) < 0);
    }
}
