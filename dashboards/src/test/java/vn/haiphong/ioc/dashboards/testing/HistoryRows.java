package vn.haiphong.ioc.dashboards.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes history rows with plain SQL, the way the Flink job's sink does (ON CONFLICT DO NOTHING, KPI windows
 * upserted), so the tests read what production writes.
 */
public final class HistoryRows implements AutoCloseable {
    private final Connection connection;

    public HistoryRows(Connection connection) {
        this.connection = connection;
    }

    /** One change of an alert; the title and description carry the alert's name in both languages. */
    public HistoryRows alertChange(
            UUID alertId,
            long seq,
            String domain,
            String site,
            String area,
            String severity,
            String status,
            Instant raisedAt,
            Instant updatedAt,
            String titleVi,
            String titleEn)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO alert_changes (alert_id, seq, rule, domain,"
                + " site, area, category, sub_category, severity, status, raised_at, updated_at, cleared_at,"
                + " entity_type, entity_id, lat, lon, title_vi, title_en, description_vi, description_en, evidence)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                + " ON CONFLICT (alert_id, seq) DO NOTHING")) {
            s.setObject(1, alertId);
            s.setLong(2, seq);
            s.setString(3, domain + ".test-rule");
            s.setString(4, domain);
            s.setString(5, site);
            s.setString(6, area);
            s.setString(7, "test");
            s.setString(8, "testCase");
            s.setString(9, severity);
            s.setString(10, status);
            s.setTimestamp(11, Timestamp.from(raisedAt));
            s.setTimestamp(12, Timestamp.from(updatedAt));
            s.setTimestamp(13, status.equals("cleared") ? Timestamp.from(updatedAt) : null);
            s.setString(14, "camera");
            s.setString(15, "tc-" + site);
            s.setDouble(16, 20.8575);
            s.setDouble(17, 106.6818);
            s.setString(18, titleVi);
            s.setString(19, titleEn);
            s.setString(20, titleVi + " (mô tả)");
            s.setString(21, titleEn + " (description)");
            s.setString(22, "{\"seq\": " + seq + "}");
            s.executeUpdate();
        }
        return this;
    }

    /** A KPI window ending at {@code windowEnd}, upserted as the sink does. */
    public HistoryRows kpiValue(
            String kpi, String scopeType, String scopeId, Instant windowEnd, double value, String unit, Double target)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO kpi_values (kpi, scope_type, scope_id,"
                + " window_start, window_end, value, unit, target, complete, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, true, ?)"
                + " ON CONFLICT (kpi, scope_type, scope_id, window_end) DO UPDATE SET value = excluded.value,"
                + " updated_at = excluded.updated_at WHERE kpi_values.updated_at <= excluded.updated_at")) {
            s.setString(1, kpi);
            s.setString(2, scopeType);
            s.setString(3, scopeId);
            s.setTimestamp(4, Timestamp.from(windowEnd.minusSeconds(60)));
            s.setTimestamp(5, Timestamp.from(windowEnd));
            s.setDouble(6, value);
            s.setString(7, unit);
            s.setObject(8, target);
            s.setTimestamp(9, Timestamp.from(windowEnd));
            s.executeUpdate();
        }
        return this;
    }

    public HistoryRows report(
            String id, String serviceCode, String area, String description, Instant requestedAt, String accountRef)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO reports (service_request_id, service_code,"
                + " area, lat, lon, address, description, media_url, requested_at, received_at, account_ref)"
                + " VALUES (?, ?, ?, 20.86, 106.68, 'Lạch Tray, Ngô Quyền', ?, NULL, ?, ?, ?)"
                + " ON CONFLICT (service_request_id) DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, serviceCode);
            s.setString(3, area);
            s.setString(4, description);
            s.setTimestamp(5, Timestamp.from(requestedAt));
            s.setTimestamp(6, Timestamp.from(requestedAt.plusSeconds(2)));
            s.setString(7, accountRef);
            s.executeUpdate();
        }
        return this;
    }

    public HistoryRows reportUpdate(String updateId, String reportId, String status, String agency, Instant at)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO report_updates (update_id,"
                + " service_request_id, status, agency_responsible, description, updated_at, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (update_id) DO NOTHING")) {
            s.setString(1, updateId);
            s.setString(2, reportId);
            s.setString(3, status);
            s.setString(4, agency);
            s.setString(5, "status " + status);
            s.setTimestamp(6, Timestamp.from(at));
            s.setTimestamp(7, Timestamp.from(at.plusSeconds(1)));
            s.executeUpdate();
        }
        return this;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
