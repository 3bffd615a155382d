package vn.haiphong.ioc.dashboards.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.dashboards.history.HistoryDatabase;
import vn.haiphong.ioc.dashboards.live.LiveHub;

/** The small handlers behind the dashboards' routes; the route table itself is in the verticle. */
public final class HttpApi {
    /** No inline script or style anywhere: the wall's JS and CSS are files, and Leaflet styles through the CSSOM. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    static final String SINCE = "since";
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String GEOJSON = "application/geo+json; charset=utf-8";
    /** The layers change only with a deployment's data files; a day keeps the wall's reloads cheap. */
    private static final String GEO_CACHE = "public, max-age=86400";

    private final LiveHub hub;
    private final WallData data;
    private final HistoryDatabase history;

    public HttpApi(LiveHub hub, WallData data, HistoryDatabase history) {
        this.hub = hub;
        this.data = data;
        this.history = history;
    }

    public void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    public void health(RoutingContext ctx) {
        boolean connected = hub.mqttConnected();
        ObjectNode body = Json.mapper()
                .createObjectNode()
                .put("status", connected ? "ok" : "degraded")
                .put("mqtt", connected ? "connected" : "disconnected")
                .put("seq", hub.lastSeq())
                .put("clients", hub.clientCount())
                .put("activeAlerts", hub.activeAlerts().size())
                .put("kpis", hub.kpis().size())
                .put("undecodable", hub.undecodable())
                .put("history", history.state().name());
        json(ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), body);
    }

    public void reference(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .end(data.referenceJson());
    }

    public void alerts(RoutingContext ctx) {
        json(ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), hub.activeAlerts());
    }

    public void kpis(RoutingContext ctx) {
        json(ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), hub.kpis());
    }

    public void districts(RoutingContext ctx) {
        geo(ctx, data.districts());
    }

    public void land(RoutingContext ctx) {
        geo(ctx, data.land());
    }

    /** Checks {@code ?since=N} before the upgrade, so a bad value is a plain 400 with a reason. */
    public void sinceParam(RoutingContext ctx) {
        List<String> values = ctx.queryParam(SINCE);
        if (values.size() > 1) {
            badRequest(ctx, "give 'since' once");
            return;
        }
        if (values.size() == 1) {
            String value = values.get(0).trim();
            long since;
            try {
                since = Long.parseLong(value);
            } catch (NumberFormatException e) {
                badRequest(ctx, "'since' must be the seq of the last frame received (a whole number)");
                return;
            }
            if (since < 0) {
                badRequest(ctx, "'since' must not be negative");
                return;
            }
            ctx.put(SINCE, since);
        }
        ctx.next();
    }

    public void upgrade(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.canUpgradeToWebSocket()) {
            error(
                    ctx.response(),
                    400,
                    "bad request",
                    "this endpoint speaks WebSocket: open it with a websocket client");
            return;
        }
        if (!sameOrigin(request)) {
            // A page of another site must not read the alert feed through the user's browser.
            error(ctx.response(), 403, "forbidden", "websocket connections are accepted from the wall's own origin");
            return;
        }
        Long since = ctx.get(SINCE);
        request.toWebSocket()
                .onSuccess(socket -> hub.attach(new WebSocketSink(ctx.vertx(), socket), since))
                .onFailure(e -> log.debug("websocket upgrade failed: {}", e.toString()));
    }

    public void notFound(RoutingContext ctx) {
        error(
                ctx.response(),
                404,
                "not found",
                "no resource at " + ctx.request().path());
    }

    public void methodNotAllowed(RoutingContext ctx) {
        error(ctx.response(), 405, "method not allowed", ctx.request().method() + " is not allowed here");
    }

    public void internalError(RoutingContext ctx) {
        log.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        error(ctx.response(), 500, "internal error", "the server could not complete the request");
    }

    /**
     * Compares the browser's Origin with the Host it asked for, host and port as written (browsers leave default ports
     * out of both), so it holds behind a proxy that keeps the Host header, whatever the scheme there.
     */
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

    private static void geo(RoutingContext ctx, Buffer body) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, GEOJSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, GEO_CACHE)
                .end(body);
    }

    private static void badRequest(RoutingContext ctx, String message) {
        error(ctx.response(), 400, "bad request", message);
    }

    public static void error(HttpServerResponse response, int status, String error, String message) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        ObjectNode body = Json.mapper()
                .createObjectNode()
                .put("status", status)
                .put("error", error)
                .put("message", message);
        json(response.setStatusCode(status), body);
    }

    private static void json(HttpServerResponse response, Object body) {
        try {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(Buffer.buffer(Json.mapper().writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a response", e);
        }
    }
}
