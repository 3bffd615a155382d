package vn.haiphong.ioc.dashboards.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;

/** Without a database and a broker the service list still answers; reading and posting say 503 in Open311's form. */
@ExtendWith(VertxExtension.class)
class Open311UnavailableTest {
    @Test
    void readsAndPostsAnswer503WhileTheServicesStillAnswer(Vertx vertx, VertxTestContext test) {
        WebClient client = WebClient.create(vertx);
        JsonObject config = new DashboardsConfig(
                        "tcp://127.0.0.1:1", "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000)
                .toJson()
                .put(Open311Api.API_KEYS, ApiKeys.hex("k"));
        DashboardsVerticle verticle = new DashboardsVerticle();
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("api_key", "k")
                .add("service_code", "flooding")
                .add("lat", "20.85")
                .add("long", "106.68");
        vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
                .compose(id -> {
                    int port = verticle.actualPort();
                    List<Future<HttpResponse<Buffer>>> calls = List.of(
                            client.get(port, "127.0.0.1", "/open311/v2/requests.json")
                                    .send(),
                            client.get(port, "127.0.0.1", "/open311/v2/requests/HP-1.xml")
                                    .send(),
                            client.get(port, "127.0.0.1", "/open311/v2/servicerequestupdates.json")
                                    .send(),
                            client.post(port, "127.0.0.1", "/open311/v2/requests.json")
                                    .sendForm(form),
                            client.get(port, "127.0.0.1", "/open311/v2/services.json")
                                    .send());
                    return Future.all(calls);
                })
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    for (int i = 0; i < 4; i++) {
                        HttpResponse<Buffer> r = all.resultAt(i);
                        assertThat(r.statusCode()).as("call " + i).isEqualTo(503);
                        assertThat(r.bodyAsString()).contains("503");
                    }
                    assertThat(((HttpResponse<Buffer>) all.resultAt(0))
                                    .bodyAsJsonArray()
                                    .getJsonObject(0)
                                    .getString("description"))
                            .contains("without a database");
                    assertThat(((HttpResponse<Buffer>) all.resultAt(1)).bodyAsString())
                            .contains("<errors>");
                    assertThat(((HttpResponse<Buffer>) all.resultAt(4)).statusCode())
                            .isEqualTo(200);
                    test.completeNow();
                })));
    }
}
