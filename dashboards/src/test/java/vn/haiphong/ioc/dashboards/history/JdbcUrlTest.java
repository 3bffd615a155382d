package vn.haiphong.ioc.dashboards.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {
    @Test
    void keepsAJdbcUrlAndCompletesLibpqsForm() {
        assertThat(JdbcUrl.normalise("jdbc:postgresql://db.ioc:5432/ioc?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.ioc:5432/ioc?sslmode=require");
        assertThat(JdbcUrl.normalise("postgresql://127.0.0.1/ioc")).isEqualTo("jdbc:postgresql://127.0.0.1/ioc");
        assertThat(JdbcUrl.normalise("postgres://127.0.0.1:6543/ioc"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:6543/ioc");
    }

    @Test
    void refusesOtherDatabasesAndCredentialsBeforeTheHostWithoutShowingThePassword() {
        assertThatThrownBy(() -> JdbcUrl.normalise("jdbc:mysql://db/ioc?password=hunter2"))
                .hasMessageContaining("jdbc:postgresql://host:5432/ioc")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JdbcUrl.normalise("postgresql://ioc:hunter2@db/ioc"))
                .hasMessageContaining("db.user")
                .hasMessageNotContaining("hunter2");
    }
}
