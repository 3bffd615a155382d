package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.rules.RuleSetMessage;

/** Rule sets as an operator would publish them: the defaults with one threshold changed. */
final class TestRules {
    static final long CHANGED_AT = 1_795_000_000_000L;

    private TestRules() {}

    static RuleSet withParam(RuleSet rules, String ruleId, String param, double value) {
        RuleDefinition d = rules.rule(ruleId);
        Map<String, Double> params = new HashMap<>(d.params());
        params.put(param, value);
        RuleDefinition changed = new RuleDefinition(
                d.domain(),
                d.category(),
                d.subCategory(),
                d.severity(),
                d.severityBy(),
                params,
                d.raiseAfter(),
                d.clearAfter(),
                d.title(),
                d.description(),
                d.assetTypes(),
                d.escalateAfter());
        Map<String, RuleDefinition> all = new LinkedHashMap<>(rules.rules());
        all.put(ruleId, changed);
        return new RuleSet(all, rules.labels());
    }

    static RuleUpdate update(long version, RuleSet rules) {
        return RuleUpdate.of(new RuleSetMessage(version, CHANGED_AT, "test", "a test change", rules));
    }
}
