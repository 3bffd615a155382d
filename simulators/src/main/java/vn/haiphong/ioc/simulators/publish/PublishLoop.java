package vn.haiphong.ioc.simulators.publish;

import java.time.Clock;
import vn.haiphong.ioc.simulators.gen.MessageStream;
import vn.haiphong.ioc.simulators.gen.SimMessage;

/**
 * Paces a message stream against the clock: each message goes out at its release time (a fixed-rate schedule made by
 * the generators), never earlier. When the sink cannot keep up, messages go out as fast as it accepts them and the
 * delay shows in {@link PublishStats}; nothing queues up beyond the sink's in-flight window.
 */
public final class PublishLoop {
    /** Sleeps for a number of milliseconds; tests swap in one that moves a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final long MAX_NAP_MS = 100;

    private final MessageStream stream;
    private final MessageSink sink;
    private final PublishStats stats;
    private final Clock clock;
    private final Sleeper sleeper;
    private final long stopAt;
    private volatile boolean running = true;

    /**
     * {@code stopAt}: the loop ends when the clock reaches it, or at the first message scheduled at or after it
     * ({@link Long#MAX_VALUE}: run until stopped).
     */
    public PublishLoop(
            MessageStream stream, MessageSink sink, PublishStats stats, Clock clock, Sleeper sleeper, long stopAt) {
        this.stream = stream;
        this.sink = sink;
        this.stats = stats;
        this.clock = clock;
        this.sleeper = sleeper;
        this.stopAt = stopAt;
    }

    /** Runs until {@link #stop()} or the stop time; returns how many messages it handed to the sink. */
    public long run() throws InterruptedException {
        long sent = 0;
        while (running) {
            SimMessage m = stream.next();
            if (m.releaseAt() >= stopAt || clock.millis() >= stopAt) {
                break;
            }
            long wait = m.releaseAt() - clock.millis();
            while (wait > 0 && running) {
                sleeper.sleep(Math.min(wait, MAX_NAP_MS));
                wait = m.releaseAt() - clock.millis();
            }
            if (!running) {
                break;
            }
            stats.behind(-wait);
            if (!sink.send(m)) {
                break;
            }
            sent++;
        }
        return sent;
    }

    public void stop() {
        running = false;
    }
}
