package vn.haiphong.ioc.dashboards.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;

/**
 * What changed between two rule sets, as the change log shows it: one entry per rule and field ({@code {"rule":
 * "traffic.congestion", "field": "occupancyAtLeast", "from": 0.6, "to": 0.4}}); thresholds, the raise and clear
 * delays, the severity, and rules that came or went. Texts are not compared: the log is about behaviour.
 */
final class RuleChanges {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RuleChanges() {}

    static ArrayNode between(RuleSet before, RuleSet after) {
        ArrayNode changes = NODES.arrayNode();
        TreeSet<String> ids = new TreeSet<>(before.rules().keySet());
        ids.addAll(after.rules().keySet());
        for (String id : ids) {
            RuleDefinition was = before.rules().get(id);
            RuleDefinition now = after.rules().get(id);
            if (was == null || now == null) {
                add(changes, id, "rule", was == null ? null : "present", now == null ? "removed" : "added");
                continue;
            }
            Map<String, Double> params = new TreeMap<>(was.params());
            now.params().keySet().forEach(k -> params.putIfAbsent(k, null));
            for (String param : params.keySet()) {
                Double from = was.params().get(param);
                Double to = now.params().get(param);
                if (!Objects.equals(from, to)) {
                    ObjectNode change = changes.addObject().put("rule", id).put("field", param);
                    change.set("from", from == null ? NODES.nullNode() : NODES.numberNode(from));
                    change.set("to", to == null ? NODES.nullNode() : NODES.numberNode(to));
                }
            }
            duration(changes, id, "raiseAfter", was.raiseAfter(), now.raiseAfter());
            duration(changes, id, "clearAfter", was.clearAfter(), now.clearAfter());
            if (was.severity() != now.severity()) {
                add(changes, id, "severity", String.valueOf(was.severity()), String.valueOf(now.severity()));
            }
        }
        return changes;
    }

    private static void duration(ArrayNode changes, String id, String field, Duration from, Duration to) {
        if (!Objects.equals(from, to)) {
            add(changes, id, field, from.toString(), to.toString());
        }
    }

    private static void add(ArrayNode changes, String id, String field, String from, String to) {
        ObjectNode change = changes.addObject().put("rule", id).put("field", field);
        change.set("from", from == null ? NODES.nullNode() : NODES.textNode(from));
        change.set("to", to == null ? NODES.nullNode() : NODES.textNode(to));
    }

    /** The rules as the wall's admin form needs them: each rule's thresholds, delays and severity. */
    static ObjectNode compact(RuleSet rules) {
        ObjectNode out = NODES.objectNode();
        new TreeMap<>(rules.rules()).forEach((id, rule) -> {
            ObjectNode node = out.putObject(id);
            ObjectNode params = node.putObject("params");
            new TreeMap<>(rule.params()).forEach(params::put);
            node.put("raiseAfter", rule.raiseAfter().toString());
            node.put("clearAfter", rule.clearAfter().toString());
            node.put("severity", String.valueOf(rule.severity()));
            node.put("domain", rule.domain());
        });
        return out;
    }

    static boolean isEmpty(JsonNode changes) {
        return changes == null || changes.isEmpty();
    }
}
