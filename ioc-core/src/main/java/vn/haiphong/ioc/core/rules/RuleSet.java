package vn.haiphong.ioc.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.Json;

/** The alert rules and their labels, loaded from {@code rules/rules.json} or a file the deployment names. */
public record RuleSet(Map<String, RuleDefinition> rules, Map<String, LocalizedText> labels) implements Serializable {
    public static final String DEFAULT_RESOURCE = "rules/rules.json";

    public RuleSet {
        rules = Map.copyOf(rules);
        labels = Map.copyOf(labels);
    }

    public static RuleSet defaults() {
        try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IOException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deployment's rules file when given, else the shipped defaults. */
    public static RuleSet load(Optional<Path> file) {
        if (file.isEmpty()) {
            return defaults();
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + file.get() + ": " + e.getMessage(), e);
        }
    }

    public static RuleSet parse(InputStream in) throws IOException {
        JsonNode root = Json.mapper().readTree(in);
        Map<String, RuleDefinition> rules = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("rules").properties()) {
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException("rule '" + e.getKey() + "' is not an object");
            }
            rules.put(e.getKey(), Json.mapper().treeToValue(e.getValue(), RuleDefinition.class));
        }
        Map<String, LocalizedText> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("labels").properties()) {
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException("label '" + e.getKey() + "' is not an object");
            }
            labels.put(e.getKey(), Json.mapper().treeToValue(e.getValue(), LocalizedText.class));
        }
        return new RuleSet(rules, labels);
    }

    public RuleDefinition rule(String id) {
        RuleDefinition rule = rules.get(id);
        if (rule == null) {
            throw new IllegalStateException("rule '" + id + "' is not defined in the rule set");
        }
        return rule;
    }

    public LocalizedText label(String key) {
        return labels.getOrDefault(key, new LocalizedText(key, key));
    }
}
