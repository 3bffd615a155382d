package vn.haiphong.ioc.dashboards.live;

/**
 * Where a client's frames go: a websocket or a server-sent event stream in production, a recording fake in tests. Each
 * sink frames the hub's messages in its own way.
 */
public interface FrameSink {
    /** The first message to a client: where its stream starts ({@code seq}, {@code mode}), as JSON. */
    void hello(String json);

    /** A sequenced frame: one of the ring, or a snapshot. */
    void write(PushFrame frame);

    /** True when the sink's bounded write queue is full; writing must stop until the drain handler runs. */
    boolean writeQueueFull();

    void drainHandler(Runnable handler);

    void closeHandler(Runnable handler);
}
