package vn.haiphong.ioc.ingest.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to ioc-core's schema ({@code classpath:db/migration}) with Flyway. Flyway's lock lets the job and
 * the dashboards run this at the same time against the same database.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    /** Applies what is missing and returns the schema version; waits up to {@code connectRetries} s for the server. */
    public static String apply(String url, String user, String password, int connectRetries) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .connectRetries(connectRetries)
                .connectRetriesInterval(5)
                .load();
        MigrateResult result = flyway.migrate();
        String version = result.targetSchemaVersion != null
                ? result.targetSchemaVersion
                : flyway.info().current() == null
                        ? "none"
                        : flyway.info().current().getVersion().getVersion();
        LOG.info(
                "History database {}: schema version {} ({} migrations applied now)",
                url,
                version,
                result.migrationsExecuted);
        return version;
    }
}
