package vn.haiphong.ioc.dashboards.citizen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.dashboards.DashboardsConfig.CitizenLimits;
import vn.haiphong.ioc.dashboards.http.HttpApi;
import vn.haiphong.ioc.dashboards.open311.Open311Api;
import vn.haiphong.ioc.dashboards.open311.Open311Api.Refused;
import vn.haiphong.ioc.dashboards.open311.Open311Api.Submission;
import vn.haiphong.ioc.dashboards.open311.TokenBuckets;

/**
 * The citizen app's server side: {@code POST /api/citizen/media} takes a photo (re-encoded by {@link Photos}),
 * {@code GET /media/{id}.jpg} serves it back, {@code POST /api/citizen/reports} files a report through the same
 * submit as Open311's POST, without an API key but within per-address and per-device limits.
 *
 * <p>The device id the app sends only keys the limits: it is neither published nor stored.
 */
public final class CitizenApi {
    /** A report's JSON: a 4000-character description of 4-byte characters, escaped, stays well under. */
    public static final int MAX_REPORT_BODY = 64 * 1024;
    /** Room for the multipart framing and the device id around the photo itself. */
    public static final int MULTIPART_OVERHEAD = 64 * 1024;
    /** A photo is never rewritten: its id is new each time. */
    private static final String PHOTO_CACHE = "public, max-age=31536000, immutable";
    /** A stored photo is an image and nothing else: no script, no plugin, no frame, even if opened on its own. */
    public static final String PHOTO_POLICY = "default-src 'none'; img-src 'self'; sandbox";

    private static final Logger log = LoggerFactory.getLogger(CitizenApi.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final int MAX_DEVICE_ID = 64;

    private final Open311Api open311;
    private final Optional<Photos> photos;
    private final CitizenLimits limits;
    private final WorkerExecutor workers;
    private final TokenBuckets reportsPerAddress;
    private final TokenBuckets reportsPerDevice;
    private final TokenBuckets photosPerAddress;
    private final TokenBuckets photosPerDevice;

    public CitizenApi(Vertx vertx, Open311Api open311, Optional<Photos> photos, CitizenLimits limits) {
        this.open311 = open311;
        this.photos = photos;
        this.limits = limits;
        // Decoding a photo is heavy: two at a time, off the event loop.
        this.workers = vertx.createSharedWorkerExecutor("citizen-photos", 2);
        this.reportsPerAddress = new TokenBuckets(10 * limits.burst(), 10 * limits.perMinute());
        this.reportsPerDevice = new TokenBuckets(limits.burst(), limits.perMinute());
        // A citizen may change the photo before sending: twice the reports' allowance.
        this.photosPerAddress = new TokenBuckets(20 * limits.burst(), 20 * limits.perMinute());
        this.photosPerDevice = new TokenBuckets(2 * limits.burst(), 2 * limits.perMinute());
    }

    /** Where uploads wait while they arrive (each deleted when its request ends); none without photo storage. */
    public Optional<Path> uploadsDir() {
        return photos.map(store -> store.dir().resolve(".incoming"));
    }

    /** The largest multipart body: the photo and the framing around it. */
    public long photoBodyLimit() {
        return (long) limits.photoBytes() + MULTIPART_OVERHEAD;
    }

    // ---- before the body is read

    /**
     * Checked before a report's body is read: the origin and the address's limit. A security policy handler, so
     * Vert.x lets it run ahead of the body handler.
     */
    public SecurityPolicyHandler reportGate() {
        return ctx -> {
            if (sameOriginOrRefuse(ctx)) {
                limit(ctx, reportsPerAddress, address(ctx), "address");
            }
        };
    }

    /** Checked before a photo is received: photos kept at all, the origin, the address's limit. */
    public SecurityPolicyHandler photoGate() {
        return ctx -> {
            if (photos.isEmpty()) {
                error(ctx, 503, "unavailable", "this server keeps no photos (it has no data directory)");
            } else if (sameOriginOrRefuse(ctx)) {
                limit(ctx, photosPerAddress, address(ctx), "address");
            }
        };
    }

    /**
     * Posts come from the app's own pages: a browser on another site's page sends its Origin, and is refused, so no
     * other site can file reports or upload through its visitors.
     */
    private static boolean sameOriginOrRefuse(RoutingContext ctx) {
        if (sameOrigin(ctx.request())) {
            return true;
        }
        error(ctx, 403, "forbidden", "posts are accepted from the citizen app's own pages");
        return false;
    }

    private static void limit(RoutingContext ctx, TokenBuckets buckets, String key, String what) {
        long now = System.currentTimeMillis();
        if (buckets.take(key, now)) {
            ctx.next();
            return;
        }
        long seconds = Math.max(1, (buckets.waitMillis(key, now) + 999) / 1000);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        error(
                ctx,
                429,
                "too many requests",
                "too many requests from this " + what + "; try again in " + seconds + " s");
    }

    // ---- photos

    public void uploadPhoto(RoutingContext ctx) {
        List<FileUpload> uploads = ctx.fileUploads();
        String deviceId = ctx.request().getFormAttribute("device_id");
        if (!deviceAllowed(ctx, photosPerDevice, deviceId)) {
            return;
        }
        if (uploads.size() != 1 || !"photo".equals(uploads.get(0).name())) {
            error(ctx, 400, "bad request", "send one file in the multipart field 'photo'");
            return;
        }
        FileUpload upload = uploads.get(0);
        if (upload.size() > limits.photoBytes()) {
            error(ctx, 413, "too large", "the photo is larger than " + megabytes(limits.photoBytes()) + " MB");
            return;
        }
        Photos store = photos.orElseThrow();
        workers.<String>executeBlocking(() -> {
                    try {
                        return store.store(Files.readAllBytes(Path.of(upload.uploadedFileName())));
                    } catch (Photos.Refused e) {
                        throw new PhotoRefused(e);
                    }
                })
                .onComplete(done -> {
                    if (done.succeeded()) {
                        String url = Photos.path(done.result());
                        json(ctx.response().setStatusCode(201), new JsonObject().put("media_url", url));
                    } else if (done.cause() instanceof PhotoRefused refused) {
                        error(
                                ctx,
                                refused.status,
                                refused.status == 413 ? "too large" : "unsupported media type",
                                refused.getMessage());
                    } else {
                        log.error("photo not stored", done.cause());
                        error(ctx, 500, "internal error", "the photo could not be stored");
                    }
                });
    }

    /** Carries a refusal out of the worker. */
    private static final class PhotoRefused extends RuntimeException {
        final int status;

        PhotoRefused(Photos.Refused cause) {
            super(cause.getMessage(), null, false, false);
            this.status = cause.status();
        }
    }

    /** {@code GET /media/{id}.jpg}: a stored photo, as an image the browser may not sniff as anything else. */
    public void photo(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (photos.isEmpty()) {
            error(ctx, 404, "not found", "no photo " + id);
            return;
        }
        Photos store = photos.get();
        ctx.vertx().executeBlocking(() -> store.find(id)).onComplete(done -> {
            if (done.failed() || done.result().isEmpty()) {
                error(ctx, 404, "not found", "no photo " + id);
                return;
            }
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Content-Security-Policy", PHOTO_POLICY)
                    .putHeader(HttpHeaders.CACHE_CONTROL, PHOTO_CACHE)
                    .sendFile(done.result().get().toString());
        });
    }

    // ---- reports

    /**
     * {@code POST /api/citizen/reports}, JSON: {@code service_code}, {@code lat}, {@code long}, {@code description},
     * {@code media_url} (a photo this server stored), {@code device_id}. Answers 201 with the
     * {@code service_request_id} and the tracking page's address.
     */
    public void createReport(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            error(ctx, 415, "unsupported media type", "send the report as application/json");
            return;
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            error(ctx, 400, "bad request", "the body must be a JSON object");
            return;
        }
        String deviceId;
        String mediaUrl;
        Submission submission;
        try {
            deviceId = string(body, "device_id");
            mediaUrl = string(body, "media_url");
            submission = new Submission(
                    string(body, "service_code"),
                    number(body, "lat"),
                    number(body, "long"),
                    string(body, "description"),
                    null,
                    mediaUrl == null || mediaUrl.isBlank() ? null : mediaUrl);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "bad request", e.getMessage());
            return;
        }
        if (!deviceAllowed(ctx, reportsPerDevice, deviceId)) {
            return;
        }
        Future<Boolean> photoStored = submission.mediaUrl() == null
                ? Future.succeededFuture(true)
                : Photos.idOf(submission.mediaUrl())
                        .flatMap(id -> photos.map(store ->
                                ctx.vertx().executeBlocking(() -> store.find(id).isPresent())))
                        .orElse(Future.succeededFuture(false));
        photoStored
                .compose(stored -> {
                    if (!stored) {
                        return Future.failedFuture(
                                new Refused(400, "media_url must be a photo uploaded to /api/citizen/media"));
                    }
                    return open311.submit(submission, System.currentTimeMillis());
                })
                .onComplete(done -> {
                    if (done.succeeded()) {
                        String id = done.result();
                        json(
                                ctx.response().setStatusCode(201),
                                new JsonObject()
                                        .put("service_request_id", id)
                                        .put("tracking_url", "/citizen/track.html?id=" + id));
                    } else if (done.cause() instanceof Refused refused) {
                        error(
                                ctx,
                                refused.status(),
                                refused.status() == 400 ? "bad request" : "unavailable",
                                refused.getMessage());
                    } else {
                        ctx.fail(done.cause());
                    }
                });
    }

    private boolean deviceAllowed(RoutingContext ctx, TokenBuckets buckets, String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            return true;
        }
        if (deviceId.length() > MAX_DEVICE_ID) {
            error(ctx, 400, "bad request", "device_id has at most " + MAX_DEVICE_ID + " characters");
            return false;
        }
        long now = System.currentTimeMillis();
        if (buckets.take(deviceId, now)) {
            return true;
        }
        long seconds = Math.max(1, (buckets.waitMillis(deviceId, now) + 999) / 1000);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        error(ctx, 429, "too many requests", "too many requests from this device; try again in " + seconds + " s");
        return false;
    }

    /** A failed route: a body over the limit is a 413 with the limit in it. */
    public void failure(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status == 413) {
            boolean photo = ctx.request().path().endsWith("/media");
            error(
                    ctx,
                    413,
                    "too large",
                    photo
                            ? "the photo is larger than " + megabytes(limits.photoBytes()) + " MB"
                            : "the report is larger than " + MAX_REPORT_BODY / 1024 + " KB");
            return;
        }
        if (status >= 500) {
            log.error("citizen request {} failed", ctx.request().path(), ctx.failure());
        }
        error(
                ctx,
                status,
                status >= 500 ? "internal error" : "bad request",
                status >= 500 ? "the server could not complete the request" : "the request could not be read");
    }

    // ---- helpers

    private static String string(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(field + " must be a string");
    }

    /** lat and long as JSON numbers (or numeric strings), handed on as text to the shared checks. */
    private static String number(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number n) {
            return Double.toString(n.doubleValue());
        }
        throw new IllegalArgumentException(field + " must be a number");
    }

    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static boolean sameOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        HostAndPort authority = request.authority();
        if (authority == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            return uri.getHost() != null
                    && bare(uri.getHost()).equalsIgnoreCase(bare(authority.host()))
                    && uri.getPort() == authority.port();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The server's one error answer ({@link HttpApi#error}), not to be cached: it may be a limit that ends soon. */
    static void error(RoutingContext ctx, int status, String error, String message) {
        if (!ctx.response().headWritten()) {
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        HttpApi.error(ctx.response(), status, error, message);
    }

    private static void json(io.vertx.core.http.HttpServerResponse response, JsonObject body) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Buffer.buffer(body.encode()));
    }
}
