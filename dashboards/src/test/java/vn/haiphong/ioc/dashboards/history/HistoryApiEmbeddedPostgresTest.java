package vn.haiphong.ioc.dashboards.history;

import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;
import vn.haiphong.ioc.dashboards.testing.TestPostgres;

/** The history API on the embedded PostgreSQL 14 (plain PostgreSQL: partitioned tables, the rollup as a view). */
class HistoryApiEmbeddedPostgresTest extends HistoryApiContract {
    @Override
    Database newDatabase() {
        return TestPostgres.embeddedDatabase();
    }
}
