package vn.haiphong.ioc.ingest.rules;

import org.apache.flink.streaming.api.TimerService;

/**
 * The timers of a "silent device" rule ({@link SensorOfflineFunction}, {@link CameraOfflineFunction}): silence is
 * measured in event time (the newest message's time plus the silence, once the watermark passes it) and in processing
 * time (the same silence on this machine's clock since the message arrived), so a device is noticed even when every
 * feed falls silent and the watermark stops. Each key holds at most one timer per time domain: a timer that finds the
 * device heard from since moves itself to the new deadline, instead of a timer per message.
 */
final class SilenceWatch {
    private SilenceWatch() {}

    /** A message arrived at processing time {@code now}: both deadlines are armed if they are not. */
    static void heard(OfflineState s, long now, long silence, TimerService timers) {
        s.lastArrival = now;
        if (s.eventTimer == Long.MIN_VALUE) {
            s.eventTimer = s.lastEvent + silence;
            timers.registerEventTimeTimer(s.eventTimer);
        }
        if (s.processingTimer == Long.MIN_VALUE) {
            s.processingTimer = now + silence;
            timers.registerProcessingTimeTimer(s.processingTimer);
        }
    }

    /**
     * A timer fired: whether the device has been silent for {@code silence}; if not, the timer moves to the new
     * deadline. {@code startedAt}: when the operator (re)started, in processing time; a restart is no reason to call
     * every device silent, so the processing-time silence counts from it at the earliest.
     */
    static boolean silent(
            OfflineState s, long timestamp, boolean eventTime, long startedAt, long silence, TimerService timers) {
        long due;
        if (eventTime) {
            s.eventTimer = Long.MIN_VALUE;
            due = s.lastEvent + silence;
        } else {
            s.processingTimer = Long.MIN_VALUE;
            due = Math.max(s.lastArrival, startedAt) + silence;
        }
        if (timestamp >= due) {
            return true;
        }
        if (eventTime) {
            s.eventTimer = due;
            timers.registerEventTimeTimer(due);
        } else {
            s.processingTimer = due;
            timers.registerProcessingTimeTimer(due);
        }
        return false;
    }
}
