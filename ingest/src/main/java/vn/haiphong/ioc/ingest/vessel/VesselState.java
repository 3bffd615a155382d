package vn.haiphong.ioc.ingest.vessel;

/** Keyed state of {@link VesselPublisher}: the newest position and whether and when it was published. A POJO. */
public class VesselState {
    public long positionTime = Long.MIN_VALUE;
    public double lat;
    public double lon;
    public Double speedOverGround;
    public Double courseOverGround;
    public Integer heading;
    public Integer navigationStatus;
    public String name;

    /** Whether a retained position is out there (so leaving must clear it). */
    public boolean published;
    /** Event time of the last publication; the next comes 10 s later at the earliest. */
    public long publishedAt = Long.MIN_VALUE;
    /** A newer position (or berth change) waits for the throttle. */
    public boolean dirty;

    public long arrivedAt = Long.MIN_VALUE;
    public long departedAt = Long.MIN_VALUE;

    /** The registered flush and expiry timers, or MIN_VALUE. */
    public long flushTimer = Long.MIN_VALUE;

    public long expiryTimer = Long.MIN_VALUE;

    public VesselState() {}

    public boolean berthed() {
        return arrivedAt != Long.MIN_VALUE && departedAt < arrivedAt;
    }

    public boolean atBerth() {
        return (navigationStatus != null && navigationStatus == 5) || berthed();
    }
}
