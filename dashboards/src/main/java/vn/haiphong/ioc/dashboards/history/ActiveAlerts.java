package vn.haiphong.ioc.dashboards.history;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.wire.OutboundCodec;

/**
 * The alerts that are active according to the history: what a wall must show again after the dashboards restart,
 * since alerts travel on MQTT unretained and the broker would not give them back. Each is the alert's latest change,
 * read into the wire contract's type through its one codec.
 */
public final class ActiveAlerts {
    /** Far more than a city has active at once; a bound so a broken job cannot make the start slow. */
    static final int LIMIT = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(ActiveAlerts.class);

    private ActiveAlerts() {}

    public static Future<List<Alert>> load(HistoryDatabase database) {
        return database.read(connection -> {
            List<Alert> alerts = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT * FROM alerts_latest WHERE status = 'active' ORDER BY updated_at LIMIT ?")) {
                s.setInt(1, LIMIT);
                try (ResultSet row = s.executeQuery()) {
                    while (row.next()) {
                        JsonObject alert = AlertHistory.alert(row);
                        try {
                            alerts.add(
                                    OutboundCodec.decodeAlert(alert.toBuffer().getBytes()));
                        } catch (IOException e) {
                            // A row the contract no longer reads: the wall misses it, the others still come back.
                            LOG.warn("active alert {} not taken back: {}", alert.getString("alertId"), e.getMessage());
                        }
                    }
                }
            }
            return alerts;
        });
    }
}
