package vn.haiphong.ioc.dashboards.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;

/** Without a usable database the server still serves the wall, and every history endpoint says why it cannot. */
@ExtendWith(VertxExtension.class)
class HistoryUnavailableTest {
    private static final String[] ENDPOINTS = {
        "/api/history/alerts",
        "/api/history/alerts/00000000-0000-4000-8000-000000000001",
        "/api/history/kpi?kpi=max-gust&scopeType=port&scopeId=tan-vu",
        "/api/history/reports/HP-1",
        // Even a bad request: the client first needs to know there is no history here at all.
        "/api/history/alerts?limit=0"
    };

    @Test
    void withoutADatabaseEveryHistoryEndpointAnswers503(Vertx vertx, VertxTestContext test) {
        WebClient client = WebClient.create(vertx);
        deploy(vertx, Optional.empty())
                .compose(port -> Future.all(java.util.stream.Stream.concat(
                                java.util.Arrays.stream(ENDPOINTS),
                                java.util.stream.Stream.of("/api/history/status", "/health", "/"))
                        .map(uri -> client.get(port, "127.0.0.1", uri).send())
                        .toList()))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    for (int i = 0; i < ENDPOINTS.length; i++) {
                        HttpResponse<Buffer> r = all.resultAt(i);
                        assertThat(r.statusCode()).as(ENDPOINTS[i]).isEqualTo(503);
                        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("service unavailable");
                        assertThat(r.bodyAsJsonObject().getString("message")).contains("without a database");
                    }
                    HttpResponse<Buffer> status = all.resultAt(ENDPOINTS.length);
                    assertThat(status.statusCode()).isEqualTo(503);
                    assertThat(status.bodyAsJsonObject().getString("state")).isEqualTo("off");
                    HttpResponse<Buffer> health = all.resultAt(ENDPOINTS.length + 1);
                    assertThat(health.bodyAsJsonObject().getString("history")).isEqualTo("off");
                    HttpResponse<Buffer> wall = all.resultAt(ENDPOINTS.length + 2);
                    assertThat(wall.statusCode()).isEqualTo(200);
                    test.completeNow();
                })));
    }

    @Test
    void anUnreachableDatabaseIs503WithTheReasonWhileTheServerKeepsTrying(Vertx vertx, VertxTestContext test)
            throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        WebClient client = WebClient.create(vertx);
        Database nowhere = new Database("jdbc:postgresql://127.0.0.1:" + closed + "/ioc", "ioc", "secret-pw");
        deploy(vertx, Optional.of(nowhere))
                .compose(port -> untilProblemReported(vertx, client, port))
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.bodyAsJsonObject().getString("message"))
                            .contains("not reachable")
                            .doesNotContain("secret-pw");
                    test.completeNow();
                })));
    }

    @Test
    void aMalformedDatabaseUrlFailsHistoryAndNotTheServer(Vertx vertx, VertxTestContext test) {
        WebClient client = WebClient.create(vertx);
        Database wrong = new Database("mysql://127.0.0.1/ioc?password=hunter2", null, null);
        deploy(vertx, Optional.of(wrong))
                .compose(port ->
                        client.get(port, "127.0.0.1", "/api/history/status").send())
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.bodyAsJsonObject().getString("state")).isEqualTo("failed");
                    assertThat(r.bodyAsJsonObject().getString("message"))
                            .contains("jdbc:postgresql://")
                            .doesNotContain("hunter2");
                    test.completeNow();
                })));
    }

    /** The first attempt to connect takes a moment to fail; polls until the status carries its reason. */
    private static Future<HttpResponse<Buffer>> untilProblemReported(Vertx vertx, WebClient client, int port) {
        return client.get(port, "127.0.0.1", "/api/history/alerts").send().compose(r -> {
            if (r.statusCode() == 503
                    && r.bodyAsJsonObject().getString("message").contains("not reachable")) {
                return Future.succeededFuture(r);
            }
            return vertx.timer(100).compose(t -> untilProblemReported(vertx, client, port));
        });
    }

    private static Future<Integer> deploy(Vertx vertx, Optional<Database> database) {
        DashboardsConfig config = new DashboardsConfig(
                "tcp://127.0.0.1:1", "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000, database);
        DashboardsVerticle verticle = new DashboardsVerticle();
        return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson()))
                .map(id -> verticle.actualPort());
    }
}
