package vn.haiphong.ioc.dashboards.history;

import static vn.haiphong.ioc.dashboards.history.Sql.number;
import static vn.haiphong.ioc.dashboards.history.Sql.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reads a KPI's time series: every stored window ({@code raw}), bins of 1, 5 or 15 minutes cut from
 * {@code kpi_values}, or hours and days from the hourly rollup {@code kpi_rollup_1h} (a continuous aggregate on
 * TimescaleDB, a view on plain PostgreSQL, the same columns on both). A point is {@code [t, avg, min, max]}: for raw
 * data t is the window's end and the three values are equal; for bins t is the start of the bin of window ends.
 */
public final class KpiHistory {
    /** Bins are counted from a midnight in the city (UTC+7), so a day is a day in Hai Phong. */
    private static final String ORIGIN = "timestamptz '2000-01-01 00:00:00+07'";

    public static final int MAX_RAW_POINTS = 10_000;

    private KpiHistory() {}

    public record Series(
            String kpi, String scopeType, String scopeId, Instant from, Instant to, Resolution resolution) {}

    public static JsonObject series(Connection connection, Series series) throws SQLException {
        JsonArray points = new JsonArray();
        boolean truncated = false;
        Sql sql = points(series);
        try (PreparedStatement statement = sql.prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (points.size() == MAX_RAW_POINTS) {
                    truncated = true;
                    break;
                }
                points.add(new JsonArray()
                        .add(text(rows, "t"))
                        .add(number(rows, "avg"))
                        .add(number(rows, "min"))
                        .add(number(rows, "max")));
            }
        }
        JsonObject body = new JsonObject()
                .put("kpi", series.kpi())
                .put("scopeType", series.scopeType())
                .put("scopeId", series.scopeId())
                .put("from", series.from().toString())
                .put("to", series.to().toString())
                .put("resolution", series.resolution().label())
                .put("unit", null)
                .put("target", null);
        // Unit and target as the newest window in the range gives them.
        Sql latest = new Sql();
        latest.append("SELECT unit, target FROM kpi_values" + scope(latest, series) + " AND window_end >= "
                + latest.bind(series.from()) + " AND window_end < " + latest.bind(series.to())
                + " ORDER BY window_end DESC LIMIT 1");
        try (PreparedStatement statement = latest.prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            if (rows.next()) {
                body.put("unit", rows.getString("unit")).put("target", number(rows, "target"));
            }
        }
        return body.put("points", points).put("truncated", truncated);
    }

    private static String scope(Sql sql, Series series) {
        return " WHERE kpi = " + sql.bind(series.kpi()) + " AND scope_type = " + sql.bind(series.scopeType())
                + " AND scope_id = " + sql.bind(series.scopeId());
    }

    private static Sql points(Series series) {
        Sql sql = new Sql();
        Resolution resolution = series.resolution();
        if (resolution == Resolution.RAW) {
            return sql.append("SELECT window_end AS t, value AS avg, value AS min, value AS max FROM kpi_values")
                    .append(scope(sql, series))
                    .append(" AND window_end >= " + sql.bind(series.from()) + " AND window_end < "
                            + sql.bind(series.to()) + " ORDER BY window_end LIMIT " + sql.bind(MAX_RAW_POINTS + 1));
        }
        String seconds = "make_interval(secs => ?)";
        double binSeconds = resolution.bin().toSeconds();
        if (resolution == Resolution.HOUR) {
            sql.append("SELECT bucket AS t, avg_value AS avg, min_value AS min, max_value AS max FROM kpi_rollup_1h")
                    .append(scope(sql, series));
            // The first bin is taken whole, so its figures do not depend on where the range happened to start.
            firstBin(sql, "bucket", binSeconds, series);
            return sql.append(" AND bucket < " + sql.bind(series.to()) + " ORDER BY bucket");
        }
        if (resolution.fromRollup()) {
            // Hours into days: the mean weighted by the windows behind each hour.
            sql.bind(binSeconds);
            sql.append("SELECT date_bin(" + seconds + ", bucket, " + ORIGIN + ") AS t,"
                            + " sum(avg_value * samples) / sum(samples) AS avg, min(min_value) AS min,"
                            + " max(max_value) AS max FROM kpi_rollup_1h")
                    .append(scope(sql, series));
            firstBin(sql, "bucket", binSeconds, series);
            return sql.append(" AND bucket < " + sql.bind(series.to()) + " GROUP BY 1 ORDER BY 1");
        }
        sql.bind(binSeconds);
        sql.append("SELECT date_bin(" + seconds + ", window_end, " + ORIGIN + ") AS t, avg(value) AS avg,"
                        + " min(value) AS min, max(value) AS max FROM kpi_values")
                .append(scope(sql, series));
        firstBin(sql, "window_end", binSeconds, series);
        return sql.append(" AND window_end < " + sql.bind(series.to()) + " GROUP BY 1 ORDER BY 1");
    }

    private static void firstBin(Sql sql, String column, double binSeconds, Series series) {
        sql.append(" AND " + column + " >= date_bin(make_interval(secs => " + sql.bind(binSeconds) + "), "
                + sql.bind(series.from()) + ", " + ORIGIN + ")");
    }
}
