package vn.haiphong.ioc.dashboards.live;

/** Where a client's frames go: a websocket in production, a recording fake in tests. */
public interface FrameSink {
    void write(String text);

    /** True when the sink's bounded write queue is full; writing must stop until the drain handler runs. */
    boolean writeQueueFull();

    void drainHandler(Runnable handler);

    void closeHandler(Runnable handler);
}
