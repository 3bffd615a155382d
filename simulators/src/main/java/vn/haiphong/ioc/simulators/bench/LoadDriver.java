package vn.haiphong.ioc.simulators.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import vn.haiphong.ioc.core.config.Settings;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.simulators.gen.SimMessage;
import vn.haiphong.ioc.simulators.publish.MqttOptions;
import vn.haiphong.ioc.simulators.publish.MqttSink;
import vn.haiphong.ioc.simulators.publish.PublishStats;

/**
 * The load generator of {@code ./ioc bench}: publishes the benchmark mix at fixed offered rates (and then as fast as
 * the system takes it), and measures what the IOC did with it, as its users would see it:
 *
 * <ul>
 *   <li>throughput: how many messages a second the job accounted for (its own {@code events-accepted} and
 *       {@code events-dead-lettered} totals, read over MQTT) during a window after a warm-up;
 *   <li>loss: messages the broker acknowledged minus messages the job accounted for, once it has caught up;
 *   <li>latency: from publishing a probe (a confident accident detection at a camera) to its alert arriving on a
 *       websocket of the dashboards, as p50, p95 and p99.
 * </ul>
 *
 * <p>A probe raises an alert only when its camera has no active alert of that kind, so the benchmark runs the job
 * with {@link #BENCH_CLEAR_AFTER} as the incident rule's clear time ({@code --write-rules}), and reuses a camera and
 * kind only after {@link #PROBE_SPACING}: the event-time watermark (10 s behind) must have cleared the previous one.
 *
 * <p>In the "max" phase the offered rate is unbounded and the generator only keeps the backlog (published and not
 * yet accounted) under {@code --max-backlog}, below the broker's queue, so that what it measures is what the job
 * sustains, not how much the broker can hold. The "sustain" phase then offers 90% of that rate and measures latency.
 */
public final class LoadDriver {
    static final Duration BENCH_CLEAR_AFTER = Duration.ofSeconds(1);
    static final Duration PROBE_SPACING = Duration.ofSeconds(15);
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final Settings settings;
    private final LoadMix mix;
    private final MqttSink sink;
    private final PublishStats stats;
    private final JobCounts counts;
    private final AlertWatch watch;
    private final SplittableRandom random;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final long[] probeLastUsed;
    private int probeCursor;
    private long probeSeq;
    private long seq;

    private LoadDriver(
            Settings settings, LoadMix mix, MqttSink sink, PublishStats stats, JobCounts counts, AlertWatch watch) {
        this.settings = settings;
        this.mix = mix;
        this.sink = sink;
        this.stats = stats;
        this.counts = counts;
        this.watch = watch;
        this.random = new SplittableRandom(settings.getLong("seed", 42));
        this.probeLastUsed = new long[mix.probes().size()];
        Arrays.fill(probeLastUsed, Long.MIN_VALUE / 2);
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromArgs(args);
        if (s.find("help").isPresent()) {
            System.out.println(usage());
            return;
        }
        if (s.find("write-rules").isPresent()) {
            writeRules(Path.of(s.get("write-rules", "")));
            return;
        }
        String mqtt = s.get("mqtt", "tcp://localhost:1883");
        URI ws = URI.create(s.get("ws", "ws://localhost:8080/ws"));
        Path out = Path.of(s.get("out", "bench-load.json"));
        ReferenceData ref = ReferenceData.cached(s.find("ref-dir").orElse(null));
        LoadMix mix = new LoadMix(
                ref,
                RuleSet.defaults(),
                LoadMix.parseShares(s.get("mix", "cam:0.8,port:0.19,report:0.01")),
                s.getInt("size", 0));
        PublishStats stats = new PublishStats();
        MqttSink sink = new MqttSink(
                new MqttOptions(
                        mqtt,
                        "ioc-bench-load-" + ProcessHandle.current().pid(),
                        s.find("mqtt-username").orElse(null),
                        s.find("mqtt-password").orElse(null),
                        s.getInt("connections", 1),
                        s.getInt("max-inflight", 20_000),
                        100_000),
                stats);
        if (!sink.connect()) {
            throw new IllegalStateException("could not connect to " + mqtt);
        }
        try (JobCounts counts = new JobCounts(mqtt);
                AlertWatch watch = new AlertWatch(ws)) {
            LoadDriver driver = new LoadDriver(s, mix, sink, stats, counts, watch);
            ObjectNode result = driver.run();
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.createDirectories(out.toAbsolutePath().getParent());
            mapper.writeValue(out.toFile(), result);
            System.out.println("[bench] load results in " + out);
        } finally {
            sink.close();
        }
    }

    static String usage() {
        return """
                Load generator of ./ioc bench (run by it; see ./ioc bench --help).
                  --mqtt=URI              broker (tcp://localhost:1883)
                  --ws=URI                dashboards websocket (ws://localhost:8080/ws)
                  --phases=LIST           offered rates in messages/s, 'max' and 'sustain' (1000,10000,50000,max,sustain)
                  --warmup=ISO            each phase's warm-up before measuring (PT10S)
                  --duration=ISO          each phase's measured window (PT30S)
                  --mix=LIST              feed shares (cam:0.8,port:0.19,report:0.01)
                  --size=N                bytes of the messages with free text (detections, reports); 0 = natural
                  --probes=N              latency probes per second (20)
                  --max-backlog=N         published and not yet accounted, at most (200000)
                  --drain-timeout=ISO     how long to wait for the job to catch up after a phase (PT120S)
                  --out=FILE              the results as JSON (bench-load.json)
                  --write-rules=FILE      write the rules the job runs with in a benchmark, and exit
                """;
    }

    /** The shipped rules with the incident rule clearing after {@link #BENCH_CLEAR_AFTER}. */
    static void writeRules(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode rules;
        try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(RuleSet.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + RuleSet.DEFAULT_RESOURCE + " on the classpath");
            }
            rules = (ObjectNode) mapper.readTree(in);
        }
        ((ObjectNode) rules.path("rules").path("traffic.incident")).put("clearAfter", BENCH_CLEAR_AFTER.toString());
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        mapper.writeValue(file.toFile(), rules);
        RuleSet.load(java.util.Optional.of(file)); // fails here, not in the job, if the file is not a rule set
    }

    private ObjectNode run() throws InterruptedException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode result = mapper.createObjectNode();
        result.put("runId", runId);
        result.put("mix", settings.get("mix", "cam:0.8,port:0.19,report:0.01"));
        result.put("size", settings.getInt("size", 0));
        result.put("templates", mix.templateCount());
        awaitJob();
        ArrayNode phases = result.putArray("phases");
        double maxThroughput = 0;
        for (String name :
                settings.get("phases", "1000,10000,50000,max,sustain").split(",")) {
            name = name.trim();
            double rate;
            if (name.equals("max")) {
                rate = 0;
            } else if (name.equals("sustain")) {
                if (maxThroughput <= 0) {
                    throw new IllegalArgumentException("--phases: 'sustain' needs a 'max' phase before it");
                }
                rate = Math.floor(maxThroughput * 0.9 / 100) * 100;
            } else {
                try {
                    rate = Double.parseDouble(name);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--phases: '" + name + "' is not a rate, 'max' or 'sustain'");
                }
            }
            ObjectNode phase = runPhase(name, rate);
            phases.add(phase);
            if (name.equals("max")) {
                maxThroughput = phase.path("throughput").asDouble();
            }
        }
        return result;
    }

    private ObjectNode runPhase(String name, double rate) throws InterruptedException {
        long warmup = durationNanos("warmup", "PT10S");
        long window = durationNanos("duration", "PT30S");
        long drainTimeout = durationNanos("drain-timeout", "PT120S");
        long maxBacklog = settings.getLong("max-backlog", 200_000);
        double probeRate = settings.getDouble("probes", 20);
        long probeInterval = probeRate > 0 ? (long) (1e9 / probeRate) : Long.MAX_VALUE;

        long base = settleCounts();
        long published0 = stats.published();
        long failures0 = stats.failures();
        Template.Clock clock = new Template.Clock();
        List<String> windowProbes = new ArrayList<>();
        long probesSkipped = 0;
        long backlogPauses = 0;

        long start = System.nanoTime();
        long warmEnd = start + warmup;
        long end = warmEnd + window;
        long nextProbe = start + probeInterval;
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        long sent = 0;
        long sentAtWindowStart = -1;
        long accountedAtWindowStart = 0;
        long windowStartNanos = 0;
        long windowStartMillis = 0;
        boolean paused = false;
        String label = rate > 0 ? String.format(Locale.ROOT, "%,.0f/s", rate) : "max";
        System.out.printf(
                Locale.ROOT,
                "[bench] phase %s: %ds warm-up, %ds measured%n",
                label,
                warmup / 1_000_000_000L,
                window / 1_000_000_000L);

        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (sentAtWindowStart < 0 && now >= warmEnd) {
                sentAtWindowStart = sent;
                accountedAtWindowStart = counts.accounted() - base;
                windowStartNanos = now;
                windowStartMillis = System.currentTimeMillis();
            }
            if (now >= nextProgress) {
                progress(label, now - start, sent, counts.accounted() - base, start);
                nextProgress += PROGRESS_EVERY_NANOS;
            }
            if (rate > 0) {
                long due = (long) ((now - start) / 1e9 * rate);
                if (sent >= due) {
                    LockSupport.parkNanos(Math.min(200_000L, (long) ((sent + 1 - due) * 1e9 / rate)));
                    continue;
                }
            }
            if (sent - (counts.accounted() - base) > maxBacklog) {
                if (!paused) {
                    backlogPauses++;
                    paused = true;
                }
                LockSupport.parkNanos(1_000_000L);
                continue;
            }
            paused = false;
            clock.tick();
            if (now >= nextProbe) {
                nextProbe += probeInterval;
                String probeId = sendProbe(name, now, clock);
                if (probeId == null) {
                    probesSkipped++;
                } else {
                    sent++;
                    if (sentAtWindowStart >= 0) {
                        windowProbes.add(probeId);
                    }
                    continue;
                }
            }
            Template t = mix.next(random);
            String id = "b-" + runId + "-" + (seq++);
            if (!sink.send(new SimMessage(t.feed(), t.topic(), t.fill(id, clock), false, clock.millis(), 0, 0, null))) {
                throw new IllegalStateException("the publisher was aborted");
            }
            sent++;
        }
        long windowEndNanos = System.nanoTime();
        long windowEndMillis = System.currentTimeMillis();
        long accountedAtWindowEnd = counts.accounted() - base;
        long sentInWindow = sent - Math.max(0, sentAtWindowStart);
        double windowSeconds = (windowEndNanos - windowStartNanos) / 1e9;

        // Drain: every publish acknowledged, then the job's totals catch up with what was published.
        boolean flushed = sink.flush(Duration.ofSeconds(60));
        long drainStart = System.nanoTime();
        long published = stats.published() - published0;
        while (counts.accounted() - base < published && System.nanoTime() - drainStart < drainTimeout) {
            Thread.sleep(100);
            published = stats.published() - published0;
        }
        Thread.sleep(1500); // late KPIs and alerts of the last probes
        long accounted = counts.accounted() - base;
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

        long[] latencies = windowProbes.stream()
                .map(watch::latency)
                .filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();

        ObjectNode phase = new ObjectMapper().createObjectNode();
        phase.put("phase", name);
        phase.put("offeredRate", rate > 0 ? rate : null);
        phase.put("windowStartMillis", windowStartMillis);
        phase.put("windowEndMillis", windowEndMillis);
        phase.put("windowSeconds", round(windowSeconds, 2));
        phase.put("publishRate", round(sentInWindow / windowSeconds, 0));
        phase.put("throughput", round((accountedAtWindowEnd - accountedAtWindowStart) / windowSeconds, 0));
        phase.put("published", published);
        phase.put("publishFailures", stats.failures() - failures0);
        phase.put("accounted", accounted);
        phase.put("loss", published - accounted);
        phase.put("allAcknowledged", flushed);
        phase.put("drainSeconds", round(drainSeconds, 1));
        phase.put("backlogPauses", backlogPauses);
        ObjectNode latency = phase.putObject("latencyMillis");
        latency.put("probes", windowProbes.size());
        latency.put("alerts", latencies.length);
        latency.put("probesSkipped", probesSkipped);
        if (latencies.length > 0) {
            latency.put("p50", millis(percentile(latencies, 0.50)));
            latency.put("p95", millis(percentile(latencies, 0.95)));
            latency.put("p99", millis(percentile(latencies, 0.99)));
            latency.put("max", millis(latencies[latencies.length - 1]));
        }
        System.out.printf(
                Locale.ROOT,
                "[bench] phase %s: throughput %,.0f/s (published %,.0f/s), loss %d, latency p50 %s p95 %s p99 %s ms"
                        + " (%d of %d probes alerted)%n",
                label,
                phase.path("throughput").asDouble(),
                phase.path("publishRate").asDouble(),
                published - accounted,
                latency.path("p50").asText("-"),
                latency.path("p95").asText("-"),
                latency.path("p99").asText("-"),
                latencies.length,
                windowProbes.size());
        return phase;
    }

    /** Sends the next probe whose camera and kind are free again; its detection id, or null when none is. */
    private String sendProbe(String phase, long now, Template.Clock clock) throws InterruptedException {
        List<LoadMix.Probe> probes = mix.probes();
        for (int tried = 0; tried < probes.size(); tried++) {
            int k = probeCursor;
            probeCursor = (probeCursor + 1) % probes.size();
            if (now - probeLastUsed[k] < PROBE_SPACING.toNanos()) {
                continue;
            }
            probeLastUsed[k] = now;
            Template t = probes.get(k).template();
            String id = "probe-" + runId + "-" + phase + "-" + (probeSeq++);
            byte[] payload = t.fill(id, clock);
            watch.sent(id, System.nanoTime());
            if (!sink.send(new SimMessage(t.feed(), t.topic(), payload, false, clock.millis(), 0, 0, null))) {
                throw new IllegalStateException("the publisher was aborted");
            }
            return id;
        }
        return null;
    }

    /**
     * Waits until the job counts what is published: a job reported running may not have subscribed yet, and what a
     * fresh broker receives before that subscription is not kept for it.
     */
    private void awaitJob() throws InterruptedException {
        long before = counts.accounted();
        long deadline = System.nanoTime() + 120_000_000_000L;
        Template.Clock clock = new Template.Clock();
        while (counts.accounted() == before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job counted none of the messages published for 2 minutes");
            }
            clock.tick();
            Template t = mix.next(random);
            sink.send(new SimMessage(
                    t.feed(),
                    t.topic(),
                    t.fill("ready-" + runId + "-" + (seq++), clock),
                    false,
                    clock.millis(),
                    0,
                    0,
                    null));
            Thread.sleep(500);
        }
        System.out.println("[bench] the job counts what is published; starting");
    }

    /** Waits until the job's totals stop moving (the previous phase drained), and returns them. */
    private long settleCounts() throws InterruptedException {
        long last = -1;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            long now = counts.accounted();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(2_000);
        }
        return counts.accounted();
    }

    private void progress(String label, long elapsed, long sent, long accounted, long start) {
        double seconds = elapsed / 1e9;
        System.out.printf(
                Locale.ROOT,
                "[bench] %s  t=%3.0fs  published %,d (%,.0f/s)  accounted %,d (%,.0f/s)  backlog %,d  in flight %,d%n",
                label,
                seconds,
                sent,
                sent / seconds,
                accounted,
                accounted / seconds,
                Math.max(0, sent - accounted),
                sink.inFlight());
    }

    private long durationNanos(String key, String defaultValue) {
        try {
            return Duration.parse(settings.get(key, defaultValue)).toNanos();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--" + key + " must be an ISO-8601 duration such as PT30S, not '" + settings.get(key, "") + "'");
        }
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6, 1);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
