package vn.haiphong.ioc.simulators.gen;

import java.util.EnumSet;
import java.util.Set;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.simulators.scenario.Scenario;

/**
 * What to simulate: the seed, the total rate in messages per second, the feeds, the scenario and its speed, and how
 * many overdue reports to start with.
 */
public record SimulationConfig(
        long seed, double rate, Set<Feed> feeds, Scenario scenario, double scenarioSpeed, int backlogReports) {

    public static final Set<Feed> ALL_FEEDS = EnumSet.of(Feed.cam, Feed.report, Feed.port);

    public SimulationConfig {
        if (!(rate > 0)) {
            throw new IllegalArgumentException(
                    "the rate must be a positive number of messages per second, not " + rate);
        }
        if (feeds.isEmpty()) {
            throw new IllegalArgumentException("no feed selected: choose from cam, report, port");
        }
        for (Feed f : feeds) {
            if (!ALL_FEEDS.contains(f)) {
                throw new IllegalArgumentException("'" + f + "' is not a feed: choose from cam, report, port");
            }
        }
        if (!(scenarioSpeed > 0)) {
            throw new IllegalArgumentException("the scenario speed must be positive, not " + scenarioSpeed);
        }
        if (backlogReports < 0) {
            throw new IllegalArgumentException("the number of backlog reports cannot be negative");
        }
        feeds = Set.copyOf(feeds);
    }

    public static SimulationConfig defaults() {
        return new SimulationConfig(42, 200, ALL_FEEDS, Scenario.NONE, 1.0, 5);
    }

    public SimulationConfig withSeed(long s) {
        return new SimulationConfig(s, rate, feeds, scenario, scenarioSpeed, backlogReports);
    }

    public SimulationConfig withRate(double r) {
        return new SimulationConfig(seed, r, feeds, scenario, scenarioSpeed, backlogReports);
    }

    public SimulationConfig withFeeds(Set<Feed> f) {
        return new SimulationConfig(seed, rate, f, scenario, scenarioSpeed, backlogReports);
    }

    public SimulationConfig withScenario(Scenario s, double speed) {
        return new SimulationConfig(seed, rate, feeds, s, speed, backlogReports);
    }

    public SimulationConfig withBacklogReports(int n) {
        return new SimulationConfig(seed, rate, feeds, scenario, scenarioSpeed, n);
    }
}
