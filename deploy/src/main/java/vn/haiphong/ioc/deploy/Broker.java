package vn.haiphong.ioc.deploy;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The MQTT broker of the one-machine stack: {@link EmbeddedBroker} (HiveMQ CE in this JVM, the default) or {@link
 * MosquittoBroker} (Debian's mosquitto as a child process). Both keep persistent sessions and their queued messages in
 * {@link #dataDir()} across a stop and a start, on the same port.
 */
public interface Broker extends AutoCloseable {
    /** Which broker {@code --broker} asks for. */
    enum Kind {
        HIVEMQ,
        MOSQUITTO;

        /** The value of {@code --broker}: {@code hivemq} or {@code mosquitto}. */
        public String optionValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromOption(String value) {
            for (Kind kind : values()) {
                if (kind.optionValue().equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("option --broker needs hivemq or mosquitto, not '" + value + "'");
        }
    }

    /** Starts the broker, or starts it again after {@link #stop()}, and returns once it accepts MQTT clients. */
    Broker start();

    /** Stops the broker; its sessions, queued and retained messages stay in {@link #dataDir()}. */
    void stop();

    boolean isRunning();

    /** The port the broker listens on (the one it picked when asked for port 0). */
    int port();

    /** The URI a client on this machine connects to, e.g. {@code tcp://127.0.0.1:1883}. */
    String uri();

    /** Where the broker keeps its configuration and persistence. */
    Path dataDir();

    /**
     * The process that runs the broker, for sampling its memory and CPU in {@code /proc/<pid>}: this JVM's for the
     * embedded broker, the child's for mosquitto.
     */
    long pid();

    /** For the stack's progress line, e.g. "HiveMQ CE in this process". */
    String description();

    @Override
    default void close() {
        stop();
    }
}
