package vn.haiphong.ioc.ingest.rules;

/**
 * An event a rule received after event time had passed it (beyond the bounded out-of-orderness): counted by the
 * rule's {@code lateEvents} metric and sent on {@link LiveRuleFunction#LATE}, so that it is never silently lost (the
 * event itself is stored with the others). A Flink POJO.
 */
public class LateEvent {
    public String rule;
    public String key;
    public long eventTime;
    /** The rule's watermark when the event arrived. */
    public long watermark;

    public LateEvent() {}

    public LateEvent(String rule, String key, long eventTime, long watermark) {
        this.rule = rule;
        this.key = key;
        this.eventTime = eventTime;
        this.watermark = watermark;
    }

    @Override
    public String toString() {
        return "LateEvent{" + rule + " " + key + " @" + eventTime + " < " + watermark + "}";
    }
}
