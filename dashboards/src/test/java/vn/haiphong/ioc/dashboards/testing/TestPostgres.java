package vn.haiphong.ioc.dashboards.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;

/**
 * PostgreSQL servers for the history tests. The embedded one (zonky's PostgreSQL 14 binaries, started once per JVM on
 * a free port) is always there; an external one (e.g. Debian's postgresql-15 that CI starts) is used as well when
 * {@code IOC_TEST_DB_URL} (or the system property {@code ioc.test.db.url}) names it, with {@code IOC_TEST_DB_USER} and
 * {@code IOC_TEST_DB_PASSWORD}. Each test class gets a new, empty database on the server, so classes share no rows.
 */
public final class TestPostgres {
    private static EmbeddedPostgres embedded;

    private TestPostgres() {}

    /** A new database on the embedded server. */
    public static synchronized Database embeddedDatabase() {
        try {
            if (embedded == null) {
                embedded = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = embedded;
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    try {
                                        started.close();
                                    } catch (IOException e) {
                                        // The JVM is going away; zonky also cleans its folder on the next start.
                                    }
                                },
                                "embedded-postgres-stop"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        String name = freshName();
        execute(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null, "CREATE DATABASE " + name);
        return new Database(embedded.getJdbcUrl("postgres", name), "postgres", null);
    }

    /** A new database on the external server, when one is configured. */
    public static Optional<Database> externalDatabase() {
        Optional<String> url = setting("IOC_TEST_DB_URL", "ioc.test.db.url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String user = setting("IOC_TEST_DB_USER", "ioc.test.db.user").orElse(null);
        String password =
                setting("IOC_TEST_DB_PASSWORD", "ioc.test.db.password").orElse(null);
        String name = freshName();
        execute(url.get(), user, password, "CREATE DATABASE " + name);
        String base = url.get().replaceFirst("\\?.*$", "");
        String query = url.get().contains("?") ? url.get().substring(url.get().indexOf('?')) : "";
        return Optional.of(new Database(base.substring(0, base.lastIndexOf('/') + 1) + name + query, user, password));
    }

    public static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private static String freshName() {
        return "ioc_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> setting(String env, String property) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
