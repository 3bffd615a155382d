package vn.haiphong.ioc.dashboards.history;

import org.junit.jupiter.api.Assumptions;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;
import vn.haiphong.ioc.dashboards.testing.TestPostgres;

/**
 * The history API on an external PostgreSQL, when {@code IOC_TEST_DB_URL} names one (e.g. Debian's postgresql-15,
 * or a server with TimescaleDB): skipped otherwise.
 */
class HistoryApiExternalPostgresTest extends HistoryApiContract {
    @Override
    Database newDatabase() {
        var database = TestPostgres.externalDatabase();
        Assumptions.assumeTrue(database.isPresent(), "IOC_TEST_DB_URL is not set");
        return database.get();
    }
}
