package vn.haiphong.ioc.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./ioc bench}: starts the whole stack on this machine (broker, Flink job, dashboards), runs the load generator
 * of the simulators module against it (which also holds a websocket of the dashboards open, as the wall does), samples
 * the memory and CPU of every process, and writes what it measured to {@code results/bench-<time>.json} and
 * {@code .md}, with the machine and the git commit.
 */
public final class Bench {
    static final String LOAD_MAIN = "vn.haiphong.ioc.simulators.bench.LoadDriver";

    /** Options of the load generator, passed through. */
    static final Set<String> LOAD_KEYS = Set.of(
            "phases",
            "warmup",
            "duration",
            "mix",
            "size",
            "probes",
            "max-backlog",
            "drain-timeout",
            "connections",
            "max-inflight",
            "seed");

    /** Options of the Flink job, passed through. */
    static final Set<String> JOB_KEYS = Set.of("checkpoint-interval", "mqtt-connections", "mqtt-receive-maximum");

    static final Set<String> BENCH_KEYS =
            Set.of("repo-root", "broker", "results-dir", "work-dir", "parallelism", "startup-timeout", "with-db");

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        Options o;
        try {
            Set<String> known = new java.util.HashSet<>(BENCH_KEYS);
            known.addAll(LOAD_KEYS);
            known.addAll(JOB_KEYS);
            o = Options.parse(args).requireKnown(known);
        } catch (IllegalArgumentException e) {
            System.err.println("ioc bench: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        Path root = o.find("repo-root").map(Path::of).orElseGet(() -> StackOptions.findRepoRoot(Path.of(""))
                .orElseThrow(() -> new IllegalArgumentException("run ./ioc bench inside the repository")));
        Path work = o.find("work-dir").map(Path::of).orElse(root.resolve(".ioc/bench"));
        Path results = o.find("results-dir").map(Path::of).orElse(root.resolve("results"));
        // Mosquitto, the default broker here, keeps up a sliding in-flight window; HiveMQ CE sends a session's next
        // messages only once all before them are acknowledged, that is after the next checkpoint (see the README).
        Broker.Kind broker = Broker.Kind.fromOption(o.get("broker", Broker.Kind.MOSQUITTO.optionValue()));
        System.setProperty("haiphong.ioc.log-dir", work.resolve("logs").toString());
        System.setProperty(
                "haiphong.ioc.log-file", broker == Broker.Kind.MOSQUITTO ? "launcher.log" : Stack.BROKER + ".log");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-demo.xml");
        }
        // A fresh broker and job each run: no queued messages or checkpoints from an earlier run.
        deleteRecursively(work.resolve("data"));
        Files.createDirectories(work);

        Path rules = work.resolve("bench-rules.json");
        runLoad(root, List.of("--write-rules=" + rules), work.resolve("logs/load-rules.log"), false);

        List<String> jobArgs = new ArrayList<>(List.of("--rules=" + rules));
        for (String key : JOB_KEYS) {
            o.find(key).ifPresent(v -> jobArgs.add("--" + key + "=" + v));
        }
        StackOptions stackOptions = StackOptions.builder(root)
                .broker(broker)
                .mqttPort(0)
                .httpPort(0)
                .flinkUiPort(0)
                // As ./ioc demo runs: the job stores its history in an embedded PostgreSQL (--with-db=false: none).
                .withDb(o.getBoolean("with-db", true))
                .dbPort(0)
                .withSimulators(false)
                .parallelism(o.getInt("parallelism", 2))
                .startupTimeout(Duration.ofSeconds(o.getInt("startup-timeout", 180)))
                .dataDir(work.resolve("data"))
                .logDir(work.resolve("logs"))
                .extraArgs(Stack.INGEST, jobArgs.toArray(String[]::new))
                .build();

        String startedAt = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path loadJson = work.resolve("load-" + startedAt + ".json");
        ObjectNode report;
        try (Stack stack = Stack.start(stackOptions)) {
            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put(
                    broker == Broker.Kind.MOSQUITTO ? "broker (mosquitto)" : "broker (HiveMQ in the launcher JVM)",
                    stack.brokerPid());
            if (broker == Broker.Kind.MOSQUITTO) {
                pids.put("launcher JVM", ProcessHandle.current().pid());
            }
            for (Component c : stack.components()) {
                pids.put(c.name(), c.pid());
            }
            try (ProcessSampler sampler = new ProcessSampler(pids)) {
                stack.database().ifPresent(db -> sampler.addTree("database (PostgreSQL)", db.pid()));
                List<String> loadArgs = new ArrayList<>(List.of(
                        "--mqtt=" + stack.mqttUri(),
                        "--ws=ws://localhost:" + stack.httpPort() + "/ws",
                        "--out=" + loadJson));
                for (String key : LOAD_KEYS) {
                    o.find(key).ifPresent(v -> loadArgs.add("--" + key + "=" + v));
                }
                Process load = runLoad(root, loadArgs, work.resolve("logs/load.log"), true);
                sampler.add("load generator", load.pid());
                int exit = load.waitFor();
                if (exit != 0) {
                    System.err.println("ioc bench: the load generator failed (exit " + exit + ")");
                    System.exit(1);
                }
                report = report(root, stack, sampler, (ObjectNode) new ObjectMapper().readTree(loadJson.toFile()));
            }
        }
        Files.createDirectories(results);
        Path json = results.resolve("bench-" + startedAt + ".json");
        Path md = results.resolve("bench-" + startedAt + ".md");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        Files.writeString(md, markdown(report), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown(report));
        System.out.println(
                "Results: " + root.relativize(json.toAbsolutePath()) + " and " + root.relativize(md.toAbsolutePath()));
    }

    static String usage() {
        return """
                Usage: ./ioc bench [--key=value ...]
                Starts the stack (broker, Flink job, dashboards) on free ports, drives it with the load generator and
                writes results/bench-<time>.json and .md. At its defaults it takes about 5 minutes.
                  --phases=LIST          offered rates in messages/s, then 'max' (as fast as it goes) and 'sustain'
                                         (90% of max) (1000,10000,50000,max,sustain)
                  --warmup=PT10S         each phase's warm-up        --duration=PT30S   each phase's measured window
                  --mix=LIST             feed shares (cam:0.8,port:0.19,report:0.01)
                  --size=N               bytes of the messages with free text (0: their natural size)
                  --probes=20            latency probes (accident detections) per second
                  --max-backlog=200000   in 'max', published and not yet accounted, at most
                  --connections=1 --max-inflight=20000   the load generator's MQTT connections and window
                  --checkpoint-interval=MS --mqtt-connections=N --mqtt-receive-maximum=N   to the Flink job
                  --broker=mosquitto     mosquitto (apt-get install mosquitto) or hivemq (embedded)
                  --with-db=true         the job stores its history in an embedded PostgreSQL, as in the demo
                  --parallelism=2        Flink job parallelism
                  --results-dir=results  --work-dir=.ioc/bench (data and logs of the run)
                """;
    }

    private static Process runLoad(Path root, List<String> args, Path log, boolean background)
            throws IOException, InterruptedException {
        List<String> command = JavaCommand.of(root, "simulators", List.of("-Xmx512m"), LOAD_MAIN, args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        if (background) {
            pb.inheritIO();
        } else {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        Process p = pb.start();
        if (!background) {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new StackException("the load generator could not write the benchmark rules; read " + log);
            }
        }
        return p;
    }

    static ObjectNode report(Path root, Stack stack, ProcessSampler sampler, ObjectNode load) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode r = mapper.createObjectNode();
        ObjectNode machine = r.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("memoryGiB", Math.round(ProcessSampler.statusMemTotal() / (1024.0 * 1024 * 1024) * 10) / 10.0);
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        r.put(
                "commit",
                git(root, "rev-parse", "--short", "HEAD")
                        + (git(root, "status", "--porcelain").isBlank() ? "" : "+changes"));
        r.put("date", java.time.OffsetDateTime.now().withNano(0).toString());
        r.put("parallelism", stack.options().parallelism());
        r.put("broker", stack.options().broker().optionValue());
        r.setAll(load);
        for (JsonNode phase : r.withArray("phases")) {
            long from = phase.path("windowStartMillis").asLong();
            long to = phase.path("windowEndMillis").asLong();
            ObjectNode processes = ((ObjectNode) phase).putObject("processes");
            double cpu = 0;
            long rss = 0;
            for (String name : sampler.names()) {
                ProcessSampler.Usage u = sampler.usage(name, from, to);
                ObjectNode p = processes.putObject(name);
                p.put("cpuPercentOfOneCore", Math.round(u.cpuPercentOfOneCore()));
                p.put("peakRssMiB", u.peakRssBytes() / (1024 * 1024));
                if (!name.equals("load generator")) {
                    cpu += u.cpuPercentOfOneCore();
                    rss += u.peakRssBytes();
                }
            }
            ((ObjectNode) phase).put("stackCpuPercentOfOneCore", Math.round(cpu));
            ((ObjectNode) phase).put("stackPeakRssMiB", rss / (1024 * 1024));
        }
        ObjectNode peaks = r.putObject("peakRssMiBWholeRun");
        for (String name : sampler.names()) {
            sampler.peakRss(name).ifPresent(b -> peaks.put(name, b / (1024 * 1024)));
        }
        return r;
    }

    static String markdown(JsonNode r) {
        StringBuilder md = new StringBuilder();
        md.append("# ./ioc bench, ").append(r.path("date").asText()).append("\n\n");
        JsonNode m = r.path("machine");
        md.append(String.format(
                Locale.ROOT,
                "Machine: %d cores (%s), %.1f GiB, Java %s, %s. Commit %s. Broker %s, Flink parallelism %d. Mix %s,"
                        + " free-text size %s.%n%n",
                m.path("cores").asInt(),
                m.path("cpu").asText(),
                m.path("memoryGiB").asDouble(),
                m.path("java").asText(),
                m.path("os").asText(),
                r.path("commit").asText(),
                r.path("broker").asText(),
                r.path("parallelism").asInt(),
                r.path("mix").asText(),
                r.path("size").asInt() == 0 ? "natural" : r.path("size").asText() + " B"));
        md.append("| phase | offered/s | published/s | accounted/s | loss | p50 ms | p95 ms | p99 ms | alerts/probes |"
                + " stack CPU % of a core | stack peak RSS MiB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode p : r.path("phases")) {
            JsonNode l = p.path("latencyMillis");
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %,.0f | %d | %s | %s | %s | %d/%d | %d | %d |%n",
                    p.path("phase").asText(),
                    p.path("offeredRate").isNull()
                            ? "max"
                            : String.format(
                                    Locale.ROOT, "%,.0f", p.path("offeredRate").asDouble()),
                    p.path("publishRate").asDouble(),
                    p.path("throughput").asDouble(),
                    p.path("loss").asLong(),
                    l.path("p50").asText("-"),
                    l.path("p95").asText("-"),
                    l.path("p99").asText("-"),
                    l.path("alerts").asInt(),
                    l.path("probes").asInt(),
                    p.path("stackCpuPercentOfOneCore").asLong(),
                    p.path("stackPeakRssMiB").asLong()));
        }
        md.append("\nPer process (CPU % of one core / peak RSS MiB during each measured window):\n\n");
        List<String> names = new ArrayList<>();
        r.path("phases").path(0).path("processes").fieldNames().forEachRemaining(names::add);
        md.append("| phase |");
        names.forEach(n -> md.append(' ').append(n).append(" |"));
        md.append("\n|---|");
        names.forEach(n -> md.append("---:|"));
        md.append('\n');
        for (JsonNode p : r.path("phases")) {
            md.append("| ").append(p.path("phase").asText()).append(" |");
            for (String n : names) {
                JsonNode u = p.path("processes").path(n);
                md.append(String.format(
                        Locale.ROOT,
                        " %d%% / %d |",
                        u.path("cpuPercentOfOneCore").asLong(),
                        u.path("peakRssMiB").asLong()));
            }
            md.append('\n');
        }
        md.append("\nLatency: publish of a camera accident detection → its alert on a dashboards websocket."
                + " Throughput: messages the job accounted for (its events-accepted and events-dead-lettered totals)"
                + " per second of the measured window. Loss: acknowledged by the broker minus accounted, after"
                + " the job caught up.\n");
        return md.toString();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String git(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
