package vn.haiphong.ioc.dashboards.open311;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.event.ReportNew;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.ref.ServiceCode;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.dashboards.history.HistoryDatabase;
import vn.haiphong.ioc.dashboards.history.Open311History;
import vn.haiphong.ioc.dashboards.history.Open311History.Query;
import vn.haiphong.ioc.dashboards.history.Open311History.Request;
import vn.haiphong.ioc.dashboards.history.Open311History.Update;

/**
 * Open311 GeoReport v2 under {@code /open311/v2}: the service list and definitions from the service codes, posting a
 * request (published on {@code hp/v1/report/new} as HP Smart does, through ioc-core's codec), requests and
 * FixMyStreet's request updates read from the history. The format is the path's extension, XML or JSON.
 *
 * <p>Names, phones and e-mails a client posts are accepted, as the spec allows them, and dropped unread; so are the
 * account and device ids (the device id only keys the rate limit). No answer here carries any of them.
 */
public final class Open311Api {
    public static final String API_KEYS = "open311.api.keys";
    /** Posts per device id: a burst, then so many a minute; a client address may post ten times as many. */
    public static final String RATE_BURST = "open311.rate.burst";

    public static final String RATE_PER_MINUTE = "open311.rate.per.minute";
    /** Form fields are short; 4000 characters of description in UTF-8 percent-encoding stay well under this. */
    public static final int MAX_BODY = 48 * 1024;

    /** One form field, decoded: a description of {@link ReportNew#MAX_DESCRIPTION} characters of 4-byte UTF-8. */
    public static final int MAX_FIELD = 4 * ReportNew.MAX_DESCRIPTION + 1024;

    static final Duration DEFAULT_RANGE = Duration.ofDays(90);
    static final Duration DEFAULT_UPDATES_RANGE = Duration.ofDays(1);
    static final int MAX_RESULTS = 1000;

    private static final Logger log = LoggerFactory.getLogger(Open311Api.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Lowercase: the id is a topic level (hp/v1/report/{id}/update, ioc/v1/report/{id}). */
    private static final char[] ID_CHARS = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    /** Publishes a report; the dashboards' MQTT bridge in production. */
    @FunctionalInterface
    public interface ReportPublisher {
        Future<Void> publish(String topic, byte[] payload);
    }

    private final ReferenceData reference;
    private final InboundCodec codec;
    private final HistoryDatabase database;
    private final ReportPublisher publisher;
    private final ApiKeys keys;
    private final TokenBuckets perAddress;
    private final TokenBuckets perDevice;
    private final SecureRandom random = new SecureRandom();

    public Open311Api(ReferenceData reference, HistoryDatabase database, ReportPublisher publisher, JsonObject config) {
        this.reference = reference;
        this.codec = new InboundCodec(reference);
        this.database = database;
        this.publisher = publisher;
        this.keys = new ApiKeys(digests(config.getValue(API_KEYS)));
        int burst = config.getInteger(RATE_BURST, 5);
        int perMinute = config.getInteger(RATE_PER_MINUTE, 6);
        // One address may be a carrier's NAT in front of many phones: it gets ten devices' worth.
        this.perAddress = new TokenBuckets(10 * burst, 10 * perMinute);
        this.perDevice = new TokenBuckets(burst, perMinute);
    }

    private static List<String> digests(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonArray array) {
            return array.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text) {
            return Arrays.stream(text.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
        throw new IllegalArgumentException(
                API_KEYS + " must be a list of SHA-256 digests (hex), or them comma-separated");
    }

    // ---- services

    public void services(RoutingContext ctx) {
        Open311Format format = format(ctx);
        boolean en = english(ctx);
        List<Map<String, Object>> services = new ArrayList<>();
        for (ServiceCode s : reference.services()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("service_code", s.code());
            fields.put("service_name", text(s.name(), en));
            fields.put("description", text(s.description(), en));
            fields.put("metadata", false);
            fields.put("type", "realtime");
            fields.put("keywords", String.join(", ", keywords(s, en)));
            fields.put("group", text(s.group(), en));
            services.add(fields);
        }
        send(ctx, 200, format, format.write("services", "service", services));
    }

    public void service(RoutingContext ctx) {
        Open311Format format = format(ctx);
        String code = ctx.pathParam("code");
        if (reference.service(code).isEmpty()) {
            error(ctx, 404, "no service with service_code '" + code + "'");
            return;
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", code);
        definition.put("attributes", List.of());
        send(ctx, 200, format, format.writeOne("service_definition", definition));
    }

    // ---- POST requests

    public void create(RoutingContext ctx) {
        long now = System.currentTimeMillis();
        String address = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        if (!perAddress.take(address, now)) {
            error(ctx, 429, "too many requests from this address; try again later");
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        if (!keys.allows(form.get("api_key"))) {
            error(ctx, 403, "a valid api_key is required to post service requests");
            return;
        }
        String deviceId = blankToNull(form.get("device_id"));
        if (deviceId != null && !perDevice.take(deviceId, now)) {
            error(ctx, 429, "too many requests from this device; try again later");
            return;
        }
        String media = mediaProblem(form.get("media_url"));
        if (media != null) {
            error(ctx, 400, media);
            return;
        }
        Submission submission = new Submission(
                form.get("service_code"),
                form.get("lat"),
                form.get("long"),
                form.get("description"),
                form.get("address_string"),
                blankToNull(form.get("media_url")));
        // Only these fields go on: names, phones, e-mails, account and device ids are not read.
        submit(submission, now).onComplete(done -> {
            if (done.failed()) {
                Refused refused = (Refused) done.cause();
                error(ctx, refused.status(), refused.getMessage());
                return;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("service_request_id", done.result());
            answer.put(
                    "service_notice",
                    english(ctx)
                            ? "Received. You can follow it with its service_request_id."
                            : "Đã tiếp nhận. Theo dõi phản ánh bằng mã service_request_id.");
            Open311Format format = format(ctx);
            send(ctx, 201, format, format.write("service_requests", "request", List.of(answer)));
        });
    }

    /**
     * A report as a client sent it, as text and not yet checked: the fields every way in (Open311, the citizen app)
     * passes on. Nothing personal has a place here.
     */
    public record Submission(
            String serviceCode, String lat, String lon, String description, String address, String mediaUrl) {}

    /** Why a submission was not passed on, with the HTTP status to answer. */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Checks a report as the Flink job will, gives it a new service_request_id and publishes it on
     * {@code hp/v1/report/new}: the one way reports enter from this server. Completes with the id once the broker has
     * it; fails with {@link Refused} (400 bad fields, 503 not published). The caller checks its own limits first.
     */
    public Future<String> submit(Submission submission, long now) {
        String problem = problem(submission);
        if (problem != null) {
            return Future.failedFuture(new Refused(400, problem));
        }
        String id = newId(now);
        ReportNew report = new ReportNew(
                id,
                submission.serviceCode().trim(),
                blankToNull(submission.description()),
                Double.parseDouble(submission.lat().trim()),
                Double.parseDouble(submission.lon().trim()),
                null,
                blankToNull(submission.address()),
                blankToNull(submission.mediaUrl()),
                now,
                null,
                null);
        byte[] payload = codec.encode(report);
        // The same check the Flink job makes, so what is accepted here is not dead-lettered there.
        Decoded decoded = codec.decode(Topics.reportNew(), payload, now);
        if (!decoded.isOk()) {
            return Future.failedFuture(new Refused(400, decoded.reason()));
        }
        return publisher.publish(Topics.reportNew(), payload).transform(done -> {
            if (done.failed()) {
                log.warn("report {} not published: {}", id, done.cause().getMessage());
                return Future.failedFuture(new Refused(503, "the report could not be passed on now; try again later"));
            }
            return Future.succeededFuture(id);
        });
    }

    private String problem(Submission s) {
        String code = blankToNull(s.serviceCode());
        if (code == null) {
            return "service_code is required";
        }
        if (reference.service(code.trim()).isEmpty()) {
            return "unknown service_code '" + code + "'";
        }
        String lat = blankToNull(s.lat());
        String lon = blankToNull(s.lon());
        if (lat == null || lon == null) {
            return blankToNull(s.address()) != null
                    ? "lat and long are required: an address_string alone cannot be placed yet"
                    : "lat and long are required";
        }
        try {
            double la = Double.parseDouble(lat.trim());
            double lo = Double.parseDouble(lon.trim());
            if (!Double.isFinite(la) || !Double.isFinite(lo)) {
                return "lat and long must be finite numbers";
            }
        } catch (NumberFormatException e) {
            return "lat and long must be decimal degrees (WGS 84)";
        }
        String description = s.description();
        if (description != null && description.length() > ReportNew.MAX_DESCRIPTION) {
            return "description is longer than " + ReportNew.MAX_DESCRIPTION + " characters";
        }
        return null;
    }

    /** A third-party app links its own photo: it must be a web address, nothing a browser would run. */
    private static String mediaProblem(String value) {
        String media = blankToNull(value);
        if (media == null) {
            return null;
        }
        try {
            URI uri = new URI(media.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                return "media_url must be an http(s) URL";
            }
        } catch (java.net.URISyntaxException e) {
            return "media_url must be an http(s) URL";
        }
        return null;
    }

    /** "hp-" + the time in Hai Phong + 8 random characters: unguessable, sortable by time, readable on the phone. */
    private String newId(long now) {
        StringBuilder id = new StringBuilder("hp-")
                .append(ID_TIME.format(Instant.ofEpochMilli(now).atOffset(Timestamps.VIETNAM)))
                .append('-');
        for (int i = 0; i < 8; i++) {
            id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
        }
        return id.toString();
    }

    // ---- GET requests and updates

    /** The first handler of every route that reads the history: 503 until the database is there. */
    public void requireDatabase(RoutingContext ctx) {
        if (database.state() == HistoryDatabase.State.ready) {
            ctx.next();
        } else {
            error(ctx, 503, "the history is not available: " + database.problem());
        }
    }

    public void requests(RoutingContext ctx) {
        MultiMap params = ctx.queryParams();
        Query query;
        try {
            List<String> ids = params.getAll("service_request_id").stream()
                    .flatMap(v -> Arrays.stream(v.split(",")))
                    .map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .toList();
            if (ids.size() > MAX_RESULTS) {
                throw new IllegalArgumentException("at most " + MAX_RESULTS + " service_request_id at once");
            }
            Instant to = time(params.get("end_date"), "end_date", Instant.now());
            Instant from = time(params.get("start_date"), "start_date", to.minus(DEFAULT_RANGE));
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("start_date is after end_date");
            }
            String status = blankToNull(params.get("status"));
            Boolean closed = null;
            if (status != null) {
                List<String> statuses = Arrays.stream(status.split(","))
                        .map(s -> s.trim().toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
                for (String s : statuses) {
                    if (!s.equals("open") && !s.equals("closed")) {
                        throw new IllegalArgumentException("status must be open or closed, not '" + s + "'");
                    }
                }
                closed = statuses.size() == 1 ? statuses.get(0).equals("closed") : null;
            }
            query = new Query(ids, blankToNull(params.get("service_code")), from, to, closed, MAX_RESULTS);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        answerRequests(ctx, () -> query, false);
    }

    public void request(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        answerRequests(ctx, () -> new Query(List.of(id), null, null, null, null, 1), true);
    }

    private void answerRequests(RoutingContext ctx, Supplier<Query> query, boolean one) {
        Open311Format format = format(ctx);
        boolean en = english(ctx);
        read(ctx, c -> Open311History.requests(c, query.get()), requests -> {
            if (one && requests.isEmpty()) {
                error(ctx, 404, "no service request '" + ctx.pathParam("id") + "'");
                return;
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (Request r : requests) {
                items.add(requestFields(r, en));
            }
            send(ctx, 200, format, format.write("service_requests", "request", items));
        });
    }

    private Map<String, Object> requestFields(Request r, boolean en) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("service_request_id", r.serviceRequestId());
        f.put("status", r.closed() ? "closed" : "open");
        f.put("status_notes", r.statusNotes());
        f.put(
                "service_name",
                reference.service(r.serviceCode()).map(s -> text(s.name(), en)).orElse(r.serviceCode()));
        f.put("service_code", r.serviceCode());
        f.put("description", r.description());
        f.put("agency_responsible", r.agencyResponsible());
        f.put("service_notice", null);
        f.put("requested_datetime", datetime(r.requestedAt()));
        f.put("updated_datetime", datetime(r.updatedAt()));
        f.put("expected_datetime", null);
        f.put("address", r.address());
        f.put("address_id", null);
        f.put("zipcode", null);
        f.put("lat", r.lat());
        f.put("long", r.lon());
        f.put("media_url", r.mediaUrl());
        return f;
    }

    public void updates(RoutingContext ctx) {
        Open311Format format = format(ctx);
        Instant from;
        Instant to;
        try {
            to = time(ctx.queryParams().get("end_date"), "end_date", Instant.now());
            from = time(ctx.queryParams().get("start_date"), "start_date", to.minus(DEFAULT_UPDATES_RANGE));
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("start_date is after end_date");
            }
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        read(ctx, c -> Open311History.updates(c, from, to, MAX_RESULTS), updates -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Update u : updates) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("update_id", u.updateId());
                f.put("service_request_id", u.serviceRequestId());
                f.put("status", u.status());
                f.put("updated_datetime", datetime(u.updatedAt()));
                f.put("description", u.description());
                f.put("media_url", null);
                items.add(f);
            }
            send(ctx, 200, format, format.write("service_request_updates", "request_update", items));
        });
    }

    private <T> void read(RoutingContext ctx, HistoryDatabase.Work<T> work, java.util.function.Consumer<T> answer) {
        database.read(work).onComplete(done -> {
            if (done.succeeded()) {
                answer.accept(done.result());
            } else {
                Throwable cause = done.cause();
                log.warn("Open311 read failed: {}", cause.toString());
                error(
                        ctx,
                        cause instanceof SQLException || cause instanceof IllegalStateException ? 503 : 500,
                        "the history could not be read now");
            }
        });
    }

    // ---- helpers

    private static Instant time(String value, String name, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be a W3C date-time with an offset, e.g." + " 2026-11-25T08:00:00+07:00");
        }
    }

    private static String datetime(Instant t) {
        return t == null ? null : Timestamps.format(t.toEpochMilli());
    }

    private static Open311Format format(RoutingContext ctx) {
        return Open311Format.of(ctx.pathParam("fmt"));
    }

    /** English with {@code ?locale=en} or when English is the client's first language; Vietnamese otherwise. */
    private static boolean english(RoutingContext ctx) {
        String locale = ctx.queryParams().get("locale");
        if (locale != null) {
            return locale.toLowerCase(Locale.ROOT).startsWith("en");
        }
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        return accept != null && accept.trim().toLowerCase(Locale.ROOT).startsWith("en");
    }

    private static String text(LocalizedText text, boolean en) {
        return text == null ? null : en ? text.en() : text.vi();
    }

    private static List<String> keywords(ServiceCode s, boolean en) {
        return s.keywords(en ? "en" : "vi");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A failed route (a body over the limit: 413) answers in the spec's error format too. */
    public void failure(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status >= 500) {
            log.error("Open311 request failed", ctx.failure());
        }
        error(
                ctx,
                status,
                status == 413
                        ? "the request body is larger than " + MAX_BODY + " bytes"
                        : status >= 500 ? "internal error" : "bad request");
    }

    static void error(RoutingContext ctx, int status, String description) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String fmt = ctx.pathParam("fmt");
        Open311Format format = fmt == null ? Open311Format.xml : Open311Format.of(fmt);
        send(ctx, status, format, format.error(status, description));
    }

    private static void send(RoutingContext ctx, int status, Open311Format format, byte[] body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Buffer.buffer(body));
    }
}
