package vn.haiphong.ioc.dashboards.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.HistoryRows;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;
import vn.haiphong.ioc.dashboards.testing.TestPostgres;

/**
 * Open311 GeoReport v2 end to end: the real dashboards server on a real mosquitto and an embedded PostgreSQL. Posted
 * requests are read off the broker and decoded with ioc-core's codec; history rows go in with plain SQL.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Open311ApiTest {
    static final String KEY = "test-key-" + UUID.randomUUID();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String SCRIPT = "<script>alert('x')</script> & \"Lạch Tray\"";
    static final String SECRET_REF = "acct:SECRET-REF-42";
    static final String PERSONAL = "Nguyễn Văn PrivateName";

    private MosquittoBroker broker;
    private MqttClient listener;
    private final LinkedBlockingQueue<byte[]> reports = new LinkedBlockingQueue<>();
    private Database database;
    private WebClient client;
    private int port;

    @BeforeAll
    void start(Vertx vertx, VertxTestContext test) throws Exception {
        broker = MosquittoBroker.start();
        listener = new MqttClient(broker.uri(), "open311-test-" + UUID.randomUUID(), new MemoryPersistence());
        listener.connect(new MqttConnectionOptions());
        // Paho's subscribe(String, int, listener) overload recurses; the array form does not.
        listener.subscribe(
                new MqttSubscription[] {new MqttSubscription(Topics.reportNew(), 1)},
                new IMqttMessageListener[] {(topic, message) -> reports.add(message.getPayload())});
        database = TestPostgres.embeddedDatabase();
        client = WebClient.create(vertx);
        JsonObject config = new DashboardsConfig(
                        broker.uri(), "127.0.0.1", 0, Optional.empty(), Optional.empty(), 1_000, Optional.of(database))
                .toJson()
                .put(Open311Api.API_KEYS, new JsonArray().add(ApiKeys.hex(KEY)))
                .put(Open311Api.RATE_BURST, 2)
                .put(Open311Api.RATE_PER_MINUTE, 1);
        DashboardsVerticle verticle = new DashboardsVerticle();
        vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
                .compose(id -> {
                    port = verticle.actualPort();
                    return until(vertx, "/health", body -> body.contains("\"connected\"") && body.contains("ready"));
                })
                .compose(v -> vertx.executeBlocking(() -> {
                    seed();
                    return null;
                }))
                .onComplete(test.succeedingThenComplete());
    }

    @AfterAll
    void stop() throws Exception {
        listener.disconnect();
        listener.close();
        broker.close();
    }

    private Future<Void> until(Vertx vertx, String path, java.util.function.Predicate<String> ready) {
        Promise<Void> done = Promise.promise();
        vertx.setPeriodic(100, timer -> get(path).onSuccess(r -> {
            if (ready.test(r.bodyAsString()) && done.tryComplete()) {
                vertx.cancelTimer(timer);
            }
        }));
        return done.future();
    }

    private void seed() throws Exception {
        try (HistoryRows rows = new HistoryRows(TestPostgres.connect(database))) {
            rows.report("HP-OPEN-1", "flooding", "303", SCRIPT, NOW.minus(2, ChronoUnit.HOURS), SECRET_REF)
                    .reportUpdate(
                            "U-1", "HP-OPEN-1", "IN_PROGRESS", "Công ty Thoát nước", NOW.minus(1, ChronoUnit.HOURS))
                    .report("HP-FIXED-1", "road-damage", "303", "ổ gà", NOW.minus(3, ChronoUnit.HOURS), SECRET_REF)
                    .reportUpdate("U-2", "HP-FIXED-1", "OPEN", null, NOW.minus(150, ChronoUnit.MINUTES))
                    .reportUpdate("U-3", "HP-FIXED-1", "FIXED", "Sở Xây dựng", NOW.minus(30, ChronoUnit.MINUTES))
                    .report("HP-OLD-1", "flooding", "303", "old", NOW.minus(120, ChronoUnit.DAYS), SECRET_REF);
        }
    }

    private Future<HttpResponse<Buffer>> get(String path) {
        return client.get(port, "127.0.0.1", path).send();
    }

    private Future<HttpResponse<Buffer>> post(String fmt, io.vertx.core.MultiMap form) {
        return client.post(port, "127.0.0.1", "/open311/v2/requests." + fmt).sendForm(form);
    }

    private static io.vertx.core.MultiMap form(String... pairs) {
        io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static Document xml(Buffer body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes()));
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent();
    }

    private static void assertNoPersonalData(String body) {
        assertThat(body)
                .doesNotContain(SECRET_REF)
                .doesNotContain(PERSONAL)
                .doesNotContain("account_ref")
                .doesNotContain("account_id")
                .doesNotContain("device_id")
                .doesNotContain("email")
                .doesNotContain("phone")
                .doesNotContain("first_name");
    }

    @Test
    void listsTheServicesInBothFormatsAndLanguages(VertxTestContext test) {
        get("/open311/v2/services.xml")
                .compose(xml -> get("/open311/v2/services.json?locale=en").map(json -> List.of(xml, json)))
                .onComplete(test.succeeding(both -> test.verify(() -> {
                    assertThat(both.get(0).statusCode()).isEqualTo(200);
                    assertThat(both.get(0).getHeader("Content-Type")).startsWith("application/xml");
                    Document doc = xml(both.get(0).body());
                    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("services");
                    Element flooding =
                            (Element) doc.getElementsByTagName("service").item(0);
                    assertThat(text(flooding, "service_code")).isEqualTo("flooding");
                    assertThat(text(flooding, "service_name")).isEqualTo("Ngập úng");
                    assertThat(text(flooding, "metadata")).isEqualTo("false");
                    assertThat(text(flooding, "type")).isEqualTo("realtime");
                    assertThat(text(flooding, "keywords")).contains("triều cường");
                    assertThat(text(flooding, "group")).isEqualTo("Hạ tầng");
                    JsonArray json = both.get(1).bodyAsJsonArray();
                    JsonObject first = json.getJsonObject(0);
                    assertThat(first.fieldNames())
                            .containsExactly(
                                    "service_code",
                                    "service_name",
                                    "description",
                                    "metadata",
                                    "type",
                                    "keywords",
                                    "group");
                    assertThat(first.getString("service_name")).isEqualTo("Flooding");
                    assertThat(first.getBoolean("metadata")).isFalse();
                    test.completeNow();
                })));
    }

    @Test
    void definesAKnownServiceAnd404sAnUnknownOne(VertxTestContext test) {
        get("/open311/v2/services/flooding.json")
                .compose(ok -> get("/open311/v2/services/nope.xml").map(missing -> List.of(ok, missing)))
                .onComplete(test.succeeding(both -> test.verify(() -> {
                    JsonObject definition = both.get(0).bodyAsJsonObject();
                    assertThat(definition.getString("service_code")).isEqualTo("flooding");
                    assertThat(definition.getJsonArray("attributes")).isEmpty();
                    assertThat(both.get(1).statusCode()).isEqualTo(404);
                    Document errors = xml(both.get(1).body());
                    assertThat(errors.getDocumentElement().getTagName()).isEqualTo("errors");
                    assertThat(text(errors.getDocumentElement(), "code")).isEqualTo("404");
                    assertThat(text(errors.getDocumentElement(), "description")).contains("nope");
                    test.completeNow();
                })));
    }

    @Test
    void postPublishesAReportTheIngestDecodesWithoutPersonalData(VertxTestContext test) {
        reports.clear();
        post(
                        "json",
                        form(
                                "api_key", KEY,
                                "service_code", "flooding",
                                "lat", "20.8561",
                                "long", "106.6822",
                                "address_string", "Lạch Tray, Ngô Quyền",
                                "description", SCRIPT,
                                "media_url", "https://example.org/p.jpg",
                                "device_id", "device-post-1",
                                "account_id", "acct-77",
                                "first_name", PERSONAL,
                                "last_name", "Lastname",
                                "email", "someone@example.org",
                                "phone", "0912345678"))
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(201);
                    JsonObject answer = r.bodyAsJsonArray().getJsonObject(0);
                    String id = answer.getString("service_request_id");
                    assertThat(id).matches("hp-\\d{14}-[a-z2-9]{8}");
                    assertThat(answer.containsKey("account_id")).isFalse();
                    byte[] payload = reports.poll(10, TimeUnit.SECONDS);
                    assertThat(payload).isNotNull();
                    String text = new String(payload, StandardCharsets.UTF_8);
                    assertThat(text)
                            .doesNotContain(PERSONAL)
                            .doesNotContain("someone@example.org")
                            .doesNotContain("0912345678")
                            .doesNotContain("acct-77")
                            .doesNotContain("device-post-1");
                    Decoded decoded = new InboundCodec(ReferenceData.defaults())
                            .decode(Topics.reportNew(), payload, System.currentTimeMillis());
                    assertThat(decoded.isOk()).as(decoded.toString()).isTrue();
                    ReportNew report = (ReportNew) decoded.event();
                    assertThat(report.serviceRequestId()).isEqualTo(id);
                    assertThat(report.serviceCode()).isEqualTo("flooding");
                    assertThat(report.description()).isEqualTo(SCRIPT);
                    assertThat(report.addressString()).isEqualTo("Lạch Tray, Ngô Quyền");
                    assertThat(text).contains("+07:00");
                    test.completeNow();
                })));
    }

    @Test
    void acceptsAFullLengthVietnameseDescription(VertxTestContext test) {
        String description = "Ngập úng đường Lạch Tray ".repeat(200).substring(0, ReportNew.MAX_DESCRIPTION);
        post(
                        "xml",
                        form(
                                "api_key",
                                KEY,
                                "service_code",
                                "flooding",
                                "lat",
                                "20.85",
                                "long",
                                "106.68",
                                "description",
                                description))
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
                    Element request = (Element)
                            xml(r.body()).getElementsByTagName("request").item(0);
                    assertThat(text(request, "service_request_id")).startsWith("hp-");
                    test.completeNow();
                })));
    }

    @Test
    void postAnswersTheSpecsErrors(VertxTestContext test) {
        Future.all(List.of(
                        post("xml", form("service_code", "flooding", "lat", "20.85", "long", "106.68")),
                        post("json", form("api_key", "wrong", "service_code", "flooding")),
                        post("json", form("api_key", KEY, "service_code", "nope", "lat", "20.85", "long", "106.68")),
                        post("json", form("api_key", KEY, "service_code", "flooding", "address_string", "x")),
                        post(
                                "json",
                                form(
                                        "api_key",
                                        KEY,
                                        "service_code",
                                        "flooding",
                                        "lat",
                                        "20.85",
                                        "long",
                                        "106.68",
                                        "description",
                                        "x".repeat(4001))),
                        post("json", form("api_key", KEY, "service_code", "flooding", "lat", "10.8", "long", "106.6")),
                        post(
                                "json",
                                form(
                                        "api_key",
                                        KEY,
                                        "service_code",
                                        "flooding",
                                        "lat",
                                        "20.85",
                                        "long",
                                        "106.68",
                                        "media_url",
                                        "javascript:alert(1)"))))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    List<HttpResponse<Buffer>> r = all.list();
                    assertThat(r.get(0).statusCode()).isEqualTo(403);
                    assertThat(text(xml(r.get(0).body()).getDocumentElement(), "code"))
                            .isEqualTo("403");
                    assertThat(r.get(1).statusCode()).isEqualTo(403);
                    assertThat(r.get(1).bodyAsJsonArray().getJsonObject(0).getInteger("code"))
                            .isEqualTo(403);
                    for (int i = 2; i < r.size(); i++) {
                        assertThat(r.get(i).statusCode()).as("case " + i).isEqualTo(400);
                        JsonObject error = r.get(i).bodyAsJsonArray().getJsonObject(0);
                        assertThat(error.fieldNames()).containsExactly("code", "description");
                    }
                    assertThat(r.get(5).bodyAsString()).contains("outside Hai Phong");
                    test.completeNow();
                })));
    }

    @Test
    void refusesABodyOverTheLimit(VertxTestContext test) {
        io.vertx.core.MultiMap big = form("api_key", KEY);
        for (int i = 0; i < 10; i++) {
            big.add("padding" + i, "x".repeat(Open311Api.MAX_BODY / 8));
        }
        post("xml", big)
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(413);
                    assertThat(text(xml(r.body()).getDocumentElement(), "code")).isEqualTo("413");
                    test.completeNow();
                })));
    }

    @Test
    void limitsPostsPerDevice(VertxTestContext test) {
        io.vertx.core.MultiMap request =
                form("api_key", KEY, "service_code", "waste", "lat", "20.85", "long", "106.68", "device_id", "flooder");
        post("json", request)
                .compose(a -> post("json", request))
                .compose(b -> post("xml", request))
                .onComplete(test.succeeding(third -> test.verify(() -> {
                    assertThat(third.statusCode()).isEqualTo(429);
                    assertThat(text(xml(third.body()).getDocumentElement(), "code"))
                            .isEqualTo("429");
                    test.completeNow();
                })));
    }

    @Test
    void readsRequestsWithOpenAndClosedStatusAndNoPersonalData(VertxTestContext test) {
        Future.all(List.of(
                        get("/open311/v2/requests.json"),
                        get("/open311/v2/requests.json?status=closed"),
                        get("/open311/v2/requests.xml?status=open&service_code=flooding"),
                        get("/open311/v2/requests/HP-FIXED-1.xml"),
                        get("/open311/v2/requests/HP-NOPE.json"),
                        get("/open311/v2/requests.json?service_request_id=HP-OLD-1,HP-OPEN-1"),
                        get("/open311/v2/requests.json?start_date=yesterday")))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    List<HttpResponse<Buffer>> r = all.list();
                    JsonArray recent = r.get(0).bodyAsJsonArray();
                    assertThat(recent.stream().map(o -> ((JsonObject) o).getString("service_request_id")))
                            .containsExactly("HP-OPEN-1", "HP-FIXED-1");
                    JsonObject open = recent.getJsonObject(0);
                    assertThat(open.getString("status")).isEqualTo("open");
                    assertThat(open.getString("description")).isEqualTo(SCRIPT);
                    assertThat(open.getString("service_name")).isEqualTo("Ngập úng");
                    assertThat(open.getString("agency_responsible")).isEqualTo("Công ty Thoát nước");
                    assertThat(open.getString("status_notes")).isEqualTo("status IN_PROGRESS");
                    assertThat(open.getString("requested_datetime")).endsWith("+07:00");
                    assertThat(open.getDouble("lat")).isEqualTo(20.86);
                    assertThat(open.getDouble("long")).isEqualTo(106.68);
                    assertThat(open.fieldNames())
                            .contains(
                                    "service_request_id",
                                    "status",
                                    "status_notes",
                                    "service_name",
                                    "service_code",
                                    "description",
                                    "agency_responsible",
                                    "requested_datetime",
                                    "updated_datetime",
                                    "address",
                                    "lat",
                                    "long");
                    // The project's JSON leaves out what is null: this report has no photo.
                    assertThat(open.containsKey("media_url")).isFalse();
                    assertThat(r.get(1).bodyAsJsonArray()).hasSize(1);
                    assertThat(r.get(1).bodyAsJsonArray().getJsonObject(0).getString("status"))
                            .isEqualTo("closed");
                    Document openXml = xml(r.get(2).body());
                    assertThat(openXml.getElementsByTagName("request").getLength())
                            .isEqualTo(1);
                    Element request =
                            (Element) openXml.getElementsByTagName("request").item(0);
                    assertThat(text(request, "description")).isEqualTo(SCRIPT);
                    assertThat(r.get(2).bodyAsString())
                            .doesNotContain("<script>")
                            .contains("&lt;script&gt;");
                    Document fixed = xml(r.get(3).body());
                    assertThat(fixed.getDocumentElement().getTagName()).isEqualTo("service_requests");
                    assertThat(text(fixed.getDocumentElement(), "status")).isEqualTo("closed");
                    assertThat(r.get(4).statusCode()).isEqualTo(404);
                    assertThat(r.get(5).bodyAsJsonArray()).hasSize(2);
                    assertThat(r.get(6).statusCode()).isEqualTo(400);
                    for (HttpResponse<Buffer> response : r) {
                        assertNoPersonalData(response.bodyAsString());
                    }
                    test.completeNow();
                })));
    }

    @Test
    void readsFixMyStreetUpdates(VertxTestContext test) {
        get("/open311/v2/servicerequestupdates.xml?start_date="
                        + NOW.minus(2, ChronoUnit.HOURS).toString())
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    Document doc = xml(r.body());
                    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_request_updates");
                    assertThat(doc.getElementsByTagName("request_update").getLength())
                            .isEqualTo(2);
                    Element last =
                            (Element) doc.getElementsByTagName("request_update").item(1);
                    assertThat(text(last, "update_id")).isEqualTo("U-3");
                    assertThat(text(last, "service_request_id")).isEqualTo("HP-FIXED-1");
                    assertThat(text(last, "status")).isEqualTo("FIXED");
                    assertThat(text(last, "updated_datetime")).endsWith("+07:00");
                    assertNoPersonalData(r.bodyAsString());
                    test.completeNow();
                })));
    }
}
