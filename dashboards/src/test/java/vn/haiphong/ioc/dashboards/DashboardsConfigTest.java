package vn.haiphong.ioc.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DashboardsConfigTest {
    @Test
    void readsTheHistoryDatabaseFromTheDbKeysAndRoundTripsIt() {
        DashboardsConfig config = DashboardsConfig.from(new JsonObject()
                .put("db.url", "jdbc:postgresql://127.0.0.1:5432/ioc")
                .put("db.user", "ioc")
                .put("db.password", "s3cret"));
        assertThat(config.database()).hasValueSatisfying(db -> {
            assertThat(db.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/ioc");
            assertThat(db.user()).isEqualTo("ioc");
            assertThat(db.password()).isEqualTo("s3cret");
            assertThat(db.toString()).doesNotContain("s3cret");
        });
        assertThat(DashboardsConfig.from(config.toJson())).isEqualTo(config);
    }

    @Test
    void noUrlMeansNoHistory() {
        assertThat(DashboardsConfig.from(new JsonObject()).database()).isEmpty();
        assertThat(DashboardsConfig.from(new JsonObject().put("db.url", "  ").put("db.user", "ioc"))
                        .database())
                .isEmpty();
    }
}
