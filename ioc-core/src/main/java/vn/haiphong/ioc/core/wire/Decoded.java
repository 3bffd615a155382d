package vn.haiphong.ioc.core.wire;

import java.util.Objects;
import vn.haiphong.ioc.core.event.InboundEvent;

/**
 * The outcome of decoding one inbound message: a usable event, the reason it cannot be used (a dead letter), or the
 * reason a well-formed message carries nothing the contract has (ignored and counted, not a dead letter: e.g. a
 * camera's detection zone that emptied again).
 */
public final class Decoded {
    private final InboundEvent event;
    private final String reason;
    private final boolean ignored;

    private Decoded(InboundEvent event, String reason, boolean ignored) {
        this.event = event;
        this.reason = reason;
        this.ignored = ignored;
    }

    public static Decoded ok(InboundEvent event) {
        return new Decoded(Objects.requireNonNull(event), null, false);
    }

    public static Decoded rejected(String reason) {
        return new Decoded(null, Objects.requireNonNull(reason), false);
    }

    /** A valid message that means nothing for the contract: not an event, and not a dead letter either. */
    public static Decoded ignored(String reason) {
        return new Decoded(null, Objects.requireNonNull(reason), true);
    }

    public boolean isOk() {
        return event != null;
    }

    /** Whether the message is valid but carries nothing to act on ({@link #reason()} says why). */
    public boolean isIgnored() {
        return ignored;
    }

    /** The event; only when {@link #isOk()}. */
    public InboundEvent event() {
        if (event == null) {
            throw new IllegalStateException("rejected: " + reason);
        }
        return event;
    }

    /** Why the message was rejected or ignored; only when not {@link #isOk()}. */
    public String reason() {
        if (reason == null) {
            throw new IllegalStateException("not rejected");
        }
        return reason;
    }

    @Override
    public String toString() {
        return isOk() ? "ok(" + event + ")" : (ignored ? "ignored(" : "rejected(") + reason + ")";
    }
}
