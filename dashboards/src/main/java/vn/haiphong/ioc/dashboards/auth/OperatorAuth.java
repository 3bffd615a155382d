package vn.haiphong.ioc.dashboards.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import vn.haiphong.ioc.dashboards.auth.OperatorTokens.Operator;
import vn.haiphong.ioc.dashboards.http.HttpApi;

/**
 * Lets a request on only with an operator's bearer token ({@code Authorization: Bearer <token>}) and the role the
 * route needs: no token or an unknown one is 401, a token without the role 403, both with a JSON message. The wall
 * keeps the token in its session storage and sends it with each operator action.
 */
public final class OperatorAuth {
    private static final String REALM = "Bearer realm=\"ioc-operators\"";
    private static final String OPERATOR_KEY = "ioc.operator";

    private final Optional<OperatorTokens> tokens;

    /** @param tokens absent: no operators are configured, and every operator route answers 503 */
    public OperatorAuth(Optional<OperatorTokens> tokens) {
        this.tokens = tokens;
    }

    /** A route handler that admits operators with {@code role}. */
    public Handler<RoutingContext> require(String role) {
        if (!OperatorTokens.ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role " + role);
        }
        return ctx -> {
            HttpServerResponse response = ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            Optional<Operator> operator = authenticate(ctx);
            if (operator.isEmpty()) {
                return;
            }
            if (!operator.get().has(role)) {
                response.putHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\"");
                HttpApi.error(
                        response,
                        403,
                        "forbidden",
                        "operator '" + operator.get().name() + "' does not have the role '" + role + "' this needs");
                return;
            }
            ctx.put(OPERATOR_KEY, operator.get());
            ctx.next();
        };
    }

    /** {@code GET /api/operator/me}: who the token belongs to, so the wall can show who is signed in. */
    public void me(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        authenticate(ctx).ifPresent(operator -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(new JsonObject()
                        .put("name", operator.name())
                        .put(
                                "roles",
                                new JsonArray(operator.roles().stream().sorted().toList()))
                        .encode()));
    }

    /** The operator a handler after {@link #require} serves. */
    public static Operator operator(RoutingContext ctx) {
        Operator operator = ctx.get(OPERATOR_KEY);
        if (operator == null) {
            throw new IllegalStateException("the route has no OperatorAuth.require before it");
        }
        return operator;
    }

    /** The operator of the request's token, or empty after answering 401 or 503. */
    private Optional<Operator> authenticate(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (tokens.isEmpty()) {
            HttpApi.error(response, 503, "unavailable", "no operator tokens are configured on this server");
            return Optional.empty();
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String token = null;
        if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        }
        if (token == null || token.isEmpty()) {
            response.putHeader("WWW-Authenticate", REALM);
            HttpApi.error(
                    response,
                    401,
                    "unauthorized",
                    "sign in: send an operator's token as 'Authorization: Bearer <token>'");
            return Optional.empty();
        }
        Optional<Operator> operator = tokens.get().check(token);
        if (operator.isEmpty()) {
            response.putHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\"");
            HttpApi.error(response, 401, "unauthorized", "this token is not an operator's; sign in again");
        }
        return operator;
    }
}
