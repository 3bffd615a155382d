package vn.haiphong.ioc.ingest.rules;

import java.time.Duration;

/**
 * The decision behind every "sustained" rule: raise once a condition has held for {@code raiseAfter}; once raised,
 * stay active while a (usually weaker) hold condition is true, and clear after it has been false for {@code
 * clearAfter}. Observations cover an interval [from, to] (a point reading has from = to) and must come in event-time
 * order; a gap longer than {@code maxGap} breaks continuity. Pure: the state lives in {@link HysteresisState}.
 */
public final class Hysteresis {
    public enum Transition {
        NONE,
        RAISE,
        CLEAR
    }

    private final long raiseAfter;
    private final long clearAfter;
    private final long maxGap;

    public Hysteresis(Duration raiseAfter, Duration clearAfter, Duration maxGap) {
        this.raiseAfter = raiseAfter.toMillis();
        this.clearAfter = clearAfter.toMillis();
        this.maxGap = maxGap.toMillis();
    }

    public Transition step(HysteresisState s, boolean raiseCondition, boolean holdCondition, long from, long to) {
        if (s.lastTo != Long.MIN_VALUE && from - s.lastTo > maxGap) {
            // Silence in between: what held before says nothing about now.
            s.conditionSince = Long.MIN_VALUE;
            s.okSince = Long.MIN_VALUE;
        }
        s.lastTo = Math.max(s.lastTo, to);
        if (!s.active) {
            if (!raiseCondition) {
                s.conditionSince = Long.MIN_VALUE;
                return Transition.NONE;
            }
            if (s.conditionSince == Long.MIN_VALUE) {
                s.conditionSince = from;
            }
            if (to - s.conditionSince >= raiseAfter) {
                s.active = true;
                s.okSince = Long.MIN_VALUE;
                return Transition.RAISE;
            }
            return Transition.NONE;
        }
        if (holdCondition) {
            s.okSince = Long.MIN_VALUE;
            return Transition.NONE;
        }
        if (s.okSince == Long.MIN_VALUE) {
            s.okSince = from;
        }
        if (to - s.okSince >= clearAfter) {
            s.active = false;
            s.conditionSince = Long.MIN_VALUE;
            s.okSince = Long.MIN_VALUE;
            return Transition.CLEAR;
        }
        return Transition.NONE;
    }
}
