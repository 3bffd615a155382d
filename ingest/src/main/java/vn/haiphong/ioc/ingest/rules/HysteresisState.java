package vn.haiphong.ioc.ingest.rules;

/** Keyed state of a {@link Hysteresis}: a Flink POJO. */
public class HysteresisState {
    public boolean active;
    public long conditionSince = Long.MIN_VALUE;
    public long okSince = Long.MIN_VALUE;
    public long lastTo = Long.MIN_VALUE;

    public HysteresisState() {}
}
