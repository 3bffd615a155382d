package vn.haiphong.ioc.ingest.rules;

/** Keyed state of a {@link ConditionAlertFunction}: a Flink POJO. */
public class ConditionState {
    public boolean active;
    /** Since when the raise condition holds (not yet active), or MIN_VALUE. */
    public long since = Long.MIN_VALUE;
    /** Since when the hold condition has been false (active), or MIN_VALUE. */
    public long okSince = Long.MIN_VALUE;
    /** The newest reading decided. */
    public long last = Long.MIN_VALUE;

    public ConditionState() {}
}
