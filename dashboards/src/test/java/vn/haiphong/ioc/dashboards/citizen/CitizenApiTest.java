package vn.haiphong.ioc.dashboards.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
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
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.dashboards.DashboardsConfig;
import vn.haiphong.ioc.dashboards.DashboardsConfig.CitizenLimits;
import vn.haiphong.ioc.dashboards.DashboardsVerticle;
import vn.haiphong.ioc.dashboards.testing.MosquittoBroker;

/**
 * The citizen app's server side end to end: the real dashboards server on a real mosquitto, photos stored in a temp
 * data directory, reports read off the broker and decoded with ioc-core's codec.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CitizenApiTest {
    static final int PHOTO_LIMIT = 300 * 1024;
    static final String SECRET = "GPS-SECRET-20.8561N-106.6822E";

    private MosquittoBroker broker;
    private MqttClient listener;
    private final LinkedBlockingQueue<byte[]> reports = new LinkedBlockingQueue<>();
    private WebClient client;
    private Path dataDir;
    private int port;
    private int strictPort;

    @BeforeAll
    void start(Vertx vertx, VertxTestContext test) throws Exception {
        broker = MosquittoBroker.start();
        listener = new MqttClient(broker.uri(), "citizen-test-" + UUID.randomUUID(), new MemoryPersistence());
        listener.connect(new MqttConnectionOptions());
        listener.subscribe(
                new MqttSubscription[] {new MqttSubscription(Topics.reportNew(), 1)},
                new IMqttMessageListener[] {(topic, message) -> reports.add(message.getPayload())});
        dataDir = Files.createTempDirectory("ioc-citizen-test-");
        client = WebClient.create(vertx);
        DashboardsVerticle server = new DashboardsVerticle();
        // A second server with the tightest limits, so counting requests there is not disturbed by the other tests.
        DashboardsVerticle strict = new DashboardsVerticle();
        Path strictDir = Files.createTempDirectory("ioc-citizen-strict-");
        vertx.deployVerticle(
                        server,
                        new DeploymentOptions().setConfig(config(dataDir).put(CitizenLimits.PHOTO_BYTES, PHOTO_LIMIT)))
                .compose(id -> vertx.deployVerticle(
                        strict,
                        new DeploymentOptions()
                                .setConfig(config(strictDir)
                                        .put(CitizenLimits.BURST, 1)
                                        .put(CitizenLimits.PER_MINUTE, 1))))
                .compose(id -> {
                    port = server.actualPort();
                    strictPort = strict.actualPort();
                    return Future.all(until(vertx, port), until(vertx, strictPort));
                })
                .onComplete(test.succeedingThenComplete());
    }

    private JsonObject config(Path dir) {
        return new DashboardsConfig(
                        broker.uri(),
                        "127.0.0.1",
                        0,
                        Optional.empty(),
                        Optional.empty(),
                        1_000,
                        Optional.empty(),
                        new DashboardsConfig.PortFeeds(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(dir),
                                DashboardsConfig.PortFeeds.DEFAULT_HEARTBEAT_MS))
                .toJson();
    }

    @AfterAll
    void stop() throws Exception {
        listener.disconnect();
        listener.close();
        broker.close();
    }

    private Future<Void> until(Vertx vertx, int port) {
        Promise<Void> done = Promise.promise();
        vertx.setPeriodic(
                100, timer -> client.get(port, "127.0.0.1", "/health").send().onSuccess(r -> {
                    if (r.bodyAsString().contains("\"connected\"") && done.tryComplete()) {
                        vertx.cancelTimer(timer);
                    }
                }));
        return done.future();
    }

    private Future<HttpResponse<Buffer>> upload(String name, String type, byte[] bytes) {
        return client.post(port, "127.0.0.1", "/api/citizen/media")
                .sendMultipartForm(MultipartForm.create()
                        .attribute("device_id", "device-photo-" + UUID.randomUUID())
                        .binaryFileUpload("photo", name, Buffer.buffer(bytes), type));
    }

    private Future<HttpResponse<Buffer>> report(int port, JsonObject body) {
        return client.post(port, "127.0.0.1", "/api/citizen/reports").sendJsonObject(body);
    }

    private Future<HttpResponse<Buffer>> get(String path) {
        return client.get(port, "127.0.0.1", path).send();
    }

    private static JsonObject report(String device) {
        return new JsonObject()
                .put("service_code", "flooding")
                .put("lat", 20.8561)
                .put("long", 106.6822)
                .put("description", "Ngập sâu 40 cm trước cổng trường")
                .put("device_id", device);
    }

    /** A 2400 × 1200 PNG with a text chunk naming a position, as some apps write. */
    static byte[] pngWithText() throws IOException {
        BufferedImage image = new BufferedImage(2400, 1200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, 1200, 1200);
        g.setColor(new Color(220, 60, 40));
        g.fillRect(1200, 0, 1200, 1200);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(image), writer.getDefaultWriteParam());
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", "Comment");
        entry.setAttribute("value", SECRET);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(new IIOImage(image, null, metadata));
        }
        writer.dispose();
        return bytes.toByteArray();
    }

    /** A 300 × 100 JPEG taken "sideways": an EXIF block saying orientation 6, and a GPS-looking string in it. */
    static byte[] jpegWithExif() throws IOException {
        BufferedImage image = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 300, 100);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", plain);
        byte[] jpeg = plain.toByteArray();
        // TIFF, little-endian: IFD0 with one entry, orientation (0x0112, SHORT, 1) = 6, then the secret.
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0});
        tiff.writeBytes(new byte[] {0, 0, 0, 0});
        tiff.writeBytes(SECRET.getBytes(StandardCharsets.US_ASCII));
        byte[] exif = ("Exif\0\0").getBytes(StandardCharsets.US_ASCII);
        int length = 2 + exif.length + tiff.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(exif);
        out.writeBytes(tiff.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private List<Path> storedPhotos() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("media"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jpg"))
                    .toList();
        }
    }

    @Test
    void reencodesAPngAsAJpegWithoutItsMetadataAndServesItAsAnImageOnly(VertxTestContext test) throws Exception {
        byte[] png = pngWithText();
        assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains(SECRET);
        upload("street.png", "image/png", png)
                .compose(r -> {
                    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
                    String url = r.bodyAsJsonObject().getString("media_url");
                    assertThat(url).matches("/media/[A-Za-z0-9_-]{24}\\.jpg");
                    return get(url);
                })
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.getHeader("Content-Type")).isEqualTo("image/jpeg");
                    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
                    assertThat(r.getHeader("Content-Security-Policy"))
                            .contains("default-src 'none'")
                            .contains("sandbox")
                            .doesNotContain("script-src");
                    byte[] body = r.body().getBytes();
                    assertThat(body[0] & 0xFF).isEqualTo(0xFF);
                    assertThat(body[1] & 0xFF).isEqualTo(0xD8);
                    assertThat(new String(body, StandardCharsets.ISO_8859_1))
                            .doesNotContain(SECRET)
                            .doesNotContain("Exif");
                    BufferedImage served = ImageIO.read(new ByteArrayInputStream(body));
                    assertThat(served.getWidth()).isEqualTo(1600);
                    assertThat(served.getHeight()).isEqualTo(800);
                    // The pixels survive: blue on the left, red on the right.
                    assertThat(new Color(served.getRGB(200, 400)).getBlue()).isGreaterThan(150);
                    assertThat(new Color(served.getRGB(1400, 400)).getRed()).isGreaterThan(150);
                    test.completeNow();
                })));
    }

    @Test
    void turnsASidewaysJpegUprightAndDropsItsExif(VertxTestContext test) throws Exception {
        upload("IMG_0001.JPG", "image/jpeg", jpegWithExif())
                .compose(r -> {
                    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
                    return get(r.bodyAsJsonObject().getString("media_url"));
                })
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    byte[] body = r.body().getBytes();
                    assertThat(new String(body, StandardCharsets.ISO_8859_1))
                            .doesNotContain(SECRET)
                            .doesNotContain("Exif");
                    BufferedImage served = ImageIO.read(new ByteArrayInputStream(body));
                    assertThat(served.getWidth()).isEqualTo(100);
                    assertThat(served.getHeight()).isEqualTo(300);
                    test.completeNow();
                })));
    }

    @Test
    void refusesAScriptNamedJpgWith415AndStoresNothing(VertxTestContext test) throws Exception {
        int before = storedPhotos().size();
        byte[] html =
                "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        upload("photo.jpg", "image/jpeg", html)
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(415);
                    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
                    assertThat(r.bodyAsJsonObject().getString("message")).contains("not an image");
                    assertThat(storedPhotos()).hasSize(before);
                    test.completeNow();
                })));
    }

    @Test
    void refusesAPhotoOverTheLimitWith413(VertxTestContext test) {
        byte[] over = new byte[PHOTO_LIMIT + 1024];
        new Random(1).nextBytes(over);
        byte[] farOver = new byte[PHOTO_LIMIT * 3];
        upload("big.jpg", "image/jpeg", over)
                .compose(first -> upload("huge.jpg", "image/jpeg", farOver)
                        .map(second -> List.of(first, second))
                        // The server may close the connection on a body far over the limit once it has answered.
                        .recover(e -> Future.succeededFuture(List.of(first))))
                .onComplete(test.succeeding(answers -> test.verify(() -> {
                    for (HttpResponse<Buffer> r : answers) {
                        assertThat(r.statusCode()).isEqualTo(413);
                        assertThat(r.bodyAsJsonObject().getString("message")).contains("larger than");
                    }
                    test.completeNow();
                })));
    }

    @Test
    void aNotFoundPhotoIs404(VertxTestContext test) {
        get("/media/AAAAAAAAAAAAAAAAAAAAAAAA.jpg")
                .onComplete(test.succeeding(r -> test.verify(() -> {
                    assertThat(r.statusCode()).isEqualTo(404);
                    test.completeNow();
                })));
    }

    @Test
    void publishesAReportWithItsPhotoAndWithoutTheDeviceId(VertxTestContext test) throws Exception {
        reports.clear();
        String device = "device-" + UUID.randomUUID();
        String hostile = "<img src=x onerror=alert(1)> <script>alert(2)</script>";
        upload("street.png", "image/png", pngWithText())
                .compose(photo -> report(
                                port,
                                report(device)
                                        .put("description", hostile)
                                        .put(
                                                "media_url",
                                                photo.bodyAsJsonObject().getString("media_url")))
                        .map(r -> List.of(photo, r)))
                .onComplete(test.succeeding(both -> test.verify(() -> {
                    HttpResponse<Buffer> r = both.get(1);
                    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
                    String id = r.bodyAsJsonObject().getString("service_request_id");
                    assertThat(id).matches("hp-\\d{14}-[a-z2-9]{8}");
                    assertThat(r.bodyAsJsonObject().getString("tracking_url"))
                            .isEqualTo("/citizen/track.html?id=" + id);
                    byte[] payload = reports.poll(10, TimeUnit.SECONDS);
                    assertThat(payload).isNotNull();
                    assertThat(new String(payload, StandardCharsets.UTF_8)).doesNotContain(device);
                    Decoded decoded = new InboundCodec(ReferenceData.defaults())
                            .decode(Topics.reportNew(), payload, System.currentTimeMillis());
                    assertThat(decoded.isOk()).as(decoded.toString()).isTrue();
                    ReportNew published = (ReportNew) decoded.event();
                    assertThat(published.serviceRequestId()).isEqualTo(id);
                    assertThat(published.serviceCode()).isEqualTo("flooding");
                    assertThat(published.description()).isEqualTo(hostile);
                    assertThat(published.lat()).isEqualTo(20.8561);
                    assertThat(published.mediaUrl())
                            .isEqualTo(both.get(0).bodyAsJsonObject().getString("media_url"));
                    assertThat(published.deviceId()).isNull();
                    test.completeNow();
                })));
    }

    @Test
    void refusesBadReportsWithReasons(VertxTestContext test) {
        String device = "device-" + UUID.randomUUID();
        Future.all(List.of(
                        report(port, report(device).put("service_code", "nope")),
                        report(port, report(device).put("lat", 10.8).put("long", 106.6)),
                        report(port, report(device).put("description", "x".repeat(ReportNew.MAX_DESCRIPTION + 1))),
                        report(port, report(device).put("media_url", "https://evil.example/x.jpg")),
                        report(port, report(device).put("media_url", "/media/AAAAAAAAAAAAAAAAAAAAAAAA.jpg")),
                        client.post(port, "127.0.0.1", "/api/citizen/reports")
                                .putHeader("Origin", "https://evil.example")
                                .sendJsonObject(report(device))))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    List<HttpResponse<Buffer>> r = all.list();
                    for (int i = 0; i < 5; i++) {
                        assertThat(r.get(i).statusCode()).as("case " + i).isEqualTo(400);
                    }
                    assertThat(r.get(0).bodyAsJsonObject().getString("message")).contains("unknown service_code");
                    assertThat(r.get(1).bodyAsJsonObject().getString("message")).contains("outside Hai Phong");
                    assertThat(r.get(2).bodyAsJsonObject().getString("message")).contains("4000");
                    assertThat(r.get(3).bodyAsJsonObject().getString("message")).contains("media_url");
                    assertThat(r.get(5).statusCode()).isEqualTo(403);
                    test.completeNow();
                })));
    }

    @Test
    void limitsReportsPerDeviceAndPerAddressWithRetryAfter(VertxTestContext test) {
        // Burst 1: the device's second report is refused; the address allows ten, whatever the device ids.
        List<HttpResponse<Buffer>> answers = new ArrayList<>();
        Future<Void> chain = report(strictPort, report("device-A"))
                .compose(r -> {
                    answers.add(r);
                    return report(strictPort, report("device-A"));
                })
                .map(r -> {
                    answers.add(r);
                    return null;
                });
        for (int i = 0; i < 9; i++) {
            String device = "device-" + i;
            chain = chain.compose(v -> report(strictPort, report(device))).map(r -> {
                answers.add(r);
                return null;
            });
        }
        chain.onComplete(test.succeeding(v -> test.verify(() -> {
            assertThat(answers.get(0).statusCode()).isEqualTo(201);
            HttpResponse<Buffer> device = answers.get(1);
            assertThat(device.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(device.getHeader("Retry-After"))).isBetween(1L, 60L);
            assertThat(device.bodyAsJsonObject().getString("message")).contains("this device");
            for (int i = 2; i < 10; i++) {
                assertThat(answers.get(i).statusCode()).as("report " + i).isEqualTo(201);
            }
            HttpResponse<Buffer> address = answers.get(10);
            assertThat(address.statusCode()).isEqualTo(429);
            assertThat(address.getHeader("Retry-After")).isNotNull();
            assertThat(address.bodyAsJsonObject().getString("message")).contains("this address");
            test.completeNow();
        })));
    }
}
