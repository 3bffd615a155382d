package vn.haiphong.ioc.ingest.rules;

import java.io.Serializable;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;

/**
 * A rule about the state a device reports ({@link ConditionAlertFunction}): raised once its condition has held for
 * the rule's {@code raiseAfter} by the device's last word (no further reading needed), kept while the weaker hold
 * condition is true, cleared once that has been false for {@code clearAfter}.
 */
public interface ConditionRule<T> extends Serializable {
    String ruleId();

    /** Event time of a reading, epoch ms. */
    long time(T reading);

    boolean raise(T reading);

    /** Keeps a raised alert active (hysteresis: usually weaker than {@link #raise}). */
    boolean hold(T reading);

    /** The severity a reading calls for, given the alert's current one (null before it is raised). */
    Severity severity(T reading, Severity current);

    /** The figures behind a decision, published as the alert's evidence. */
    Map<String, Object> evidence(T reading);

    /** The new alert, raised at {@code at}; {@code reading} is the last one before. */
    Alert raise(T reading, long at, Severity severity);

    /** Rules whose severity never changes. */
    interface Fixed<T> extends ConditionRule<T> {
        @Override
        default Severity severity(T reading, Severity current) {
            return null;
        }
    }
}
