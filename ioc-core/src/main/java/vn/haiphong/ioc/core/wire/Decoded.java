package vn.haiphong.ioc.core.wire;

import java.util.Objects;
import vn.haiphong.ioc.core.event.InboundEvent;

/** The outcome of decoding one inbound message: a usable event, or the reason it cannot be used. */
public final class Decoded {
    private final InboundEvent event;
    private final String reason;

    private Decoded(InboundEvent event, String reason) {
        this.event = event;
        this.reason = reason;
    }

    public static Decoded ok(InboundEvent event) {
        return new Decoded(Objects.requireNonNull(event), null);
    }

    public static Decoded rejected(String reason) {
        return new Decoded(null, Objects.requireNonNull(reason));
    }

    public boolean isOk() {
        return event != null;
    }

    /** The event; only when {@link #isOk()}. */
    public InboundEvent event() {
        if (event == null) {
            throw new IllegalStateException("rejected: " + reason);
        }
        return event;
    }

    /** Why the message was rejected; only when not {@link #isOk()}. */
    public String reason() {
        if (reason == null) {
            throw new IllegalStateException("not rejected");
        }
        return reason;
    }

    @Override
    public String toString() {
        return isOk() ? "ok(" + event + ")" : "rejected(" + reason + ")";
    }
}
