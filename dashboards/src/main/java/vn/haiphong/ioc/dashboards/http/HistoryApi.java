package vn.haiphong.ioc.dashboards.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.rules.RuleSetMessage;
import vn.haiphong.ioc.dashboards.history.AlertCursor;
import vn.haiphong.ioc.dashboards.history.AlertHistory;
import vn.haiphong.ioc.dashboards.history.HistoryDatabase;
import vn.haiphong.ioc.dashboards.history.KpiHistory;
import vn.haiphong.ioc.dashboards.history.ReportHistory;
import vn.haiphong.ioc.dashboards.history.Resolution;
import vn.haiphong.ioc.dashboards.http.QueryParams.BadParameter;

/**
 * The history endpoints under {@code /api/history}: alerts by time, area, domain, severity and status, paged with a
 * cursor; one alert's changes; a KPI's series; a field report's history. Without a database (or before its migrations
 * are applied) every one answers 503 with the reason, and {@code /api/history/status} says which it is.
 */
public final class HistoryApi {
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** Bins per series: a month of 15-minute bins, a year of hours. */
    static final int MAX_BINS = 10_000;

    static final Duration MAX_RAW_RANGE = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(HistoryApi.class);
    /** SQLSTATE classes that say the database is unreachable (08) or overloaded (53, 57: e.g. statement_timeout). */
    private static final Set<String> UNAVAILABLE = Set.of("08", "53", "57");

    private static final Set<String> DOMAINS = RuleSetMessage.DOMAINS;
    private static final Set<String> SEVERITIES = names(Severity.values());
    private static final Set<String> STATUSES = names(AlertStatus.values());
    private static final Set<String> ALERT_PARAMS = Set.of(
            "from", "to", "area", "site", "domain", "severity", "minSeverity", "status", "changes", "limit", "cursor");
    private static final Set<String> KPI_PARAMS = Set.of("kpi", "scopeType", "scopeId", "from", "to", "resolution");

    private final HistoryDatabase database;

    public HistoryApi(HistoryDatabase database) {
        this.database = database;
    }

    /** {@code {state, message}}: 200 when the history can be read, 503 otherwise. */
    public void status(RoutingContext ctx) {
        HistoryDatabase.State state = database.state();
        JsonObject body = new JsonObject().put("state", state.name());
        if (state == HistoryDatabase.State.ready) {
            send(ctx, body);
        } else {
            body.put("status", 503).put("error", "service unavailable").put("message", database.problem());
            ctx.response()
                    .setStatusCode(503)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                    .end(body.toBuffer());
        }
    }

    /** The first handler of every history route: 503 until the database is there. */
    public void requireDatabase(RoutingContext ctx) {
        if (database.state() == HistoryDatabase.State.ready) {
            ctx.next();
        } else {
            HttpApi.error(ctx.response(), 503, "service unavailable", database.problem());
        }
    }

    /**
     * {@code GET /api/history/alerts?from&to&area&site&domain&severity|minSeverity&status&changes=latest|all&limit&cursor}
     */
    public void alerts(RoutingContext ctx) {
        handle(ctx, () -> {
            QueryParams q = QueryParams.of(ctx.queryParams(), ALERT_PARAMS);
            Instant[] range = range(q);
            Set<String> severities = q.list("severity", SEVERITIES);
            var minimum = q.single("minSeverity");
            if (minimum.isPresent()) {
                if (!severities.isEmpty()) {
                    throw new BadParameter("give 'severity' (a list) or 'minSeverity', not both");
                }
                severities = atLeast(minimum.get());
            }
            String changes = q.single("changes").orElse("latest");
            if (!changes.equals("latest") && !changes.equals("all")) {
                throw new BadParameter("'changes' must be 'latest' (each alert once) or 'all' (every change)");
            }
            AlertHistory.Search search = new AlertHistory.Search(
                    range[0],
                    range[1],
                    q.list("area", null),
                    q.list("site", null),
                    q.list("domain", DOMAINS),
                    severities,
                    q.list("status", STATUSES),
                    changes.equals("all"),
                    q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                    q.single("cursor").map(HistoryApi::cursor));
            return database.read(connection -> AlertHistory.search(connection, search));
        });
    }

    /** {@code GET /api/history/alerts/:alertId}: every change, oldest first. */
    public void alert(RoutingContext ctx) {
        handle(ctx, () -> {
            QueryParams.of(ctx.queryParams(), Set.of());
            String id = ctx.pathParam("alertId");
            UUID alertId;
            try {
                alertId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("an alert id is a UUID, such as 3f1c2a4e-8d7b-3c5a-9e0f-1a2b3c4d5e6f");
            }
            return database.read(connection -> AlertHistory.changes(connection, alertId))
                    .map(changes -> {
                        if (changes.isEmpty()) {
                            throw new NotFound("no alert " + alertId + " in the history");
                        }
                        return new JsonObject()
                                .put("alertId", alertId.toString())
                                .put("changes", changes);
                    });
        });
    }

    /** {@code GET /api/history/kpi?kpi&scopeType&scopeId&from&to&resolution} */
    public void kpi(RoutingContext ctx) {
        handle(ctx, () -> {
            QueryParams q = QueryParams.of(ctx.queryParams(), KPI_PARAMS);
            String kpi = q.requiredCode("kpi");
            String scopeType = q.requiredCode("scopeType");
            String scopeId = q.requiredCode("scopeId");
            Instant[] range = range(q);
            String label = q.single("resolution").orElse("5m");
            Resolution resolution = Resolution.of(label)
                    .orElseThrow(() -> new BadParameter(
                            "'resolution' must be one of " + Resolution.labels() + ", not '" + label + "'"));
            Duration span = Duration.between(range[0], range[1]);
            if (resolution == Resolution.RAW && span.compareTo(MAX_RAW_RANGE) > 0) {
                throw new BadParameter("raw values are served for at most " + MAX_RAW_RANGE.toDays()
                        + " days at a time: narrow 'from'/'to' or choose a resolution such as 1h");
            }
            if (resolution != Resolution.RAW
                    && span.dividedBy(resolution.bin().toSeconds()).toSeconds() > MAX_BINS) {
                throw new BadParameter("that range holds more than " + MAX_BINS + " bins of " + label
                        + ": choose a coarser resolution or a shorter range");
            }
            KpiHistory.Series series = new KpiHistory.Series(kpi, scopeType, scopeId, range[0], range[1], resolution);
            return database.read(connection -> KpiHistory.series(connection, series));
        });
    }

    /** {@code GET /api/history/reports/:serviceRequestId}: the report and all its updates, no personal ids. */
    public void report(RoutingContext ctx) {
        handle(ctx, () -> {
            QueryParams.of(ctx.queryParams(), Set.of());
            String id = ctx.pathParam("serviceRequestId");
            if (id.isBlank() || id.length() > 128) {
                throw new BadParameter("a service_request_id has 1 to 128 characters");
            }
            return database.read(connection -> ReportHistory.of(connection, id))
                    .map(found -> found.orElseThrow(() -> new NotFound("no field report " + id + " in the history")));
        });
    }

    /** Runs a query built from the request; a bad parameter is a 400, a database that stopped answering a 503. */
    private void handle(RoutingContext ctx, Supplier<Future<JsonObject>> query) {
        Future<JsonObject> result;
        try {
            result = query.get();
        } catch (BadParameter e) {
            HttpApi.error(ctx.response(), 400, "bad request", e.getMessage());
            return;
        }
        result.onSuccess(body -> send(ctx, body)).onFailure(e -> {
            if (e instanceof NotFound) {
                HttpApi.error(ctx.response(), 404, "not found", e.getMessage());
            } else if (e instanceof SQLException sql && !unavailable(sql)) {
                // The server understood and refused: a fault of this code or of the schema, not of the client.
                ctx.fail(e);
            } else {
                log.warn("history query failed: {}", e.toString());
                HttpApi.error(
                        ctx.response(),
                        503,
                        "service unavailable",
                        "the history database did not answer (" + e.getMessage() + ")");
            }
        });
    }

    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException
                || (state != null && state.length() >= 2 && UNAVAILABLE.contains(state.substring(0, 2)));
    }

    private static void send(RoutingContext ctx, JsonObject body) {
        ctx.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(body.toBuffer());
    }

    /** [from, to): 'to' is now unless given, 'from' 24 hours before 'to' unless given. */
    private static Instant[] range(QueryParams q) {
        var from = q.instant("from");
        var to = q.instant("to");
        Instant end = to.orElseGet(Instant::now);
        Instant start = from.orElse(end.minus(DEFAULT_RANGE));
        if (!start.isBefore(end)) {
            throw new BadParameter("'from' must be before 'to'");
        }
        return new Instant[] {start, end};
    }

    private static Set<String> atLeast(String minimum) {
        Severity floor;
        try {
            floor = Severity.valueOf(minimum);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("'minSeverity' must be among " + SEVERITIES + ", not '" + minimum + "'");
        }
        Set<String> set = new HashSet<>();
        for (Severity s : Severity.values()) {
            if (s.compareTo(floor) >= 0) {
                set.add(s.name());
            }
        }
        return set;
    }

    private static AlertCursor cursor(String text) {
        try {
            return AlertCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(e.getMessage());
        }
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> set = new LinkedHashSet<>();
        for (Enum<?> v : values) {
            set.add(v.name());
        }
        return set;
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
