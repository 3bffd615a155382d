package vn.haiphong.ioc.ingest.rules;

/** Keyed state of {@link SensorOfflineFunction}: a Flink POJO. */
public class OfflineState {
    /** Event time of the newest message. */
    public long lastEvent = Long.MIN_VALUE;
    /** Processing time at which the newest message arrived. */
    public long lastArrival = Long.MIN_VALUE;
    /** The one event-time and the one processing-time timer this key has registered, or MIN_VALUE. */
    public long eventTimer = Long.MIN_VALUE;

    public long processingTimer = Long.MIN_VALUE;

    public OfflineState() {}
}
