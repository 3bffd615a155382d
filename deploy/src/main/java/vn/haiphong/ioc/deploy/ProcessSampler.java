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
    /** Names sampled as a process tree (PostgreSQL: the postmaster and its backends). */
    private final java.util.Set<String> trees = new java.util.HashSet<>();

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

    /**
     * Adds a process with all its descendants, sampled as one: CPU is the tree's user and system time (with the times
     * of children that have exited), memory the sum of the proportional set sizes ({@code Pss}), so that memory shared
     * between them (PostgreSQL's shared buffers) is counted once.
     */
    synchronized void addTree(String name, long pid) {
        add(name, pid);
        trees.add(name);
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
        if (pid != null && trees.contains(name)) {
            // No high-water mark for a tree: the highest sample.
            return samples.get(name).stream().mapToLong(Sample::rssBytes).max();
        }
        return pid == null ? OptionalLong.empty() : statusField(pid, "VmHWM:");
    }

    private void loop() {
        while (running) {
            long now = System.currentTimeMillis();
            synchronized (this) {
                for (Map.Entry<String, Long> e : pids.entrySet()) {
                    boolean tree = trees.contains(e.getKey());
                    OptionalLong rss = tree ? treePss(e.getValue()) : statusField(e.getValue(), "VmRSS:");
                    OptionalLong cpu = tree ? treeCpuTicks(e.getValue()) : cpuTicks(e.getValue());
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
        return statTicks(pid, false);
    }

    /** utime + stime (fields 14, 15 of stat), and with {@code children} also cutime + cstime (16, 17). */
    private static OptionalLong statTicks(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (children) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return OptionalLong.of(ticks);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** CPU ticks of a process, the children it has reaped, and its live descendants. */
    static OptionalLong treeCpuTicks(long pid) {
        OptionalLong root = statTicks(pid, true);
        if (root.isEmpty()) {
            return root;
        }
        long ticks = root.getAsLong();
        for (long child : descendants(pid)) {
            ticks += statTicks(child, true).orElse(0);
        }
        return OptionalLong.of(ticks);
    }

    /** Sum of {@code Pss} of {@code /proc/<pid>/smaps_rollup} over a process and its live descendants, in bytes. */
    static OptionalLong treePss(long pid) {
        OptionalLong root = pss(pid);
        if (root.isEmpty()) {
            return root;
        }
        long bytes = root.getAsLong();
        for (long child : descendants(pid)) {
            bytes += pss(child).orElse(0);
        }
        return OptionalLong.of(bytes);
    }

    private static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> h.descendants().map(ProcessHandle::pid).toList())
                .orElse(List.of());
    }

    private static OptionalLong pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return OptionalLong.of(
                            Long.parseLong(line.substring(4).trim().split("\\s+")[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone, or no smaps_rollup (Linux before 4.14).
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
