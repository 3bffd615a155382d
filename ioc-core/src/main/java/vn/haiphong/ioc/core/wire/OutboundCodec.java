package vn.haiphong.ioc.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.alert.ReportView;
import vn.haiphong.ioc.core.alert.Vessel;

/**
 * The one codec of the outbound wire contract: alerts, KPIs, dead letters, vessels and reports. A vessel that left its port's
 * area is an empty retained payload on its topic ({@link #VESSEL_GONE}), which clears the retained one.
 */
public final class OutboundCodec {
    /** The payload that clears a vessel's retained position: MQTT's empty retained message. */
    public static final byte[] VESSEL_GONE = new byte[0];

    private OutboundCodec() {}

    public static byte[] encode(Object message) {
        if (!(message instanceof Alert
                || message instanceof Kpi
                || message instanceof DeadLetter
                || message instanceof Vessel
                || message instanceof ReportView)) {
            throw new IllegalArgumentException("not an outbound message: " + message.getClass());
        }
        try {
            return Json.mapper().writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Alert decodeAlert(byte[] payload) throws IOException {
        return Json.mapper().readValue(payload, Alert.class);
    }

    public static Kpi decodeKpi(byte[] payload) throws IOException {
        return Json.mapper().readValue(payload, Kpi.class);
    }

    public static DeadLetter decodeDeadLetter(byte[] payload) throws IOException {
        return Json.mapper().readValue(payload, DeadLetter.class);
    }

    /** A vessel's position, or null for the empty payload that says it has left. */
    public static Vessel decodeVessel(byte[] payload) throws IOException {
        return payload.length == 0 ? null : Json.mapper().readValue(payload, Vessel.class);
    }

    /** A report's state for the wall, or null for the empty retained payload that removes it. */
    public static ReportView decodeReport(byte[] payload) throws IOException {
        return payload.length == 0 ? null : Json.mapper().readValue(payload, ReportView.class);
    }
}
