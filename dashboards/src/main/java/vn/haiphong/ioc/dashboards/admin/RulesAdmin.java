package vn.haiphong.ioc.dashboards.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.rules.RuleSetMessage;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.core.wire.Timestamps;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.dashboards.auth.OperatorAuth;
import vn.haiphong.ioc.dashboards.auth.OperatorTokens.Operator;
import vn.haiphong.ioc.dashboards.http.HttpApi;
import vn.haiphong.ioc.dashboards.live.LiveHub;
import vn.haiphong.ioc.dashboards.mqtt.OutboundMessage.RulesMessage;

/**
 * The rules at run time, as the dashboards see and change them. In force is the latest rule set retained on {@link
 * Topics#RULES} (else the shipped defaults as version 0); the job echoes what it applied on {@link
 * Topics#RULES_APPLIED}. An admin replaces the set ({@code PUT /api/admin/rules}) or one rule's thresholds and delays
 * ({@code PATCH /api/admin/rules/{ruleId}}); the result is checked with {@link RuleSetMessage#problems}, numbered one
 * above the version in force and published retained. Every change goes into a log of the last {@value #LOG_SIZE}
 * (and {@code operator_actions}), which the wall shows live with the moment the job applied it.
 *
 * <p>Runs on the verticle's event loop, as the hub does.
 */
public final class RulesAdmin {
    static final int LOG_SIZE = 50;
    /**
     * After (re)subscribing, the broker sends the retained rule set at once; a change made before it arrived would be
     * numbered from a stale version, so changes wait this long after the subscription.
     */
    private static final long RETAINED_GRACE_MS = 1_000;

    private static final Set<String> PATCH_FIELDS = Set.of("params", "raiseAfter", "clearAfter", "severity", "reason");
    private static final int MAX_REASON = 500;
    private static final Logger log = LoggerFactory.getLogger(RulesAdmin.class);

    private final Vertx vertx;
    private final LiveHub hub;
    private final MqttPublisher publisher;
    private final OperatorActions actions;
    /** Newest first. */
    private final Deque<ObjectNode> changeLog = new ArrayDeque<>();

    private RuleSetMessage current;
    private boolean retained;
    private long appliedVersion = -1;
    private long appliedAt;
    private long subscribedAt = -1;
    private boolean publishing;

    public RulesAdmin(Vertx vertx, LiveHub hub, MqttPublisher publisher, OperatorActions actions, RuleSet defaults) {
        this.vertx = vertx;
        this.hub = hub;
        this.publisher = publisher;
        this.actions = actions;
        this.current = RuleSetMessage.initial(defaults);
        hub.addRulesListener(this::onRules);
        hub.addConnectionListener(connected -> subscribedAt = connected ? System.currentTimeMillis() : -1);
        hub.setRules(state());
    }

    // ---- from the broker ----

    private void onRules(RulesMessage message) {
        RuleSetMessage rules = message.rules();
        if (rules == null) {
            return;
        }
        if (!message.applied()) {
            retained = true;
            advance(rules);
            return;
        }
        if (rules.version() <= appliedVersion) {
            return;
        }
        appliedVersion = rules.version();
        appliedAt = System.currentTimeMillis();
        for (ObjectNode entry : changeLog) {
            if (entry.path("version").asLong() == rules.version() && !entry.hasNonNull("appliedAt")) {
                entry.put("appliedAt", Timestamps.format(appliedAt));
            }
        }
        log.info("the job applied rule set version {}", appliedVersion);
        hub.setRules(state());
    }

    /** Makes {@code next} the rule set in force when it is newer, with its entry in the change log. */
    private ArrayNode advance(RuleSetMessage next) {
        if (next.version() <= current.version()) {
            return null;
        }
        ArrayNode changes = RuleChanges.between(current.ruleSet(), next.ruleSet());
        current = next;
        if (!logged(next.version())) {
            ObjectNode entry = entry(next.version(), next.changedAt(), next.changedBy(), next.reason(), changes);
            if (appliedVersion >= next.version()) {
                entry.put("appliedAt", Timestamps.format(appliedAt));
            }
            changeLog.addFirst(entry);
            while (changeLog.size() > LOG_SIZE) {
                changeLog.removeLast();
            }
        }
        hub.setRules(state());
        return changes;
    }

    /** Takes back the change log from {@code operator_actions} once the history database is ready. */
    public void restoreLog() {
        actions.latest(OperatorActions.RULES_CHANGE, LOG_SIZE).onSuccess(rows -> {
            for (OperatorActions.Action row : rows) {
                long version = row.details().path("version").asLong(-1);
                if (version < 0 || logged(version)) {
                    continue;
                }
                ObjectNode entry = entry(version, row.at(), row.operator(), row.note(), (ArrayNode)
                        (row.details().path("changes").isArray()
                                ? row.details().get("changes")
                                : Json.mapper().createArrayNode()));
                insertByVersion(entry);
            }
            hub.setRules(state());
        });
    }

    private void insertByVersion(ObjectNode entry) {
        List<ObjectNode> all = new java.util.ArrayList<>(changeLog);
        all.add(entry);
        all.sort((a, b) ->
                Long.compare(b.path("version").asLong(), a.path("version").asLong()));
        changeLog.clear();
        all.stream().limit(LOG_SIZE).forEach(changeLog::addLast);
    }

    private boolean logged(long version) {
        for (ObjectNode entry : changeLog) {
            if (entry.path("version").asLong() == version) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode entry(long version, long changedAt, String by, String reason, ArrayNode changes) {
        ObjectNode entry = Json.mapper().createObjectNode().put("version", version);
        entry.put("changedAt", Timestamps.format(changedAt));
        entry.put("changedBy", by);
        entry.put("reason", reason);
        entry.set("changes", changes);
        return entry;
    }

    /** What the wall is pushed: the version in force and applied, each rule's figures, and the change log. */
    ObjectNode state() {
        ObjectNode state = Json.mapper().createObjectNode().put("version", current.version());
        state.put("source", retained ? "broker" : "defaults");
        state.put("changedBy", current.changedBy());
        state.put("changedAt", current.version() == 0 ? null : Timestamps.format(current.changedAt()));
        if (appliedVersion >= 0) {
            state.put("appliedVersion", appliedVersion);
            state.put("appliedAt", Timestamps.format(appliedAt));
        }
        state.set("rules", RuleChanges.compact(current.ruleSet()));
        ArrayNode live = state.putArray("live");
        RuleSetMessage.LIVE_RULES.stream().sorted().forEach(live::add);
        ArrayNode entries = state.putArray("log");
        changeLog.forEach(e -> entries.add(e.deepCopy()));
        return state;
    }

    // ---- HTTP ----

    /** {@code GET /api/admin/rules}: the rule set in force as published, with the job's applied version. */
    public void get(RoutingContext ctx) {
        ObjectNode body;
        try {
            body = (ObjectNode) Json.mapper().readTree(current.encode());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        body.put("source", retained ? "broker" : "defaults");
        ArrayNode live = body.putArray("live");
        RuleSetMessage.LIVE_RULES.stream().sorted().forEach(live::add);
        if (appliedVersion >= 0) {
            body.put("appliedVersion", appliedVersion);
            body.put("appliedAt", Timestamps.format(appliedAt));
        } else {
            body.putNull("appliedVersion");
        }
        json(ctx.response().setStatusCode(200), body);
    }

    /** {@code PUT /api/admin/rules}: a whole rule set ({@code rules}, {@code labels}, optional {@code reason}). */
    public void put(RoutingContext ctx) {
        whenReady(ctx, () -> {
            JsonNode body = body(ctx);
            if (body == null) {
                return;
            }
            String reason = reason(ctx, body);
            if (ctx.response().ended()) {
                return;
            }
            RuleSet candidate;
            try {
                candidate = RuleSet.parse(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(body)));
            } catch (IOException | IllegalArgumentException e) {
                problems(ctx, List.of("the rule set is not of rules.json's shape: " + firstLine(e.getMessage())));
                return;
            }
            publishChange(ctx, candidate, reason);
        });
    }

    /**
     * {@code PATCH /api/admin/rules/{ruleId}}: some of one rule's thresholds ({@code params}), {@code raiseAfter},
     * {@code clearAfter} (ISO-8601 durations), {@code severity}, with an optional {@code reason}.
     */
    public void patch(RoutingContext ctx) {
        whenReady(ctx, () -> {
            String ruleId = ctx.pathParam("ruleId");
            JsonNode body = body(ctx);
            if (body == null) {
                return;
            }
            ObjectNode document;
            try {
                document = (ObjectNode) Json.mapper().readTree(current.encode());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            JsonNode rule = document.path("rules").path(ruleId);
            if (!rule.isObject()) {
                HttpApi.error(
                        ctx.response(),
                        404,
                        "not found",
                        "no rule '" + ruleId + "'; the rules are "
                                + new TreeSet<>(current.ruleSet().rules().keySet()));
                return;
            }
            String problem = applyPatch(ruleId, (ObjectNode) rule, body);
            if (problem != null) {
                problems(ctx, List.of(problem));
                return;
            }
            String reason = reason(ctx, body);
            if (ctx.response().ended()) {
                return;
            }
            RuleSet candidate;
            try {
                candidate = RuleSet.parse(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(document)));
            } catch (IOException | IllegalArgumentException e) {
                problems(ctx, List.of("rule '" + ruleId + "': " + firstLine(e.getMessage())));
                return;
            }
            publishChange(ctx, candidate, reason);
        });
    }

    /** Applies the patch to the rule's JSON; the reason it cannot, or null. */
    private static String applyPatch(String ruleId, ObjectNode rule, JsonNode patch) {
        for (String field : (Iterable<String>) patch::fieldNames) {
            if (!PATCH_FIELDS.contains(field)) {
                return "unknown field '" + field + "'; a patch may set " + new TreeSet<>(PATCH_FIELDS);
            }
        }
        JsonNode params = patch.path("params");
        if (!params.isMissingNode()) {
            if (!params.isObject()) {
                return "params must be an object of parameter → number, e.g. {\"occupancyAtLeast\": 0.4}";
            }
            ObjectNode target = rule.path("params").isObject()
                    ? (ObjectNode) rule.get("params")
                    : Json.mapper().createObjectNode();
            for (String name : (Iterable<String>) params::fieldNames) {
                if (!target.has(name)) {
                    List<String> known = new java.util.ArrayList<>();
                    target.fieldNames().forEachRemaining(known::add);
                    return "rule '" + ruleId + "' has no parameter '" + name + "'; its parameters are "
                            + new TreeSet<>(known);
                }
                JsonNode value = params.get(name);
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    return "rule '" + ruleId + "' parameter '" + name + "' must be a number, not " + value;
                }
                if (value.asDouble() < 0) {
                    return "rule '" + ruleId + "' parameter '" + name + "' must not be negative, not " + value;
                }
                target.put(name, value.asDouble());
            }
        }
        for (String field : List.of("raiseAfter", "clearAfter")) {
            JsonNode value = patch.path(field);
            if (value.isMissingNode()) {
                continue;
            }
            try {
                Duration duration = Duration.parse(value.asText());
                if (!value.isTextual() || duration.isNegative()) {
                    return "rule '" + ruleId + "' " + field + " must be a duration of zero or more, not " + value;
                }
                rule.put(field, duration.toString());
            } catch (DateTimeParseException e) {
                return "rule '" + ruleId + "' " + field + " must be an ISO-8601 duration such as PT5M, not " + value;
            }
        }
        JsonNode severity = patch.path("severity");
        if (!severity.isMissingNode()) {
            try {
                rule.put("severity", Severity.valueOf(severity.asText()).name());
            } catch (IllegalArgumentException e) {
                return "rule '" + ruleId + "' severity must be one of informational, low, medium, high, critical, not "
                        + severity;
            }
        }
        return null;
    }

    private void publishChange(RoutingContext ctx, RuleSet candidate, String reason) {
        List<String> problems = RuleSetMessage.problems(candidate, current.ruleSet());
        if (!problems.isEmpty()) {
            problems(ctx, problems);
            return;
        }
        ArrayNode changes = RuleChanges.between(current.ruleSet(), candidate);
        if (RuleChanges.isEmpty(changes)) {
            problems(
                    ctx,
                    List.of("this changes nothing: the rule set in force (version " + current.version()
                            + ") already has these values"));
            return;
        }
        if (publishing) {
            HttpApi.error(ctx.response(), 409, "conflict", "another rule change is being published; try again");
            return;
        }
        Operator operator = OperatorAuth.operator(ctx);
        long now = System.currentTimeMillis();
        // Above both what the broker retains and what the job applied: a broker that lost its retained copy must not
        // make the next change look older than the one in force.
        long version = Math.max(current.version(), appliedVersion) + 1;
        RuleSetMessage next = new RuleSetMessage(version, now, operator.name(), reason, candidate);
        publishing = true;
        publisher.publish(Topics.RULES, next.encode(), true).onComplete(done -> {
            publishing = false;
            if (done.failed()) {
                log.warn(
                        "rule set version {} not published: {}",
                        next.version(),
                        done.cause().getMessage());
                HttpApi.error(ctx.response(), 503, "unavailable", "the MQTT broker is not reachable; try again later");
                return;
            }
            advance(next);
            ObjectNode details = Json.mapper().createObjectNode().put("version", next.version());
            details.set("changes", changes.deepCopy());
            actions.record(new OperatorActions.Action(
                    now, operator.name(), OperatorActions.RULES_CHANGE, null, reason, details));
            ObjectNode answer = Json.mapper()
                    .createObjectNode()
                    .put("version", next.version())
                    .put("changedBy", next.changedBy())
                    .put("changedAt", Timestamps.format(next.changedAt()))
                    .put("reason", reason);
            answer.set("changes", changes);
            json(ctx.response().setStatusCode(202), answer);
        });
    }

    /** Runs {@code action} once the broker is connected and its retained rule set has had time to arrive. */
    private void whenReady(RoutingContext ctx, Runnable action) {
        if (!hub.mqttConnected() || subscribedAt < 0) {
            HttpApi.error(
                    ctx.response(),
                    503,
                    "unavailable",
                    "the MQTT broker is not connected, so the rule set in force is not known; try again later");
            return;
        }
        long wait = subscribedAt + RETAINED_GRACE_MS - System.currentTimeMillis();
        if (wait > 0) {
            vertx.setTimer(wait, id -> whenReady(ctx, action));
            return;
        }
        action.run();
    }

    private static JsonNode body(RoutingContext ctx) {
        JsonNode body;
        try {
            body = ctx.body().buffer() == null
                    ? null
                    : Json.mapper().readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            HttpApi.error(ctx.response(), 400, "bad request", "the body must be a JSON object");
            return null;
        }
        return body;
    }

    private static String reason(RoutingContext ctx, JsonNode body) {
        JsonNode reason = body.path("reason");
        if (reason.isMissingNode() || reason.isNull()) {
            return null;
        }
        if (!reason.isTextual() || reason.asText().length() > MAX_REASON) {
            HttpApi.error(
                    ctx.response(), 400, "bad request", "reason must be text of at most " + MAX_REASON + " characters");
            return null;
        }
        String text = reason.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static void problems(RoutingContext ctx, List<String> problems) {
        ObjectNode body = Json.mapper()
                .createObjectNode()
                .put("status", 400)
                .put("error", "bad request")
                .put("message", "the rule set cannot be applied: " + String.join("; ", problems));
        ArrayNode list = body.putArray("problems");
        problems.forEach(list::add);
        json(ctx.response().setStatusCode(400), body);
    }

    private static void json(HttpServerResponse response, JsonNode body) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.toString());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        Iterator<String> lines = text.lines().iterator();
        return lines.hasNext() ? lines.next() : text;
    }
}
