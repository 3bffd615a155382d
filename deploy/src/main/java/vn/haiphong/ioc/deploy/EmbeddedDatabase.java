package vn.haiphong.ioc.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's history database: a real PostgreSQL (zonky's packaged binaries, no install) whose data directory is kept
 * across restarts, so history survives {@code ./ioc demo} being stopped and started again. The launcher runs it as a
 * child of its own JVM and stops it last. The job and the dashboards get {@link #jdbcUrl()}; the schema is theirs to
 * migrate (Flyway).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** The database the IOC uses on the embedded server (created on first start). */
    public static final String DATABASE = "ioc";

    public static final String USER = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    public EmbeddedDatabase(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts the server (initialising the data directory the first time) and creates the IOC's database. */
    public EmbeddedDatabase start() {
        try {
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky starts PostgreSQL for throwaway tests (fsync off, asynchronous commit). Kept history
                    // needs both on: the job acknowledges MQTT messages once their rows are committed.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StackException(
                    "cannot start the embedded PostgreSQL on port " + port + " with data in " + dataDir + ": "
                            + e.getMessage()
                            + " (another PostgreSQL on that port? pass --db-port, or --with-db=false)",
                    e);
        }
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"), USER, "");
                Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = r.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + DATABASE);
                log.info("created the database {} in {}", DATABASE, dataDir);
            }
        } catch (SQLException e) {
            close();
            throw new StackException("the embedded PostgreSQL started but the database cannot be created: " + e, e);
        }
        return this;
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    /** Where the IOC's database is on an embedded server listening on {@code port}. */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The postmaster's process id (for ./ioc to stop a server that a killed launcher left running), or -1. */
    public long pid() {
        try {
            String first =
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            return Long.parseLong(first);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public boolean isRunning() {
        return postgres != null;
    }

    /** A fast shutdown (open sessions are ended, nothing is lost); the data directory stays. */
    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("the embedded PostgreSQL did not stop cleanly: {}", e.toString());
        } finally {
            postgres = null;
        }
    }
}
