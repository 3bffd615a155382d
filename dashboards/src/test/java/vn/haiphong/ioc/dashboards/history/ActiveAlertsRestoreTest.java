package vn.haiphong.ioc.dashboards.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.HistoryRows;
import vn.haiphong.ioc.dashboards.testing.TestPostgres;

/**
 * Alerts reach the dashboards on MQTT without the retained flag, so a restarted server would show an empty alert list
 * until each alert changed again. With a history database it takes the active ones back from there.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ActiveAlertsRestoreTest {
    static final UUID STORM = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    static final UUID ENDED = UUID.fromString("00000000-0000-4000-8000-0000000000a2");

    @Test
    void aRestartedServerShowsTheAlertsThatAreStillActiveInTheHistory(Vertx vertx, VertxTestContext test) {
        Database database = TestPostgres.embeddedDatabase();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        WebClient client = WebClient.create(vertx);
        // The first server migrates the empty database; the rows then go in as the job's sink writes them.
        deploy(vertx, database)
                .compose(first -> until(vertx, client, first.port(), "/api/history/status", r -> true)
                        .compose(v -> vertx.executeBlocking(() -> {
                            try (HistoryRows rows = new HistoryRows(TestPostgres.connect(database))) {
                                Instant raised = now.minus(2, ChronoUnit.HOURS);
                                rows.alertChange(
                                                STORM,
                                                1,
                                                "port",
                                                "tan-vu",
                                                "318",
                                                "high",
                                                "active",
                                                raised,
                                                raised,
                                                "Cảnh báo gió",
                                                "Wind warning")
                                        .alertChange(
                                                STORM,
                                                2,
                                                "port",
                                                "tan-vu",
                                                "318",
                                                "critical",
                                                "active",
                                                raised,
                                                now.minus(1, ChronoUnit.HOURS),
                                                "Dừng làm việc",
                                                "Stop work")
                                        .alertChange(
                                                ENDED,
                                                1,
                                                "traffic",
                                                "303",
                                                "303",
                                                "medium",
                                                "active",
                                                raised,
                                                raised,
                                                "Ùn tắc",
                                                "Congestion")
                                        .alertChange(
                                                ENDED,
                                                2,
                                                "traffic",
                                                "303",
                                                "303",
                                                "medium",
                                                "cleared",
                                                raised,
                                                now.minus(30, ChronoUnit.MINUTES),
                                                "Ùn tắc",
                                                "Congestion");
                            }
                            return null;
                        }))
                        .compose(v -> vertx.undeploy(first.id())))
                // The restart: a new server on the same database, no MQTT message in between.
                .compose(v -> deploy(vertx, database))
                .compose(second -> until(vertx, client, second.port(), "/api/alerts", alerts -> !alerts.isEmpty()))
                .onComplete(test.succeeding(alerts -> test.verify(() -> {
                    assertThat(alerts.size()).as("only the alert still active").isEqualTo(1);
                    JsonObject storm = alerts.getJsonObject(0);
                    assertThat(storm.getString("alertId")).isEqualTo(STORM.toString());
                    assertThat(storm.getLong("seq")).as("its latest change").isEqualTo(2);
                    assertThat(storm.getString("severity")).isEqualTo("critical");
                    assertThat(storm.getJsonObject("title").getString("en")).isEqualTo("Stop work");
                    test.completeNow();
                })));
    }

    private record Deployed(String id, int port) {}

    private static Future<Deployed> deploy(Vertx vertx, Database database) {
        DashboardsConfig config = new DashboardsConfig(
                "tcp://127.0.0.1:1", "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000, Optional.of(database));
        DashboardsVerticle verticle = new DashboardsVerticle();
        return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson()))
                .map(id -> new Deployed(id, verticle.actualPort()));
    }

    /** Polls a JSON array endpoint until it answers 200 with an array that passes {@code done}. */
    private static Future<JsonArray> until(
            Vertx vertx, WebClient client, int port, String path, Predicate<JsonArray> done) {
        Promise<JsonArray> result = Promise.promise();
        vertx.setPeriodic(
                100, timer -> client.get(port, "127.0.0.1", path).send().onSuccess(r -> {
                    if (r.statusCode() != 200) {
                        return;
                    }
                    Object body = r.bodyAsJson(Object.class);
                    JsonArray array = body instanceof JsonArray a ? a : new JsonArray();
                    if (done.test(array) && result.tryComplete(array)) {
                        vertx.cancelTimer(timer);
                    }
                }));
        return result.future();
    }
}
