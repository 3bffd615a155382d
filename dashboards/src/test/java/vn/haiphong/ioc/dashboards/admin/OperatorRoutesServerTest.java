package vn.haiphong.ioc.dashboards.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.haiphong.ioc.core.rules.RuleSetMessage;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.auth.OperatorTokens;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.Publisher;

/**
 * The operators' routes of the whole server on a real broker: who may do what with which token, a report update as
 * it reaches MQTT, and the rules admin publishing a retained rule set one version above the one in force.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OperatorRoutesServerTest {
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID();

    private static Vertx vertx;
    private static MosquittoBroker broker;
    private static Publisher publisher;
    private static HttpClient http;
    private static int port;

    record Response(int status, MultiMap headers, Buffer body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        broker = MosquittoBroker.start();
        publisher = new Publisher(vertx, broker.uri());
        http = vertx.createHttpClient();
        JsonObject config =
                new DashboardsConfig(broker.uri(), "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000).toJson();
        config.put(
                DashboardsVerticle.OPERATOR_TOKENS,
                new JsonObject()
                        .put("op-lan", OperatorTokens.entry(List.of("operator", "admin"), ADMIN_TOKEN))
                        .put("op-minh", OperatorTokens.entry(List.of("operator"), OPERATOR_TOKEN)));
        DashboardsVerticle verticle = new DashboardsVerticle();
        await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
        port = verticle.actualPort();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!"connected"
                .equals(call(HttpMethod.GET, "/health", null, null).json().getString("mqtt"))) {
            assertThat(System.nanoTime()).as("the MQTT bridge connects").isLessThan(deadline);
            await(vertx.timer(50));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void withoutATokenOrTheRoleTheRoutesAnswer401And403WithAMessage() throws Exception {
        String patch = "{\"params\":{\"occupancyAtLeast\":0.5}}";
        Response none = call(HttpMethod.PATCH, "/api/admin/rules/traffic.congestion", null, patch);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().get("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.json().getString("message")).contains("Authorization: Bearer");
        Response unknown = call(HttpMethod.PATCH, "/api/admin/rules/traffic.congestion", "not-a-token", patch);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.headers().get("WWW-Authenticate")).contains("invalid_token");

        Response operator = call(HttpMethod.PATCH, "/api/admin/rules/traffic.congestion", OPERATOR_TOKEN, patch);
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.json().getString("message")).contains("op-minh").contains("'admin'");
        assertThat(call(HttpMethod.GET, "/api/admin/rules", OPERATOR_TOKEN, null)
                        .status())
                .isEqualTo(403);
        assertThat(call(HttpMethod.POST, "/api/operator/reports/hp-r-1/updates", null, "{\"status\":\"FIXED\"}")
                        .status())
                .isEqualTo(401);

        Response me = call(HttpMethod.GET, "/api/operator/me", OPERATOR_TOKEN, null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("name")).isEqualTo("op-minh");
        assertThat(me.json().getJsonArray("roles").getList()).containsExactly("operator");
        assertThat(call(HttpMethod.GET, "/api/operator/me", "nobody", null).status())
                .isEqualTo(401);
    }

    @Test
    void aPatchPublishesTheWholeRuleSetRetainedOneVersionUp() throws Exception {
        Response before = call(HttpMethod.GET, "/api/admin/rules", ADMIN_TOKEN, null);
        assertThat(before.status()).isEqualTo(200);
        long version = before.json().getLong("version");
        double was = before.json()
                .getJsonObject("rules")
                .getJsonObject("traffic.congestion")
                .getJsonObject("params")
                .getDouble("occupancyAtLeast");
        double next = was == 0.4 ? 0.45 : 0.4;

        Response patched = call(
                HttpMethod.PATCH,
                "/api/admin/rules/traffic.congestion",
                ADMIN_TOKEN,
                "{\"params\":{\"occupancyAtLeast\":" + next
                        + "},\"raiseAfter\":\"PT5M\",\"reason\":\"rush hour test\"}");
        assertThat(patched.status()).as(patched.body().toString()).isEqualTo(202);
        assertThat(patched.json().getLong("version")).isEqualTo(version + 1);
        assertThat(patched.json().getString("changedBy")).isEqualTo("op-lan");

        // A new subscriber gets the retained rule set: what the job reads when it starts.
        RuleSetMessage retained = RuleSetMessage.decode(retainedOn(Topics.RULES));
        assertThat(retained.version()).isEqualTo(version + 1);
        assertThat(retained.changedBy()).isEqualTo("op-lan");
        assertThat(retained.reason()).isEqualTo("rush hour test");
        assertThat(retained.ruleSet().rule("traffic.congestion").param("occupancyAtLeast"))
                .isEqualTo(next);
        assertThat(retained.ruleSet().rule("traffic.congestion").raiseAfter()).hasMinutes(5);
        // The other rules travel unchanged.
        assertThat(retained.ruleSet().rule("port.wind.stop-work").param("gustAtLeast"))
                .isEqualTo(20);

        // The job's echo shows on the admin view.
        await(publisher.raw(Topics.RULES_APPLIED, retained.encode(), true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject after;
        do {
            await(vertx.timer(50));
            after = call(HttpMethod.GET, "/api/admin/rules", ADMIN_TOKEN, null).json();
            assertThat(System.nanoTime()).as("the applied version arrives").isLessThan(deadline);
        } while (!Long.valueOf(version + 1).equals(after.getLong("appliedVersion")));
        assertThat(after.getLong("version")).isEqualTo(version + 1);
    }

    @Test
    void aBadValueIsA400ThatNamesTheProblemAndPublishesNothing() throws Exception {
        long version = call(HttpMethod.GET, "/api/admin/rules", ADMIN_TOKEN, null)
                .json()
                .getLong("version");
        Response text = call(
                HttpMethod.PATCH,
                "/api/admin/rules/traffic.congestion",
                ADMIN_TOKEN,
                "{\"params\":{\"occupancyAtLeast\":\"high\"}}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().getJsonArray("problems").getString(0))
                .contains("occupancyAtLeast")
                .contains("must be a number");
        Response unknown = call(
                HttpMethod.PATCH,
                "/api/admin/rules/traffic.congestion",
                ADMIN_TOKEN,
                "{\"params\":{\"occupancy\":0.4}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().getString("message")).contains("occupancyAtLeast");
        Response negative = call(
                HttpMethod.PATCH, "/api/admin/rules/traffic.congestion", ADMIN_TOKEN, "{\"clearAfter\":\"PT-5M\"}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().getString("message")).contains("clearAfter");
        assertThat(call(HttpMethod.PATCH, "/api/admin/rules/no.such.rule", ADMIN_TOKEN, "{\"params\":{}}")
                        .status())
                .isEqualTo(404);
        // A whole set that drops a rule fails RuleSetMessage.problems.
        JsonObject set =
                call(HttpMethod.GET, "/api/admin/rules", ADMIN_TOKEN, null).json();
        set.getJsonObject("rules").remove("port.wind.warning");
        Response missing = call(HttpMethod.PUT, "/api/admin/rules", ADMIN_TOKEN, set.encode());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getJsonArray("problems").getList()).contains("rule 'port.wind.warning' is missing");
        assertThat(call(HttpMethod.GET, "/api/admin/rules", ADMIN_TOKEN, null)
                        .json()
                        .getLong("version"))
                .isEqualTo(version);
    }

    @Test
    void anOperatorsReportUpdateGoesOutOnTheReportsUpdateTopic() throws Exception {
        BlockingQueue<MqttMessage> updates = new LinkedBlockingQueue<>();
        MqttClient subscriber = subscriber("hp/v1/report/+/update", updates);
        try {
            Response bad = call(
                    HttpMethod.POST, "/api/operator/reports/hp-r-7/updates", OPERATOR_TOKEN, "{\"status\":\"DONE\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().getString("message")).contains("IN_PROGRESS").contains("\"DONE\"");

            Response done = call(
                    HttpMethod.POST,
                    "/api/operator/reports/hp-r-7/updates",
                    OPERATOR_TOKEN,
                    "{\"status\":\"IN_PROGRESS\",\"description\":\"Đội thoát nước đã đến\","
                            + "\"agency_responsible\":\"Công ty Thoát nước\"}");
            assertThat(done.status()).as(done.body().toString()).isEqualTo(202);
            String updateId = done.json().getString("update_id");
            assertThat(updateId).isNotBlank();
            MqttMessage message = updates.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("the update reaches the broker").isNotNull();
            JsonObject payload = new JsonObject(new String(message.getPayload(), StandardCharsets.UTF_8));
            assertThat(payload.getString("update_id")).isEqualTo(updateId);
            assertThat(payload.getString("status")).isEqualTo("IN_PROGRESS");
            assertThat(payload.getString("agency_responsible")).isEqualTo("Công ty Thoát nước");
            assertThat(payload.getString("description")).isEqualTo("Đội thoát nước đã đến");
            assertThat(payload.getValue("updated_datetime")).isNotNull();
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private static byte[] retainedOn(String topic) throws Exception {
        BlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();
        MqttClient client = subscriber(topic, messages);
        try {
            MqttMessage message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("a retained message on " + topic).isNotNull();
            assertThat(message.isRetained()).isTrue();
            return message.getPayload();
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static MqttClient subscriber(String filter, BlockingQueue<MqttMessage> into) throws MqttException {
        MqttClient client = new MqttClient(broker.uri(), "ioc-test-sub-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                into.add(message);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        client.subscribe(filter, 1);
        return client;
    }

    private static Response call(HttpMethod method, String uri, String token, String body) throws Exception {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(uri);
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        io.vertx.core.Context context = vertx.getOrCreateContext();
        io.vertx.core.Promise<Response> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> http.request(options)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body, "UTF-8")))
                .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b)))
                .onComplete(done));
        return await(done.future());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
