package vn.haiphong.ioc.simulators;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.core.config.Settings;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.ref.Camera;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.InboundCodec;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * Publishes realistic Hai Phong feeds to an MQTT broker at a steady rate: {@code --mqtt}, {@code --rate} (messages
 * per second), {@code --seed}, {@code --feeds=cam,report,port}, {@code --scenario=storm-tan-vu}, {@code --duration}
 * (ISO-8601; default: until stopped), {@code --out-of-order} (share of messages held back 1–8 s), {@code
 * --backlog-reports}, {@code --connections}, {@code --client-id}.
 */
public final class SimulatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {}

    /** A message held back to arrive out of order. */
    private record Held(long release, long order, InboundEvent event) implements Comparable<Held> {
        @Override
        public int compareTo(Held o) {
            return release != o.release ? Long.compare(release, o.release) : Long.compare(order, o.order);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromArgs(args);
        String mqtt = s.get("mqtt", "tcp://localhost:1883");
        int rate = s.getInt("rate", 200);
        long seed = s.getLong("seed", 42);
        double outOfOrder = s.getDouble("out-of-order", 0.05);
        int backlog = s.getInt("backlog-reports", 5);
        int connections = s.getInt("connections", Math.max(1, rate / 20_000 + 1));
        int maxInFlight = s.getInt("max-in-flight", 2000);
        Duration duration = s.find("duration").map(Duration::parse).orElse(null);
        EnumSet<FeedGenerator.FeedSet> feeds = EnumSet.noneOf(FeedGenerator.FeedSet.class);
        for (String f : s.get("feeds", "cam,report,port").split(",")) {
            feeds.add(FeedGenerator.FeedSet.valueOf(f.trim()));
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        Scenario scenario = s.find("scenario")
                .filter(n -> !n.equals("none"))
                .map(Scenario::load)
                .orElse(null);
        ReferenceData ref = ReferenceData.cached(s.find("ref-dir").orElse(null));
        InboundCodec codec = new InboundCodec(ref);

        long start = System.currentTimeMillis();
        FeedGenerator generator = new FeedGenerator(ref, seed, feeds, scenario, start);
        SplittableRandom jitter = new SplittableRandom(seed ^ 0x5DEECE66DL);
        PriorityQueue<Held> held = new PriorityQueue<>();
        String clientId =
                s.get("client-id", "ioc-sim-" + UUID.randomUUID().toString().substring(0, 8));

        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.interrupt();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));

        try (Publisher publisher = new Publisher(
                mqtt, clientId, connections, maxInFlight, s.get("mqtt-username", null), s.get("mqtt-password", null))) {
            LOG.info(
                    "Simulating {} at {} msg/s to {} (seed {}, scenario {}, {}% out of order)",
                    feeds, rate, mqtt, seed, scenario == null ? "none" : scenario.name(), Math.round(outOfOrder * 100));
            if (feeds.contains(FeedGenerator.FeedSet.cam)) {
                for (Camera c : ref.cameras()) {
                    publisher.publish(
                            Topics.camera(c.id(), "state"),
                            ("{\"id\":\"" + c.id() + "-online-" + start + "\",\"dateObserved\":" + start
                                            + ",\"status\":\"online\"}")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            true);
                }
            }
            if (feeds.contains(FeedGenerator.FeedSet.report)) {
                for (InboundEvent e : generator.backlogReports(backlog, start)) {
                    publisher.publish(e.topic(), codec.encode(e), false);
                }
            }
            long intervalNanos = 1_000_000_000L / rate;
            long nextAt = System.nanoTime();
            long sent = 0;
            long lastProgress = System.currentTimeMillis();
            long lastCount = 0;
            long order = 0;
            ArrayDeque<InboundEvent> due = new ArrayDeque<>();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.currentTimeMillis();
                    if (duration != null && now - start >= duration.toMillis()) {
                        break;
                    }
                    while (!held.isEmpty() && held.peek().release() <= now) {
                        due.add(held.poll().event());
                    }
                    InboundEvent event = due.isEmpty() ? generator.next(now) : due.poll();
                    if (due.isEmpty() && jitter.nextDouble() < outOfOrder) {
                        held.add(new Held(now + 1_000 + jitter.nextLong(7_000), order++, event));
                    } else {
                        publisher.publish(event.topic(), codec.encode(event), false);
                        sent++;
                    }
                    nextAt += intervalNanos;
                    long sleep = nextAt - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } else if (sleep < -1_000_000_000L) {
                        nextAt = System.nanoTime(); // fell behind by a second: do not burst to catch up
                    }
                    if (now - lastProgress >= 10_000) {
                        LOG.info(
                                "published {} messages ({} msg/s), {} acknowledged, {} failed, {} held back",
                                sent,
                                (sent - lastCount) * 1000 / (now - lastProgress),
                                publisher.published(),
                                publisher.failed(),
                                held.size());
                        lastProgress = now;
                        lastCount = sent;
                    }
                }
            } catch (InterruptedException e) {
                // Ctrl-C or SIGTERM: stop generating, then let the broker acknowledge what is in flight
            }
            Thread.interrupted();
            publisher.drain(10_000, maxInFlight);
            LOG.info(
                    "Stopped after {} messages: {} acknowledged, {} failed",
                    sent,
                    publisher.published(),
                    publisher.failed());
        } finally {
            stopped.countDown();
        }
    }
}
