package vn.haiphong.ioc.simulators.gen;

import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.wire.Feed;

/**
 * One generated MQTT message. {@code dueAt} is when the generator produced it, {@code releaseAt} when it is to be
 * published (later for messages held back to arrive out of order), {@code eventTime} the time it carries.
 */
public record SimMessage(
        Feed feed,
        String topic,
        byte[] payload,
        boolean retained,
        long eventTime,
        long dueAt,
        long releaseAt,
        InboundEvent event) {

    public SimMessage releasedAt(long at) {
        return new SimMessage(feed, topic, payload, retained, eventTime, dueAt, at, event);
    }

    public boolean heldBack() {
        return releaseAt > dueAt;
    }
}
