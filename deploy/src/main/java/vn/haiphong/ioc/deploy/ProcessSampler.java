package vn.haiphong.ioc.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Samples the resident memory and CPU time of processes from Linux's {@code /proc}, once a second on a daemon thread,
 * so that a benchmark can say what each process of the stack cost during each of its phases.
 */
final class ProcessSampler implements AutoCloseable {
    /** Clock ticks per second of {@code /proc/<pid>/stat}'s CPU times: USER_HZ, 100 on every Linux we run on. */
    static final long TICKS_PER_SECOND = 100;

    /** One reading of one process. */
    record Sample(long atMillis, long rssBytes, long cpuTicks) {}

    /** What a process cost between two instants: CPU as a share of one core, and its highest resident memory. */
    record Usage(double cpuPercentOfOneCore, long peakRssBytes, int samples) {}

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    ProcessSampler(Map<String, Long> pids) {
        this.pids.putAll(pids);
        pids.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        thread = new Thread(this::loop, "bench-process-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds a process to sample from now on (e.g. the load generator once it has started). */
    synchronized void add(String name, long pid) {
        pids.put(name, pid);
        samples.putIfAbsent(name, new ArrayList<>());
    }

    synchronized List<String> names() {
        return List.copyOf(pids.keySet());
    }

    /** The usage of {@code name} between the two instants (epoch milliseconds), from the samples inside them. */
    synchronized Usage usage(String name, long fromMillis, long toMillis) {
        List<Sample> inside = samples.getOrDefault(name, List.of()).stream()
                .filter(s -> s.atMillis() >= fromMillis && s.atMillis() <= toMillis)
                .toList();
        if (inside.size() < 2) {
            return new Usage(0, inside.isEmpty() ? 0 : inside.get(0).rssBytes(), inside.size());
        }
        Sample first = inside.get(0);
        Sample last = inside.get(inside.size() - 1);
        double cpuSeconds = (last.cpuTicks() - first.cpuTicks()) / (double) TICKS_PER_SECOND;
        double wallSeconds = (last.atMillis() - first.atMillis()) / 1000.0;
        long peak = inside.stream().mapToLong(Sample::rssBytes).max().orElse(0);
        return new Usage(100.0 * cpuSeconds / wallSeconds, peak, inside.size());
    }

    /** The highest resident memory the kernel saw for the process in its whole life ({@code VmHWM}). */
    synchronized OptionalLong peakRss(String name) {
        Long pid = pids.get(name);
        return pid == null ? OptionalLong.empty() : statusField(pid, "VmHWM:");
    }

    private void loop() {
        while (running) {
            long now = System.currentTimeMillis();
            synchronized (this) {
                for (Map.Entry<String, Long> e : pids.entrySet()) {
                    OptionalLong rss = statusField(e.getValue(), "VmRSS:");
                    OptionalLong cpu = cpuTicks(e.getValue());
                    if (rss.isPresent() && cpu.isPresent()) {
                        samples.get(e.getKey()).add(new Sample(now, rss.getAsLong(), cpu.getAsLong()));
                    }
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A {@code kB} field of {@code /proc/<pid>/status}, in bytes. */
    static OptionalLong statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone, or this is not Linux.
        }
        return OptionalLong.empty();
    }

    /** The machine's memory ({@code MemTotal} of {@code /proc/meminfo}) in bytes, 0 when unknown. */
    static long statusMemTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.substring(9).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return 0;
    }

    /** User plus system CPU time of {@code /proc/<pid>/stat}, in clock ticks. */
    static OptionalLong cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
