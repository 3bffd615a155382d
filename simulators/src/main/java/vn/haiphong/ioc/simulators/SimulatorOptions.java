package vn.haiphong.ioc.simulators;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import vn.haiphong.ioc.core.config.Settings;
import vn.haiphong.ioc.core.wire.Feed;

/** The simulator's options, read through {@link Settings} ({@code --key=value}, {@code ioc.key}, {@code IOC_KEY}). */
public record SimulatorOptions(
        String mqtt,
        double rate,
        long seed,
        Set<Feed> feeds,
        String scenario,
        double scenarioSpeed,
        Optional<Duration> duration,
        double outOfOrder,
        int backlogReports,
        String clientId,
        Optional<String> username,
        Optional<String> password,
        int connections,
        int maxInflight,
        boolean dryRun,
        Optional<Path> refDir) {

    public static final String USAGE = """
            Hai Phong IOC simulator: realistic camera, field-report and port feeds over MQTT.

              --mqtt=URI             broker (tcp://localhost:1883)
              --rate=N               messages per second across all feeds (200)
              --seed=N               random seed: the same seed gives the same messages (42)
              --feeds=LIST           any of cam,report,port (all three)
              --scenario=NAME|FILE   none, storm-tan-vu, typhoon-lach-huyen, gate-jam-dinh-vu, reefer-power-tan-vu,
                                     vessel-arrival-tan-vu, misread-container-hoang-dieu, accident-lach-tray,
                                     desk-queue-le-chan, camera-offline, flood-fusion-cau-rao, or a scenario file;
                                     several at once separated by commas, e.g. accident-lach-tray,camera-offline (none)
              --scenario-speed=X     1.0 plays the scenario in real time, 2.0 twice as fast (1.0)
              --duration=ISO         stop after this long, e.g. PT10M (run until stopped)
              --out-of-order=F       share of messages held back 1-8 s and published late (0.05)
              --backlog-reports=N    old unacknowledged reports sent at start (5)
              --client-id=ID         MQTT client id; more connections add -2, -3, ... (ioc-simulator-<pid>)
              --mqtt-username=NAME   broker credentials, when the broker asks for them
              --mqtt-password=SECRET
              --connections=N        MQTT connections (as many as the broker's in-flight limit and the rate need)
              --max-inflight=N       unacknowledged messages per connection, capped by the broker (1000)
              --dry-run              print 'topic payload' lines instead of publishing
              --ref-dir=DIR          reference data files overriding the shipped ones
            """;

    public static SimulatorOptions from(Settings s) {
        double rate = s.getDouble("rate", 200);
        if (!(rate > 0)) {
            throw new IllegalArgumentException("option --rate must be a positive number of messages per second");
        }
        double outOfOrder = s.getDouble("out-of-order", 0.05);
        if (!(outOfOrder >= 0 && outOfOrder < 1)) {
            throw new IllegalArgumentException("option --out-of-order is a fraction in [0, 1)");
        }
        double speed = s.getDouble("scenario-speed", 1.0);
        if (!(speed > 0)) {
            throw new IllegalArgumentException("option --scenario-speed must be positive");
        }
        int backlog = s.getInt("backlog-reports", 5);
        if (backlog < 0) {
            throw new IllegalArgumentException("option --backlog-reports cannot be negative");
        }
        // 0: as many as needed, decided once the broker has said how many messages it lets one connection have.
        int connections = s.getInt("connections", 0);
        int maxInflight = s.getInt("max-inflight", 1000);
        if (connections < 0 || maxInflight < 1) {
            throw new IllegalArgumentException(
                    "option --connections cannot be negative, --max-inflight must be at" + " least 1");
        }
        return new SimulatorOptions(
                s.get("mqtt", "tcp://localhost:1883"),
                rate,
                s.getLong("seed", 42),
                feeds(s.get("feeds", "cam,report,port")),
                s.get("scenario", "none"),
                speed,
                s.find("duration").map(SimulatorOptions::duration),
                outOfOrder,
                backlog,
                s.get("client-id", "ioc-simulator-" + ProcessHandle.current().pid()),
                s.find("mqtt-username"),
                s.find("mqtt-password"),
                connections,
                maxInflight,
                s.getBoolean("dry-run", false),
                s.find("ref-dir").map(Path::of));
    }

    static Set<Feed> feeds(String list) {
        Set<Feed> feeds = EnumSet.noneOf(Feed.class);
        for (String name : list.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            switch (n) {
                case "cam" -> feeds.add(Feed.cam);
                case "report" -> feeds.add(Feed.report);
                case "port" -> feeds.add(Feed.port);
                default ->
                    throw new IllegalArgumentException(
                            "option --feeds: unknown feed '" + name + "' (choose from cam, report, port)");
            }
        }
        if (feeds.isEmpty()) {
            throw new IllegalArgumentException("option --feeds names no feed (choose from cam, report, port)");
        }
        return feeds;
    }

    private static Duration duration(String text) {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("option --duration must be positive, not " + text);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "option --duration is an ISO-8601 duration such as PT10M or PT1H30M, not '" + text + "'", e);
        }
    }
}
