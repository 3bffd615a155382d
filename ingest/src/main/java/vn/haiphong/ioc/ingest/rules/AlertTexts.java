package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.AlertStatus;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.text.LocalizedText;

/** Builds a new alert from a rule's definition: its id, its place and its texts filled from the rule's templates. */
public final class AlertTexts {
    private AlertTexts() {}

    public static Alert raise(
            String ruleId,
            RuleDefinition rule,
            Entity entity,
            String site,
            String area,
            Position position,
            Severity severity,
            String subCategory,
            long at,
            Map<String, Object> templateValues,
            Map<String, Object> evidence) {
        Map<String, Object> values = new HashMap<>(templateValues);
        rule.params().forEach((k, v) -> values.put(k, number(v)));
        values.put("raise_minutes", rule.raiseAfter().toMinutes());
        values.put("clear_minutes", rule.clearAfter().toMinutes());
        LocalizedText title = rule.title().format(values);
        LocalizedText description = rule.description().format(values);
        return new Alert(
                Alert.idFor(ruleId, entity, at),
                ruleId,
                rule.domain(),
                site,
                area,
                rule.category(),
                subCategory != null ? subCategory : rule.subCategory(),
                severity,
                AlertStatus.active,
                at,
                at,
                null,
                entity,
                position,
                title,
                description,
                evidence,
                1);
    }

    /** A figure as people read it: no trailing ".0", at most two decimals. */
    public static String number(Double v) {
        if (v == null) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf(v.longValue());
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
}
