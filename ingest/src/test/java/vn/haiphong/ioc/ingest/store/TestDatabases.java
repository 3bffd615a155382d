package vn.haiphong.ioc.ingest.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL servers the storage tests run against: always an embedded PostgreSQL (zonky's binaries, one per test
 * JVM), and also the server that {@code IOC_TEST_DB_URL} (or the system property {@code ioc.test.db.url}) names, with
 * {@code IOC_TEST_DB_USER} and {@code IOC_TEST_DB_PASSWORD}; .ci/run points it at Debian's postgresql-15. That role
 * needs CREATEDB: every test gets a database of its own, dropped afterwards.
 */
public final class TestDatabases {
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");
    private static EmbeddedPostgres embedded;

    private TestDatabases() {}

    /** A server: where to connect as a role that may create databases. */
    public record Server(String name, String url, String user, String password) {
        @Override
        public String toString() {
            return name; // the parameterized tests' display name
        }

        /** A new, empty database on this server. */
        public TestDatabase createDatabase() throws SQLException {
            String db =
                    "ioc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
            }
            Matcher m = URL.matcher(url);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + url);
            }
            String dbUrl = m.group(1) + db + (m.group(3) == null ? "" : m.group(3));
            return new TestDatabase(this, db, dbUrl);
        }
    }

    /** A database of its own for one test; {@link #close()} drops it. */
    public record TestDatabase(Server server, String name, String url) implements AutoCloseable {
        public String user() {
            return server.user();
        }

        public String password() {
            return server.password();
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, server.user(), server.password());
        }

        public TestDatabase migrated() {
            Migrations.apply(url, server.user(), server.password(), 0);
            return this;
        }

        public HistoryConnection history(WriteMode mode) throws SQLException {
            return HistoryConnection.open(url, server.user(), server.password(), "ioc-test", mode);
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** The embedded server and, when configured, the external one. */
    public static List<Server> all() {
        List<Server> servers = new ArrayList<>();
        servers.add(embedded());
        external().ifPresent(servers::add);
        return servers;
    }

    public static Optional<Server> external() {
        String url = setting("ioc.test.db.url", "IOC_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Server(
                "external " + url,
                url,
                setting("ioc.test.db.user", "IOC_TEST_DB_USER"),
                setting("ioc.test.db.password", "IOC_TEST_DB_PASSWORD")));
    }

    /** The embedded PostgreSQL of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized Server embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL: " + e, e);
            }
            EmbeddedPostgres started = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // The JVM is exiting.
                }
            }));
        }
        return new Server("embedded", embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(env.toUpperCase(Locale.ROOT));
    }
}
