package vn.haiphong.ioc.simulators.publish;

import java.time.Duration;
import vn.haiphong.ioc.simulators.gen.SimMessage;

/** Where messages go: an MQTT broker, or standard output for a dry run. */
public interface MessageSink extends AutoCloseable {
    /** Hands one message over, waiting while the in-flight window is full; false when aborted meanwhile. */
    boolean send(SimMessage message) throws InterruptedException;

    /** Messages handed over and not yet acknowledged. */
    int inFlight();

    /** Waits until every message handed over is acknowledged or failed; false on timeout. */
    boolean flush(Duration timeout) throws InterruptedException;

    /** Makes any waiting {@link #send} give up: used when a shutdown cannot wait any longer. */
    void abort();

    @Override
    void close();
}
