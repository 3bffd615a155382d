package vn.haiphong.ioc.simulators.gen;

import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.simulators.scenario.ScenarioPlayer;

/**
 * What every source shares: the seed, the start time, the city's data, the weather and the scenario. {@code runTag}
 * (the start time in base 36) goes into ids, so a restarted simulator never reuses the ids of an earlier run.
 */
public record SimContext(
        long seed,
        long startMillis,
        String runTag,
        ReferenceData reference,
        Profile profile,
        RuleSet rules,
        Weather weather,
        ScenarioPlayer scenario) {

    public static String runTag(long startMillis) {
        return Long.toString(startMillis / 1000, 36);
    }

    /** Event time, in epoch milliseconds, of a schedule position in nanoseconds since the start. */
    public long millisAt(long nanosSinceStart) {
        return startMillis + Math.floorDiv(nanosSinceStart, 1_000_000L);
    }

    /** Nanoseconds since the start at an epoch-millisecond time. */
    public long nanosAt(long epochMillis) {
        return (epochMillis - startMillis) * 1_000_000L;
    }

    /** A message id unique across devices, message kinds and runs: {@code <device>-<kind>-<run>-<seq>}. */
    public String id(String device, String kind, long seq) {
        return device + "-" + kind + "-" + runTag + "-" + seq;
    }
}
