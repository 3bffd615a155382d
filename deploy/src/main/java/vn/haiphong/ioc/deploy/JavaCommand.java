package vn.haiphong.ioc.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a module's process: {@code java <jvm opts> -cp <module>/target/classes:<classpath.txt> <main>
 * <args>}, the same way ./ioc and the docs start each process by hand.
 */
final class JavaCommand {
    /** The Flink-on-Java-17 options, kept in one resource file that every launcher reads. */
    static final String FLINK_JVM_OPTIONS_RESOURCE = "/flink-jvm-options.txt";

    private JavaCommand() {}

    static List<String> of(Path repoRoot, String module, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(moduleClasspath(repoRoot, module));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The java of this JVM, so that children run on the same Java 17+ that was checked. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code <module>/target/classes} followed by the runtime classpath that {@code mvn package} wrote. */
    static String moduleClasspath(Path repoRoot, String module) {
        Path target = repoRoot.resolve(module).resolve("target");
        Path classes = target.resolve("classes");
        Path classpathFile = target.resolve("classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new StackException("module '" + module + "' is not built: " + repoRoot.relativize(classpathFile)
                    + " is missing. Run ./ioc build (mvn -B -DskipTests package) first.");
        }
        try {
            String dependencies =
                    Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            return dependencies.isEmpty() ? classes.toString() : classes + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathFile, e);
        }
    }

    /** The options in {@code flink-jvm-options.txt}: whitespace separated, {@code #} starts a comment line. */
    static List<String> flinkJvmOptions() {
        try (InputStream in = JavaCommand.class.getResourceAsStream(FLINK_JVM_OPTIONS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(FLINK_JVM_OPTIONS_RESOURCE + " is missing from the deploy classpath");
            }
            List<String> options = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    options.addAll(Arrays.asList(trimmed.split("\\s+")));
                }
            }
            return List.copyOf(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FLINK_JVM_OPTIONS_RESOURCE, e);
        }
    }
}
