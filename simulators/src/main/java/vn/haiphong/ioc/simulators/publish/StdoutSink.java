package vn.haiphong.ioc.simulators.publish;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import vn.haiphong.ioc.simulators.gen.SimMessage;

/** A dry run: one line per message, {@code topic payload}, with {@code [retained]} where the flag is set. */
public final class StdoutSink implements MessageSink {
    private final PrintStream out;
    private final PublishStats stats;

    public StdoutSink(PrintStream out, PublishStats stats) {
        this.out = out;
        this.stats = stats;
    }

    @Override
    public boolean send(SimMessage m) {
        out.println(m.topic() + " " + new String(m.payload(), StandardCharsets.UTF_8)
                + (m.retained() ? " [retained]" : ""));
        stats.recordPublished(m.feed());
        return true;
    }

    @Override
    public int inFlight() {
        return 0;
    }

    @Override
    public boolean flush(Duration timeout) {
        out.flush();
        return true;
    }

    @Override
    public void abort() {
        // Nothing ever waits here.
    }

    @Override
    public void close() {
        out.flush();
    }
}
