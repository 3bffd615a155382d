package vn.haiphong.ioc.ingest.rules;

import java.io.Serializable;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.rules.RuleDefinition;

/** What a sustained rule reads from its input: the interval, the two conditions, and how to word its alert. */
public interface SustainedRule<T> extends Serializable {
    String ruleId();

    long from(T event);

    long to(T event);

    /** The condition that raises the alert once it has held long enough. */
    boolean raise(T event);

    /** The condition that keeps a raised alert active (hysteresis: usually weaker than {@link #raise}). */
    boolean hold(T event);

    /** The figures behind a decision, published as the alert's evidence. */
    Map<String, Object> evidence(T event);

    /** The new alert, raised at {@code at} by {@code event}. */
    Alert raise(T event, long at);

    /**
     * The same rule with other thresholds, for {@link LiveSustainedAlertFunction} when the rules change while the job
     * runs. A rule that cannot change keeps the default.
     */
    default SustainedRule<T> with(RuleDefinition definition) {
        throw new UnsupportedOperationException(ruleId() + " cannot change its thresholds while the job runs");
    }
}
