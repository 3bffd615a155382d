package vn.haiphong.ioc.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One IOC process started by the {@link Stack}: its output goes to {@code <log-dir>/<name>.log} (the first line is the
 * command that started it), and it stops with SIGTERM, then SIGKILL after a grace period.
 */
public final class Component {
    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Process process;
    private final Instant startedAt;

    private Component(String name, List<String> command, Path logFile, Process process, Instant startedAt) {
        this.name = name;
        this.command = command;
        this.logFile = logFile;
        this.process = process;
        this.startedAt = startedAt;
    }

    /** Starts {@code command} in {@code workDir}, its stdout and stderr appended to {@code logFile} after a header. */
    static Component start(String name, List<String> command, Path workDir, Path logFile) {
        return start(name, command, Map.of(), workDir, logFile);
    }

    /**
     * Like {@link #start(String, List, Path, Path)}, with variables added to the child's environment: the way to pass
     * a secret, which the command line would show in {@code ps} and in the log's header.
     */
    static Component start(String name, List<String> command, Map<String, String> env, Path workDir, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(
                    logFile,
                    "# " + Instant.now() + " ioc stack started " + name + ":\n# " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // Nothing reads the children's stdin; an inherited terminal would let them steal keystrokes.
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            return new Component(name, List.copyOf(command), logFile, builder.start(), Instant.now());
        } catch (IOException e) {
            throw new StackException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> command() {
        return command;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        Deque<String> tail = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
        return String.join("\n", tail);
    }

    /**
     * Asks the process (and anything it started) to stop with SIGTERM, so that Flink and Vert.x run their shutdown
     * hooks; after {@code grace} it is killed. Returns once the process is gone.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // Grandchildren that outlived their parent (none expected from a JVM, but cheap to make sure of).
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }
}
