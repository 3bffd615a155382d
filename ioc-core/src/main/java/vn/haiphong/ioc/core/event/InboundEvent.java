package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A message of one of the three inbound feeds, decoded and validated. Implementations are records whose component
 * names are the wire field names; the parts that travel in the topic are injected, not read from the payload.
 */
public interface InboundEvent {
    /** The id used for deduplication. */
    @JsonIgnore
    String eventId();

    /** Event time, epoch milliseconds. */
    @JsonIgnore
    long eventTime();

    /** The topic this event travels on. */
    @JsonIgnore
    String topic();
}
