package vn.haiphong.ioc.dashboards.history;

import static vn.haiphong.ioc.dashboards.history.Sql.number;
import static vn.haiphong.ioc.dashboards.history.Sql.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A field report and all its updates, in order. The columns are named one by one: {@code account_ref} (the keyed hash
 * of the citizen's account) is never read, so it cannot leak through here.
 */
public final class ReportHistory {
    private ReportHistory() {}

    /** The report with its updates, empty when neither the report nor any update of it is stored. */
    public static Optional<JsonObject> of(Connection connection, String serviceRequestId) throws SQLException {
        JsonObject report = null;
        Sql reportSql = new Sql();
        reportSql.append("SELECT service_code, area, lat, lon, address, description, media_url, requested_at,"
                + " received_at FROM reports WHERE service_request_id = " + reportSql.bind(serviceRequestId));
        try (PreparedStatement statement = reportSql.prepare(connection);
                ResultSet row = statement.executeQuery()) {
            if (row.next()) {
                Double lat = number(row, "lat");
                Double lon = number(row, "lon");
                report = new JsonObject()
                        .put("serviceCode", row.getString("service_code"))
                        .put("area", row.getString("area"))
                        .put(
                                "position",
                                lat == null || lon == null
                                        ? null
                                        : new JsonObject().put("lat", lat).put("lon", lon))
                        .put("address", row.getString("address"))
                        .put("description", row.getString("description"))
                        .put("mediaUrl", row.getString("media_url"))
                        .put("requestedAt", text(row, "requested_at"))
                        .put("receivedAt", text(row, "received_at"));
            }
        }

        JsonArray updates = new JsonArray();
        String status = null;
        String statusAt = null;
        String acknowledgedAt = null;
        Sql updatesSql = new Sql();
        updatesSql.append("SELECT update_id, status, agency_responsible, description, updated_at, received_at"
                + " FROM report_updates WHERE service_request_id = " + updatesSql.bind(serviceRequestId)
                + " ORDER BY updated_at, update_id");
        try (PreparedStatement statement = updatesSql.prepare(connection);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                status = row.getString("status");
                statusAt = text(row, "updated_at");
                // As the report_status view counts it: the first update that moves the report past OPEN.
                if (acknowledgedAt == null && !"OPEN".equals(status)) {
                    acknowledgedAt = statusAt;
                }
                updates.add(new JsonObject()
                        .put("updateId", row.getString("update_id"))
                        .put("status", status)
                        .put("agencyResponsible", row.getString("agency_responsible"))
                        .put("description", row.getString("description"))
                        .put("updatedAt", statusAt)
                        .put("receivedAt", text(row, "received_at")));
            }
        }
        if (report == null && updates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JsonObject()
                .put("serviceRequestId", serviceRequestId)
                .put("report", report)
                .put("status", status)
                .put("statusAt", statusAt)
                .put("acknowledgedAt", acknowledgedAt)
                .put("updates", updates));
    }
}
