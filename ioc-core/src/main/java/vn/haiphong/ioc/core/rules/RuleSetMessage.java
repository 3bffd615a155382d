package vn.haiphong.ioc.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vn.haiphong.ioc.core.wire.Json;
import vn.haiphong.ioc.core.wire.Timestamps;

/**
 * A rule set as it travels on {@link vn.haiphong.ioc.core.wire.Topics#RULES} (retained): the document of {@code
 * rules.json} ({@code rules} and {@code labels}) with who changed it, when, why, and a version that only grows. The
 * dashboards' admin endpoint publishes it; the job applies it to the running rules without a restart, and echoes the
 * version it applied on {@link vn.haiphong.ioc.core.wire.Topics#RULES_APPLIED}.
 */
public record RuleSetMessage(long version, long changedAt, String changedBy, String reason, RuleSet ruleSet)
        implements Serializable {
    /**
     * The rules the job applies while it runs (broadcast to the camera and desk rules). The others are read when the job
     * starts ({@code --rules}); a published rule set that changes one of them is refused rather than shown as applied.
     */
    public static final Set<String> LIVE_RULES =
            Set.of("traffic.incident", "traffic.congestion", "desk.queue", "camera.offline");

    /** The alert domains of the wire contract: the level after {@code ioc/v1/alert/}. */
    public static final Set<String> DOMAINS = Set.of("traffic", "desk", "report", "port", "system", "incident");

    /** The longest payload a rule set may have; a larger one is refused before it is parsed. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper WRITER =
            Json.mapper().copy().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    public RuleSetMessage {
        Objects.requireNonNull(ruleSet, "ruleSet");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** The shipped defaults as version 0. */
    public static RuleSetMessage initial(RuleSet rules) {
        return new RuleSetMessage(0, 0, "defaults", null, rules);
    }

    public byte[] encode() {
        ObjectNode root = WRITER.createObjectNode();
        root.put("version", version);
        root.put("changedAt", Timestamps.format(changedAt));
        if (changedBy != null) {
            root.put("changedBy", changedBy);
        }
        if (reason != null) {
            root.put("reason", reason);
        }
        root.set("rules", WRITER.valueToTree(ruleSet.rules()));
        root.set("labels", WRITER.valueToTree(ruleSet.labels()));
        try {
            return WRITER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a published rule set and checks it ({@link #problems}).
     *
     * @throws IllegalArgumentException with a message an operator can act on, when it cannot be used
     */
    public static RuleSetMessage decode(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "the rule set is " + payload.length + " bytes; at most " + MAX_BYTES + " are accepted");
        }
        JsonNode root;
        RuleSet rules;
        try {
            root = Json.mapper().readTree(payload);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("a rule set is a JSON object with rules and labels");
            }
            rules = RuleSet.parse(new ByteArrayInputStream(payload));
        } catch (IOException | RuntimeException e) {
            String detail = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalArgumentException("the rule set is not valid JSON of rules.json's shape: "
                    + detail.lines().findFirst().orElse(""));
        }
        JsonNode version = root.path("version");
        if (!version.canConvertToExactIntegral() || version.asLong() < 0) {
            throw new IllegalArgumentException("version must be a whole number ≥ 0");
        }
        long changedAt;
        try {
            changedAt = root.path("changedAt").isTextual()
                    ? Timestamps.parse(root.path("changedAt").asText())
                    : root.path("changedAt").asLong(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("changedAt is not an ISO-8601 time with an offset: " + e.getMessage());
        }
        return new RuleSetMessage(
                version.asLong(),
                changedAt,
                root.path("changedBy").isTextual() ? root.path("changedBy").asText() : null,
                root.path("reason").isTextual() ? root.path("reason").asText() : null,
                rules);
    }

    /**
     * What makes a rule set unusable as a replacement of {@code reference} (the one in force or the defaults): a rule
     * of the reference that is missing, a threshold of it that is missing or not a finite number, a negative
     * duration, a rule without a severity, texts or a domain of the contract, a change to a rule the job reads only
     * at its start ({@link #LIVE_RULES}). Empty when it can be applied.
     */
    public static List<String> problems(RuleSet candidate, RuleSet reference) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, RuleDefinition> e : reference.rules().entrySet()) {
            String id = e.getKey();
            RuleDefinition now = candidate.rules().get(id);
            if (now == null) {
                problems.add("rule '" + id + "' is missing");
                continue;
            }
            if (!LIVE_RULES.contains(id) && !now.equals(e.getValue())) {
                problems.add("rule '" + id + "' is read when the job starts: change it in the job's rules file"
                        + " (--rules) and restart the job; only " + new java.util.TreeSet<>(LIVE_RULES)
                        + " change while it runs");
            }
            for (String param : e.getValue().params().keySet()) {
                if (now.params().get(param) == null) {
                    problems.add("rule '" + id + "' lacks its parameter '" + param + "'");
                }
            }
        }
        for (Map.Entry<String, RuleDefinition> e : candidate.rules().entrySet()) {
            String id = e.getKey();
            RuleDefinition rule = e.getValue();
            if (rule.severity() == null) {
                problems.add("rule '" + id + "' has no severity");
            }
            if (rule.domain() == null || !DOMAINS.contains(rule.domain())) {
                problems.add("rule '" + id + "' has domain '" + rule.domain() + "'; the domains are "
                        + new java.util.TreeSet<>(DOMAINS));
            }
            if (rule.category() == null || rule.category().isBlank()) {
                problems.add("rule '" + id + "' has no category");
            }
            if (!complete(rule.title())) {
                problems.add("rule '" + id + "' lacks its title in Vietnamese or English");
            }
            if (!complete(rule.description())) {
                problems.add("rule '" + id + "' lacks its description in Vietnamese or English");
            }
            if (negative(rule.raiseAfter()) || negative(rule.clearAfter()) || negative(rule.escalateAfter())) {
                problems.add("rule '" + id + "' has a negative duration");
            }
            rule.params().forEach((param, value) -> {
                if (value == null || !Double.isFinite(value)) {
                    problems.add("rule '" + id + "' parameter '" + param + "' is not a finite number");
                }
            });
        }
        return problems;
    }

    private static boolean complete(vn.haiphong.ioc.core.text.LocalizedText text) {
        return text != null && text.vi() != null && text.en() != null;
    }

    private static boolean negative(Duration d) {
        return d != null && d.isNegative();
    }
}
