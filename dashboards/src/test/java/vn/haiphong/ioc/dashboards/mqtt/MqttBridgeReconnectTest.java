package vn.haiphong.ioc.dashboards.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.FrameQueue;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.Publisher;
import vn.haiphong.ioc.dashboards.testing.Samples;

/** The bridge against a broker that is not there yet, then goes away and comes back. */
@ExtendWith(VertxExtension.class)
class MqttBridgeReconnectTest {
    private MosquittoBroker broker;
    private Publisher publisher;
    /** Held in fields: Vert.x closes a client that is no longer referenced, with its connections. */
    private HttpClient http;

    private WebSocketClient ws;

    @AfterEach
    void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static Future<JsonObject> health(HttpClient http, int port) {
        return http.request(HttpMethod.GET, port, "127.0.0.1", "/health")
                .compose(req -> req.send())
                .compose(resp -> resp.body())
                .map(body -> body.toJsonObject());
    }

    private static Future<Void> until(Vertx vertx, HttpClient http, int port, String mqtt) {
        Promise<Void> reached = Promise.promise();
        vertx.setPeriodic(100, timer -> health(http, port).onSuccess(h -> {
            if (mqtt.equals(h.getString("mqtt")) && reached.tryComplete()) {
                vertx.cancelTimer(timer);
            }
        }));
        return reached.future();
    }

    private static boolean mqttState(JsonObject frame, String state) {
        return "mqtt".equals(frame.getString("type"))
                && state.equals(frame.getJsonObject("data").getString("state"));
    }

    @Test
    @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
    void startsWithoutABrokerAndResubscribesAfterTheBrokerComesBack(Vertx vertx, VertxTestContext test)
            throws Exception {
        broker = MosquittoBroker.onFreePort();
        http = vertx.createHttpClient();
        ws = vertx.createWebSocketClient();
        DashboardsConfig config =
                new DashboardsConfig(broker.uri(), "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000);
        DashboardsVerticle verticle = new DashboardsVerticle();
        Alert alert = Samples.incident("tc-010", Samples.T0);

        vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson()))
                .compose(id -> health(http, verticle.actualPort()))
                .compose(health -> {
                    // The wall is served while the broker is down, and says so.
                    test.verify(() -> {
                        assertThat(health.getString("mqtt")).isEqualTo("disconnected");
                        assertThat(health.getString("status")).isEqualTo("degraded");
                    });
                    return vertx.executeBlocking(() -> {
                        broker.run();
                        return null;
                    });
                })
                .compose(v -> until(vertx, http, verticle.actualPort(), "connected"))
                .compose(v -> ws.connect(new WebSocketConnectOptions()
                                .setHost("127.0.0.1")
                                .setPort(verticle.actualPort())
                                .setURI("/ws"))
                        .map(FrameQueue::of))
                .compose(frames -> vertx.executeBlocking(() -> {
                            broker.halt();
                            return null;
                        })
                        .compose(v -> frames.nextMatching(f -> mqttState(f, "disconnected")))
                        .compose(v -> vertx.executeBlocking(() -> {
                            broker.run();
                            publisher = new Publisher(vertx, broker.uri());
                            return null;
                        }))
                        .compose(v -> frames.nextMatching(f -> mqttState(f, "connected")))
                        // A clean session forgets subscriptions: the alert only arrives if the bridge renewed them.
                        .compose(v -> publisher.alert(alert))
                        .compose(v -> frames.nextAlert(alert.alertId())))
                .onComplete(test.succeedingThenComplete());
    }
}
