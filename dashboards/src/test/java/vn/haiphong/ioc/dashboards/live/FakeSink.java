package vn.haiphong.ioc.dashboards.live;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A client whose write queue holds {@code capacity} frames until the test drains it. */
final class FakeSink implements FrameSink {
    final List<JsonObject> received = new ArrayList<>();
    private final int capacity;
    private int queued;
    private Runnable drainHandler = () -> {};
    private Runnable closeHandler = () -> {};

    FakeSink(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void hello(String json) {
        received.add(new JsonObject(json));
        queued++;
    }

    @Override
    public void write(PushFrame frame) {
        received.add(new JsonObject(frame.text()));
        queued++;
    }

    @Override
    public boolean writeQueueFull() {
        return queued >= capacity;
    }

    @Override
    public void drainHandler(Runnable handler) {
        drainHandler = handler;
    }

    @Override
    public void closeHandler(Runnable handler) {
        closeHandler = handler;
    }

    /** The network took everything queued. */
    void drain() {
        queued = 0;
        drainHandler.run();
    }

    void close() {
        closeHandler.run();
    }

    List<Long> seqs(String type) {
        return received.stream()
                .filter(f -> type.equals(f.getString("type")))
                .map(f -> f.getLong("seq"))
                .toList();
    }

    JsonObject last() {
        return received.get(received.size() - 1);
    }
}
