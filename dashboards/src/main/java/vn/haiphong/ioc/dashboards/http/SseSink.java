package vn.haiphong.ioc.dashboards.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import vn.haiphong.ioc.dashboards.live.FrameSink;
import vn.haiphong.ioc.dashboards.live.PushFrame;

/**
 * A server-sent event stream as the hub sees it: each sequenced frame is an event whose id is its seq (what the
 * client's EventSource sends back as Last-Event-ID when it reconnects), its name the frame's type and its data the
 * frame's JSON on one line. The hello carries no id, so it never moves the client's resume point. A comment every
 * heartbeat keeps proxies from closing a quiet stream and lets the server notice a client that has gone.
 */
final class SseSink implements FrameSink {
    /** How long a browser's EventSource waits before it reconnects. */
    private static final int RETRY_MS = 3_000;

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final long heartbeat;

    SseSink(Vertx vertx, HttpServerResponse response, long heartbeatMs) {
        this.vertx = vertx;
        this.response = response;
        this.heartbeat = vertx.setPeriodic(heartbeatMs, id -> {
            // A heartbeat is only useful when nothing waits to be sent; it must not grow a full queue.
            if (!response.writeQueueFull()) {
                response.write(": heartbeat\n\n");
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(heartbeat));
    }

    @Override
    public void hello(String json) {
        response.write("retry: " + RETRY_MS + "\nevent: hello\ndata: " + json + "\n\n");
    }

    @Override
    public void write(PushFrame frame) {
        // Compact JSON has no line breaks (they are escaped inside strings), so one data line holds it.
        response.write("id: " + frame.seq() + "\nevent: " + frame.type() + "\ndata: " + frame.data() + "\n\n");
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable handler) {
        response.drainHandler(v -> handler.run());
    }

    @Override
    public void closeHandler(Runnable handler) {
        response.closeHandler(v -> {
            vertx.cancelTimer(heartbeat);
            handler.run();
        });
    }
}
