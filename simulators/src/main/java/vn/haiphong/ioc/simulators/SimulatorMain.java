package vn.haiphong.ioc.simulators;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.config.Settings;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.simulators.gen.MessageStream;
import vn.haiphong.ioc.simulators.gen.OutOfOrder;
import vn.haiphong.ioc.simulators.gen.Profile;
import vn.haiphong.ioc.simulators.gen.SimMessage;
import vn.haiphong.ioc.simulators.gen.Simulation;
import vn.haiphong.ioc.simulators.gen.SimulationConfig;
import vn.haiphong.ioc.simulators.publish.MessageSink;
import vn.haiphong.ioc.simulators.publish.MqttOptions;
import vn.haiphong.ioc.simulators.publish.MqttSink;
import vn.haiphong.ioc.simulators.publish.PublishLoop;
import vn.haiphong.ioc.simulators.publish.PublishStats;
import vn.haiphong.ioc.simulators.publish.StdoutSink;
import vn.haiphong.ioc.simulators.scenario.Scenario;
import vn.haiphong.ioc.simulators.scenario.ScenarioLoader;

/** Runs the simulated city against an MQTT broker until stopped (SIGTERM, Ctrl-C) or for {@code --duration}. */
public final class SimulatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);
    private static final long PROGRESS_EVERY_S = 10;
    private static final Duration FLUSH = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);
    /**
     * Paho logs through java.util.logging, with a stack trace for every dropped connection; the connection's callbacks
     * already log those events once, in this log. Held here so that the setting is not garbage-collected.
     */
    private static final java.util.logging.Logger PAHO = java.util.logging.Logger.getLogger("org.eclipse.paho");

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        PAHO.setLevel(java.util.logging.Level.OFF);
        SimulatorOptions options;
        try {
            Settings settings = Settings.fromArgs(args);
            if (settings.getBoolean("help", false)) {
                System.out.print(SimulatorOptions.USAGE);
                return;
            }
            options = SimulatorOptions.from(settings);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        run(options);
    }

    static void run(SimulatorOptions o) throws InterruptedException {
        ReferenceData reference = o.refDir().map(ReferenceData::load).orElseGet(ReferenceData::defaults);
        Scenario scenario = ScenarioLoader.load(o.scenario(), reference);
        SimulationConfig config =
                new SimulationConfig(o.seed(), o.rate(), o.feeds(), scenario, o.scenarioSpeed(), o.backlogReports());
        Clock clock = Clock.systemUTC();
        PublishStats stats = new PublishStats();
        MessageSink sink = o.dryRun()
                ? new StdoutSink(System.out, stats)
                : new MqttSink(
                        new MqttOptions(
                                o.mqtt(),
                                o.clientId(),
                                o.username().orElse(null),
                                o.password().orElse(null),
                                o.connections(),
                                o.maxInflight(),
                                o.rate()),
                        stats);
        AtomicReference<PublishLoop> running = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(running, sink, done), "simulator-shutdown"));
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-progress");
            t.setDaemon(true);
            return t;
        });
        long start = clock.millis();
        try {
            if (sink instanceof MqttSink mqtt && !mqtt.connect()) {
                return;
            }
            // The simulation starts once the broker is there, so that its schedule does not begin behind.
            Simulation simulation = new Simulation(config, reference, Profile.defaults(), RuleSet.defaults(), clock);
            start = simulation.context().startMillis();
            MessageStream stream =
                    o.outOfOrder() > 0 ? new OutOfOrder(simulation, o.outOfOrder(), o.seed()) : simulation;
            long stopAt = o.duration()
                    .map(d -> simulation.context().startMillis() + d.toMillis())
                    .orElse(Long.MAX_VALUE);
            PublishLoop loop = new PublishLoop(stream, sink, stats, clock, Thread::sleep, stopAt);
            running.set(loop);
            LOG.info(
                    "simulating {} at {} msg/s, seed {}, scenario {} at speed {}, {}% out of order, {} backlog"
                            + " reports, {} to {}",
                    o.feeds(),
                    o.rate(),
                    o.seed(),
                    scenario.name(),
                    o.scenarioSpeed(),
                    o.outOfOrder() * 100,
                    o.backlogReports(),
                    o.duration().map(d -> "for " + d).orElse("until stopped"),
                    o.dryRun() ? "standard output" : o.mqtt());
            stats.progress(clock.millis(), 0);
            progress.scheduleAtFixedRate(
                    () -> LOG.info(stats.progress(clock.millis(), sink.inFlight())),
                    PROGRESS_EVERY_S,
                    PROGRESS_EVERY_S,
                    TimeUnit.SECONDS);
            loop.run();
            for (SimMessage m : simulation.farewell(clock.millis())) {
                if (!sink.send(m)) {
                    break;
                }
            }
            if (!sink.flush(FLUSH)) {
                LOG.warn("{} messages still unacknowledged after {} s", sink.inFlight(), FLUSH.toSeconds());
            }
        } finally {
            progress.shutdownNow();
            LOG.info(stats.progress(clock.millis(), sink.inFlight()));
            LOG.info(
                    "stopped after {} s: {} published, {} failed",
                    (clock.millis() - start) / 1000,
                    stats.published(),
                    stats.failures());
            sink.close();
            done.countDown();
        }
    }

    /**
     * On SIGTERM or Ctrl-C: stop generating and let the main thread flush and disconnect; abort at once when still
     * connecting, and when flushing takes too long.
     */
    private static void shutdown(AtomicReference<PublishLoop> running, MessageSink sink, CountDownLatch done) {
        PublishLoop loop = running.get();
        if (loop == null) {
            sink.abort();
        } else {
            loop.stop();
        }
        try {
            if (!done.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                sink.abort();
                done.await(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
