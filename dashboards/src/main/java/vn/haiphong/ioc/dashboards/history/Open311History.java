package vn.haiphong.ioc.dashboards.history;

import static vn.haiphong.ioc.dashboards.history.Sql.instant;
import static vn.haiphong.ioc.dashboards.history.Sql.number;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Field reports and their updates as Open311 GeoReport v2 reads them. The columns are named one by one:
 * {@code account_ref} is never read, so no citizen identifier can leak through here.
 */
public final class Open311History {
    /** The FixMyStreet statuses that Open311 calls {@code closed}; every other one (and none yet) is {@code open}. */
    public static final Set<String> CLOSED = Set.of(
            "FIXED", "CLOSED", "DUPLICATE", "NOT_COUNCILS_RESPONSIBILITY", "NO_FURTHER_ACTION", "INTERNAL_REFERRAL");

    private static final String[] CLOSED_ARRAY = CLOSED.toArray(String[]::new);

    /** A report with the latest of its updates (status, agency, notes); those are null before the first update. */
    public record Request(
            String serviceRequestId,
            String serviceCode,
            String status,
            String statusNotes,
            String agencyResponsible,
            String description,
            Instant requestedAt,
            Instant updatedAt,
            String address,
            Double lat,
            Double lon,
            String mediaUrl) {
        public boolean closed() {
            return status != null && CLOSED.contains(status);
        }
    }

    public record Update(
            String updateId, String serviceRequestId, String status, Instant updatedAt, String description) {}

    /** What GET requests asks for: either ids (then nothing else counts) or the other filters. */
    public record Query(List<String> ids, String serviceCode, Instant from, Instant to, Boolean closed, int limit) {}

    private Open311History() {}

    public static List<Request> requests(Connection connection, Query query) throws SQLException {
        Sql sql = new Sql();
        sql.append("SELECT r.service_request_id, r.service_code, r.lat, r.lon, r.address, r.description,"
                + " r.media_url, r.requested_at, u.status, u.agency_responsible, u.description AS status_notes,"
                + " u.updated_at FROM reports r LEFT JOIN LATERAL (SELECT status, agency_responsible, description,"
                + " updated_at FROM report_updates x WHERE x.service_request_id = r.service_request_id"
                + " ORDER BY x.updated_at DESC, x.update_id DESC LIMIT 1) u ON true WHERE ");
        if (!query.ids().isEmpty()) {
            sql.append("r.service_request_id = ANY(" + sql.bind(query.ids().toArray(String[]::new)) + ")");
        } else {
            sql.append(
                    "r.requested_at >= " + sql.bind(query.from()) + " AND r.requested_at <= " + sql.bind(query.to()));
            if (query.serviceCode() != null) {
                sql.append(" AND r.service_code = " + sql.bind(query.serviceCode()));
            }
            if (query.closed() != null) {
                String closedArray = sql.bind(CLOSED_ARRAY);
                sql.append(
                        query.closed()
                                ? " AND u.status = ANY(" + closedArray + ")"
                                : " AND (u.status IS NULL OR NOT u.status = ANY(" + closedArray + "))");
            }
        }
        sql.append(" ORDER BY r.requested_at DESC, r.service_request_id LIMIT " + sql.bind(query.limit()));
        List<Request> out = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                Instant requested = instant(row, "requested_at");
                Instant updated = instant(row, "updated_at");
                out.add(new Request(
                        row.getString("service_request_id"),
                        row.getString("service_code"),
                        row.getString("status"),
                        row.getString("status_notes"),
                        row.getString("agency_responsible"),
                        row.getString("description"),
                        requested,
                        updated == null ? requested : updated,
                        row.getString("address"),
                        number(row, "lat"),
                        number(row, "lon"),
                        row.getString("media_url")));
            }
        }
        return out;
    }

    public static List<Update> updates(Connection connection, Instant from, Instant to, int limit) throws SQLException {
        Sql sql = new Sql();
        sql.append("SELECT update_id, service_request_id, status, description, updated_at FROM report_updates"
                + " WHERE updated_at >= " + sql.bind(from) + " AND updated_at <= " + sql.bind(to)
                + " ORDER BY updated_at, update_id LIMIT " + sql.bind(limit));
        List<Update> out = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                out.add(new Update(
                        row.getString("update_id"),
                        row.getString("service_request_id"),
                        row.getString("status"),
                        instant(row, "updated_at"),
                        row.getString("description")));
            }
        }
        return out;
    }
}
