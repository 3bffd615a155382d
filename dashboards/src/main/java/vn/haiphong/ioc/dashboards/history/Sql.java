package vn.haiphong.ioc.dashboards.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement put together from fixed fragments, with every value bound as a parameter: what a client sends only ever
 * becomes a parameter, never text of the statement. Also the few conversions the readers share.
 */
final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    Sql append(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Binds a value (a String[] becomes a text[]) and returns its placeholder for the next fragment. */
    String bind(Object value) {
        values.add(value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
        return "?";
    }

    String text() {
        return text.toString();
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text.toString());
        try {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return text + " " + values;
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A time as the API writes it: ISO-8601 in UTC, to the microsecond PostgreSQL keeps. */
    static String text(ResultSet row, String column) throws SQLException {
        Instant value = instant(row, column);
        return value == null ? null : value.toString();
    }

    static Double number(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}
