package vn.haiphong.ioc.dashboards.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.dashboards.history.HistoryDatabase;
import vn.haiphong.ioc.dashboards.testing.TestPostgres;

/** Operators' actions land in operator_actions of a real PostgreSQL (embedded), through the read-only pool's writer. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OperatorActionsStoreTest {
    private static Vertx vertx;
    private static HistoryDatabase history;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        history = HistoryDatabase.of(vertx, Optional.of(TestPostgres.embeddedDatabase()));
        Promise<Void> ready = Promise.promise();
        vertx.runOnContext(v -> {
            history.onReady(ready::tryComplete);
            history.start();
        });
        await(ready.future());
    }

    @AfterAll
    static void stop() throws Exception {
        if (history != null) {
            await(history.stop());
        }
        if (vertx != null) {
            await(vertx.close());
        }
    }

    @Test
    void aRuleChangeIsStoredWithWhoDidItAndReadBackNewestFirst() throws Exception {
        OperatorActions actions = new OperatorActions(history);
        ObjectNode first = Json.mapper().createObjectNode().put("version", 1);
        first.putArray("changes")
                .addObject()
                .put("rule", "traffic.congestion")
                .put("field", "occupancyAtLeast")
                .put("from", 0.6)
                .put("to", 0.4);
        actions.record(new OperatorActions.Action(
                1_795_568_400_000L, "op-lan", OperatorActions.RULES_CHANGE, null, "rush hour", first));
        actions.record(new OperatorActions.Action(
                1_795_568_460_000L,
                "op-minh",
                OperatorActions.REPORT_UPDATE,
                "hp-r-1",
                null,
                Json.mapper().createObjectNode().put("status", "FIXED")));

        List<OperatorActions.Action> rules = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rules.isEmpty() && System.nanoTime() < deadline) {
            await(vertx.timer(50));
            rules = await(actions.latest(OperatorActions.RULES_CHANGE, 10));
        }
        assertThat(rules).hasSize(1);
        OperatorActions.Action stored = rules.get(0);
        assertThat(stored.operator()).isEqualTo("op-lan");
        assertThat(stored.note()).isEqualTo("rush hour");
        assertThat(stored.at()).isEqualTo(1_795_568_400_000L);
        assertThat(stored.details().path("changes").get(0).path("to").asDouble())
                .isEqualTo(0.4);
        List<OperatorActions.Action> updates = List.of();
        while (updates.isEmpty() && System.nanoTime() < deadline) {
            await(vertx.timer(50));
            updates = await(actions.latest(OperatorActions.REPORT_UPDATE, 10));
        }
        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.serviceRequestId()).isEqualTo("hp-r-1");
            assertThat(u.details().path("status").asText()).isEqualTo("FIXED");
        });
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
