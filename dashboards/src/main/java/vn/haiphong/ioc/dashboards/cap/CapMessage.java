package vn.haiphong.ioc.dashboards.cap;

import java.util.List;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;

/**
 * One CAP message of a port's feed: a change of an IOC alert, with the earlier messages of the same alert that it
 * refers to. Everything in it follows from the alert's changes, so the same change always gives the same message.
 *
 * @param alert the alert as of this change
 * @param references the earlier messages of this alert, oldest first (empty for msgType Alert)
 */
public record CapMessage(Alert alert, List<Reference> references) {
    public static final String SENDER = "ioc@haiphong.gov.vn";

    /** An earlier message: CAP references it as {@code sender,identifier,sent}. */
    public record Reference(String identifier, long sent) {}

    public CapMessage {
        references = List.copyOf(references);
    }

    /** Stable per (alertId, seq), and safe in a URL and in CAP (no spaces, commas, '<' or '&'). */
    public static String identifier(Alert alert) {
        return identifier(alert.alertId(), alert.seq());
    }

    public static String identifier(String alertId, long seq) {
        return "hp-ioc-" + alertId + "-" + seq;
    }

    public String identifier() {
        return identifier(alert);
    }

    /** The time of this change: {@code sent} of the message, and what later messages reference it by. */
    public long sent() {
        return alert.updatedAt();
    }

    /** Alert for the first message of an alert, Cancel once it has cleared, Update for every change in between. */
    public String msgType() {
        if (alert.status() == AlertStatus.cleared) {
            return "Cancel";
        }
        return alert.seq() <= 1 ? "Alert" : "Update";
    }
}
