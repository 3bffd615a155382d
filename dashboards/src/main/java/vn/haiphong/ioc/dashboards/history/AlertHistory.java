package vn.haiphong.ioc.dashboards.history;

import static vn.haiphong.ioc.dashboards.history.Sql.instant;
import static vn.haiphong.ioc.dashboards.history.Sql.number;
import static vn.haiphong.ioc.dashboards.history.Sql.text;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads alert history from {@code alert_changes}: one row per change of an alert, as published. */
public final class AlertHistory {
    private static final String COLUMNS = "alert_id, seq, rule, domain, site, area, category, sub_category, severity,"
            + " status, raised_at, updated_at, cleared_at, entity_type, entity_id, lat, lon, title_vi, title_en,"
            + " description_vi, description_en, evidence";
    private static final String NEWEST_FIRST = " ORDER BY updated_at DESC, alert_id DESC, seq DESC";

    private AlertHistory() {}

    /**
     * A search of the alerts that changed in [from, to). Area, site and domain never change within an alert; severity
     * and status do, and are matched against the row returned. Empty sets match everything.
     *
     * @param everyChange every matching change as its own row; otherwise each alert once, as its last change in the
     *     range
     */
    public record Search(
            Instant from,
            Instant to,
            Set<String> areas,
            Set<String> sites,
            Set<String> domains,
            Set<String> severities,
            Set<String> statuses,
            boolean everyChange,
            int limit,
            Optional<AlertCursor> after) {}

    /** One page, newest first: {@code {from, to, items, next}} with {@code next} null on the last page. */
    public static JsonObject search(Connection connection, Search search) throws SQLException {
        Sql sql = new Sql();
        if (search.everyChange()) {
            sql.append("SELECT " + COLUMNS + " FROM alert_changes WHERE ");
            inRange(sql, search);
            fixedFilters(sql, search);
            changingFilters(sql, search);
        } else {
            // The last change of each alert in the range, then what it says about severity and status.
            sql.append("SELECT " + COLUMNS + " FROM (SELECT DISTINCT ON (alert_id) " + COLUMNS
                    + " FROM alert_changes WHERE ");
            inRange(sql, search);
            fixedFilters(sql, search);
            sql.append(" ORDER BY alert_id, seq DESC) latest WHERE true");
            changingFilters(sql, search);
        }
        search.after()
                .ifPresent(c -> sql.append(" AND (updated_at, alert_id, seq) < (" + sql.bind(c.updatedAt()) + ", "
                        + sql.bind(c.alertId()) + ", " + sql.bind(c.seq()) + ")"));
        sql.append(NEWEST_FIRST + " LIMIT " + sql.bind(search.limit() + 1));

        JsonArray items = new JsonArray();
        AlertCursor next = null;
        try (PreparedStatement statement = sql.prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            AlertCursor last = null;
            while (rows.next()) {
                if (items.size() == search.limit()) {
                    // One row more than asked for: there is a next page, and it starts after the last row sent.
                    next = last;
                    break;
                }
                items.add(alert(rows));
                last = new AlertCursor(
                        instant(rows, "updated_at"), rows.getObject("alert_id", UUID.class), rows.getLong("seq"));
            }
        }
        return new JsonObject()
                .put("from", search.from().toString())
                .put("to", search.to().toString())
                .put("items", items)
                .put("next", next == null ? null : next.encode());
    }

    /** Every change of one alert, in order of seq; empty when the alert is unknown. */
    public static List<JsonObject> changes(Connection connection, UUID alertId) throws SQLException {
        Sql sql = new Sql();
        sql.append("SELECT " + COLUMNS + " FROM alert_changes WHERE alert_id = " + sql.bind(alertId) + " ORDER BY seq");
        List<JsonObject> list = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                list.add(alert(rows));
            }
        }
        return list;
    }

    private static void inRange(Sql sql, Search search) {
        sql.append("updated_at >= " + sql.bind(search.from()) + " AND updated_at < " + sql.bind(search.to()));
    }

    private static void fixedFilters(Sql sql, Search search) {
        anyOf(sql, "area", search.areas());
        anyOf(sql, "site", search.sites());
        anyOf(sql, "domain", search.domains());
    }

    private static void changingFilters(Sql sql, Search search) {
        anyOf(sql, "severity", search.severities());
        anyOf(sql, "status", search.statuses());
    }

    private static void anyOf(Sql sql, String column, Set<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND " + column + " = ANY(" + sql.bind(values.toArray(String[]::new)) + ")");
        }
    }

    /** An alert change in the field names of the wire contract, as the live feed carries it. */
    static JsonObject alert(ResultSet row) throws SQLException {
        Double lat = number(row, "lat");
        Double lon = number(row, "lon");
        String evidence = row.getString("evidence");
        return new JsonObject()
                .put("alertId", row.getObject("alert_id", UUID.class).toString())
                .put("seq", row.getLong("seq"))
                .put("rule", row.getString("rule"))
                .put("domain", row.getString("domain"))
                .put("site", row.getString("site"))
                .put("area", row.getString("area"))
                .put("category", row.getString("category"))
                .put("subCategory", row.getString("sub_category"))
                .put("severity", row.getString("severity"))
                .put("status", row.getString("status"))
                .put("raisedAt", text(row, "raised_at"))
                .put("updatedAt", text(row, "updated_at"))
                .put("clearedAt", text(row, "cleared_at"))
                .put(
                        "entity",
                        new JsonObject()
                                .put("type", row.getString("entity_type"))
                                .put("id", row.getString("entity_id")))
                .put(
                        "position",
                        lat == null || lon == null
                                ? null
                                : new JsonObject().put("lat", lat).put("lon", lon))
                .put("title", localized(row, "title"))
                .put("description", localized(row, "description"))
                .put("evidence", evidence == null ? null : Json.decodeValue(evidence));
    }

    private static JsonObject localized(ResultSet row, String prefix) throws SQLException {
        return new JsonObject().put("vi", row.getString(prefix + "_vi")).put("en", row.getString(prefix + "_en"));
    }
}
