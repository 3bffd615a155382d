package vn.haiphong.ioc.dashboards.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.dashboards.cap.CapLedger;
import vn.haiphong.ioc.dashboards.cap.CapMessage;
import vn.haiphong.ioc.dashboards.cap.CapWriter;
import vn.haiphong.ioc.dashboards.live.LiveHub;
import vn.haiphong.ioc.dashboards.ports.PortTokens;

/**
 * The port operators' feeds under {@code /api/ports/{portId}/}: the port's alerts as server-sent events and over a
 * websocket (both resuming from a seq), and as CAP 1.2 messages listed in an Atom feed. Every one of them passes
 * {@link #authorize} first: a bearer token of that port, in the Authorization header or, for clients that cannot set
 * headers (EventSource, browser websockets), the {@code access_token} parameter.
 */
public final class PortFeedApi {
    static final String ACCESS_TOKEN = "access_token";
    static final String MIN_SEVERITY = "minSeverity";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String REALM = "Bearer realm=\"ioc-port-feeds\"";
    private static final String PORT = "port";
    private static final Set<String> STREAM_PARAMS = Set.of(ACCESS_TOKEN, MIN_SEVERITY, HttpApi.SINCE);
    private static final Set<String> CAP_PARAMS = Set.of(ACCESS_TOKEN, MIN_SEVERITY);
    private static final String ATOM = "application/atom+xml; charset=utf-8";
    private static final String CAP = CapWriter.CAP_MEDIA_TYPE + "; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(PortFeedApi.class);

    private final LiveHub hub;
    private final ReferenceData reference;
    private final CapLedger ledger;
    private final Optional<PortTokens> tokens;
    private final long heartbeatMs;

    /** @param tokens absent: no tokens are configured, and every port feed answers 503 */
    public PortFeedApi(
            LiveHub hub, ReferenceData reference, CapLedger ledger, Optional<PortTokens> tokens, long heartbeatMs) {
        this.hub = hub;
        this.reference = reference;
        this.ledger = ledger;
        this.tokens = tokens;
        this.heartbeatMs = heartbeatMs;
    }

    /** Lets the request on only with a token of the port in its path. */
    public void authorize(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Optional<Port> port = reference.port(ctx.pathParam("portId"));
        if (port.isEmpty()) {
            HttpApi.error(
                    response,
                    404,
                    "not found",
                    "no port '" + QueryParams.shown(ctx.pathParam("portId")) + "'; the ports are "
                            + reference.ports().stream().map(Port::id).toList());
            return;
        }
        if (tokens.isEmpty()) {
            HttpApi.error(response, 503, "unavailable", "no port tokens are configured on this server");
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        List<String> query = ctx.queryParam(ACCESS_TOKEN);
        if (query.size() > 1 || (header != null && !query.isEmpty())) {
            // RFC 6750: one way of sending the token per request.
            response.putHeader("WWW-Authenticate", REALM + ", error=\"invalid_request\"");
            HttpApi.error(
                    response, 400, "bad request", "give the token once: in the Authorization header or access_token");
            return;
        }
        String token = null;
        if (header != null) {
            if (header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = header.substring(7).trim();
            }
        } else if (query.size() == 1) {
            token = query.get(0).trim();
        }
        if (token == null || token.isEmpty()) {
            unauthorized(response, REALM, "send a bearer token of this port: 'Authorization: Bearer <token>'");
            return;
        }
        switch (tokens.get().check(token, port.get().id())) {
            case GRANTED -> {
                ctx.put(PORT, port.get());
                ctx.next();
            }
            case OTHER_PORT -> {
                response.putHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\"");
                HttpApi.error(
                        response,
                        403,
                        "forbidden",
                        "this token is not one of " + port.get().id() + "'s");
            }
            case UNKNOWN ->
                unauthorized(response, REALM + ", error=\"invalid_token\"", "the token is not valid for any port");
        }
    }

    /** {@code GET .../alerts/events}: the port's alerts as server-sent events. */
    public void events(RoutingContext ctx) {
        Port port = ctx.get(PORT);
        Stream stream;
        try {
            stream = stream(ctx, true);
        } catch (QueryParams.BadParameter e) {
            HttpApi.error(ctx.response(), 400, "bad request", e.getMessage());
            return;
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                // nginx buffers responses by default, which would hold the events back.
                .putHeader("X-Accel-Buffering", "no");
        log.debug(
                "SSE client of {} from {} (since {})", port.id(), ctx.request().remoteAddress(), stream.since());
        hub.attachAlerts(new SseSink(ctx.vertx(), response, heartbeatMs), stream.since(), stream.filter(port));
    }

    /** {@code GET .../alerts/ws}: the port's alerts over a websocket, in the wall's frame format. */
    public void webSocket(RoutingContext ctx) {
        Port port = ctx.get(PORT);
        HttpServerRequest request = ctx.request();
        Stream stream;
        try {
            stream = stream(ctx, false);
        } catch (QueryParams.BadParameter e) {
            HttpApi.error(ctx.response(), 400, "bad request", e.getMessage());
            return;
        }
        if (!request.canUpgradeToWebSocket()) {
            HttpApi.error(ctx.response(), 400, "bad request", "this endpoint speaks WebSocket");
            return;
        }
        // No same-origin check as on /ws: the port's token, not the browser's origin, is what grants access here.
        request.toWebSocket()
                .onSuccess(socket ->
                        hub.attachAlerts(new WebSocketSink(ctx.vertx(), socket), stream.since(), stream.filter(port)))
                .onFailure(e -> log.debug("port websocket upgrade failed: {}", e.toString()));
    }

    /** {@code GET .../cap}: an Atom feed of the port's current CAP messages. */
    public void capFeed(RoutingContext ctx) {
        Port port = ctx.get(PORT);
        Severity min;
        try {
            min = minSeverity(QueryParams.of(ctx.queryParams(), CAP_PARAMS));
        } catch (QueryParams.BadParameter e) {
            HttpApi.error(ctx.response(), 400, "bad request", e.getMessage());
            return;
        }
        List<CapMessage> messages = ledger.current(port.id(), min);
        byte[] body = CapWriter.atom(port, "/api/ports/" + port.id() + "/cap", messages, System.currentTimeMillis());
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, ATOM).end(Buffer.buffer(body));
    }

    /** {@code GET .../cap/{identifier}.xml}: one CAP message, if the port still keeps it. */
    public void capMessage(RoutingContext ctx) {
        Port port = ctx.get(PORT);
        String file = ctx.pathParam("file");
        Optional<CapMessage> message =
                file.endsWith(".xml") ? ledger.find(port.id(), file.substring(0, file.length() - 4)) : Optional.empty();
        if (message.isEmpty()) {
            HttpApi.error(
                    ctx.response(),
                    404,
                    "not found",
                    "no CAP message '" + QueryParams.shown(file) + "' of " + port.id() + "; the feed at /api/ports/"
                            + port.id() + "/cap lists them");
            return;
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, CAP)
                .end(Buffer.buffer(CapWriter.message(message.get(), port)));
    }

    private record Stream(Long since, Severity minSeverity) {
        Predicate<Alert> filter(Port port) {
            String id = port.id();
            return alert -> "port".equals(alert.domain())
                    && id.equals(alert.site())
                    && alert.severity().compareTo(minSeverity) >= 0;
        }
    }

    /** The resume point (Last-Event-ID wins over since: EventSource reconnects to the same URL) and the filter. */
    private static Stream stream(RoutingContext ctx, boolean sse) {
        QueryParams params = QueryParams.of(ctx.queryParams(), STREAM_PARAMS);
        Long since =
                params.single(HttpApi.SINCE).map(v -> seq(HttpApi.SINCE, v)).orElse(null);
        String lastEventId = sse ? ctx.request().getHeader(LAST_EVENT_ID) : null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            since = seq(LAST_EVENT_ID, lastEventId.trim());
        }
        return new Stream(since, minSeverity(params));
    }

    private static Long seq(String name, String value) {
        try {
            long seq = Long.parseLong(value);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new QueryParams.BadParameter(
                "'" + name + "' must be the id of the last event received (a whole number), not '"
                        + QueryParams.shown(value) + "'");
    }

    private static Severity minSeverity(QueryParams params) {
        return params.single(MIN_SEVERITY)
                .map(value -> {
                    try {
                        return Severity.valueOf(value);
                    } catch (IllegalArgumentException e) {
                        throw new QueryParams.BadParameter("'" + MIN_SEVERITY + "' must be one of "
                                + Arrays.toString(Severity.values()) + ", not '" + QueryParams.shown(value) + "'");
                    }
                })
                .orElse(Severity.informational);
    }

    private static void unauthorized(HttpServerResponse response, String challenge, String message) {
        response.putHeader("WWW-Authenticate", challenge);
        HttpApi.error(response, 401, "unauthorized", message);
    }
}
