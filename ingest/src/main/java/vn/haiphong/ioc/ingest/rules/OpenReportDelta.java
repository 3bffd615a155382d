package vn.haiphong.ioc.ingest.rules;

/** +1 when a report opens in an area, −1 when it closes: feeds the open-reports KPI. A Flink POJO. */
public class OpenReportDelta {
    public String area;
    public int delta;
    public long time;

    public OpenReportDelta() {}

    public OpenReportDelta(String area, int delta, long time) {
        this.area = area;
        this.delta = delta;
        this.time = time;
    }

    @Override
    public String toString() {
        return "OpenReportDelta{" + area + " " + delta + " @" + time + "}";
    }
}
