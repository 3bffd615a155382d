package vn.haiphong.ioc.dashboards.live;

import vn.haiphong.ioc.core.alert.Alert;

/**
 * One sequenced push message: its type and its data already encoded as JSON, so each client's framing (a websocket text
 * frame, a server-sent event) costs no second encoding. Alert frames keep the alert, by which clients of one port's
 * feed are filtered.
 *
 * @param alert the alert of an {@code alert} frame, else null
 */
public record PushFrame(long seq, String type, String data, Alert alert) {
    /** The frame as the wall's websocket carries it: {@code {"seq":…,"type":"…","data":…}}. */
    public String text() {
        // The type is one of the hub's constants and data is JSON: nothing here needs escaping.
        return "{\"seq\":" + seq + ",\"type\":\"" + type + "\",\"data\":" + data + "}";
    }
}
