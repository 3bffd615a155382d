package vn.haiphong.ioc.dashboards.history;

import java.util.Properties;
import org.postgresql.Driver;

/**
 * The history database's URL as pgjdbc and Flyway take it. Accepts {@code jdbc:postgresql://host:port/db} as the
 * launcher writes it, and libpq's {@code postgresql://host:port/db} (without userinfo: credentials go in db.user and
 * db.password, or as {@code ?user=&password=}).
 */
final class JdbcUrl {
    private JdbcUrl() {}

    static String normalise(String url) {
        String jdbc = url.startsWith("postgresql://") || url.startsWith("postgres://")
                ? "jdbc:postgresql://" + url.substring(url.indexOf("://") + 3)
                : url;
        if (!jdbc.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "the database URL must look like jdbc:postgresql://host:5432/ioc, not " + redacted(url));
        }
        Properties parsed = Driver.parseURL(jdbc, new Properties());
        if (parsed == null || jdbc.substring("jdbc:postgresql://".length()).contains("@")) {
            throw new IllegalArgumentException("the database URL is not one pgjdbc understands: " + redacted(url)
                    + " (put credentials in db.user and db.password, not before the host)");
        }
        return jdbc;
    }

    /** The URL without its password, for messages and logs. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
    }
}
