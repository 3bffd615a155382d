package vn.haiphong.ioc.ingest.kpi;

/**
 * One camera's figures over one event-time window, as its window operator last computed them: the input of the
 * camera's own KPIs and of the area and city aggregates (which never go back to the raw events). A traffic camera
 * fills the traffic fields, a desk camera ({@code desk}) the desk fields. A Flink POJO.
 */
public class CameraWindow {
    public String cameraId;
    public String area;
    public boolean desk;
    public long windowStart;
    public long windowEnd;
    /** False for an early reading of a window still open. */
    public boolean complete;

    public long updatedAt;

    /** Traffic: vehicles counted, and by type in {@link TrafficWindows#VEHICLE_TYPES} order. */
    public long vehicles;

    public long[] vehiclesByType = new long[0];
    /** Traffic: mean speed in km/h weighted by vehicles, null when no reading had one. */
    public Double speed;
    /** Traffic: how much {@link #speed} weighs in an average over cameras (the vehicles behind it). */
    public long speedWeight;
    /** Traffic: mean occupancy 0–1, null when no reading had one. */
    public Double occupancy;
    /** Traffic: level of service 1..6 (A..F), 0 when unknown. */
    public int level;

    public boolean congested;

    /** Desk: mean queue (people) and wait (minutes) over the window's readings. */
    public double queue;

    public double waitMinutes;
    public boolean overThreshold;

    public CameraWindow() {}

    public long windowMillis() {
        return windowEnd - windowStart;
    }
}
