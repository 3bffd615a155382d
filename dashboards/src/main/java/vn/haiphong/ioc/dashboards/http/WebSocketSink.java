package vn.haiphong.ioc.dashboards.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import vn.haiphong.ioc.dashboards.live.FrameSink;
import vn.haiphong.ioc.dashboards.live.PushFrame;

/**
 * A websocket as the hub sees it: text frames with Vert.x's bounded write queue. It also pings the browser now and
 * then, so proxies that close quiet connections (some after 60 s) leave it open; browsers answer pings by themselves.
 */
final class WebSocketSink implements FrameSink {
    private static final long PING_INTERVAL_MS = 25_000;

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final long pinger;

    WebSocketSink(Vertx vertx, ServerWebSocket socket) {
        this.vertx = vertx;
        this.socket = socket;
        this.pinger = vertx.setPeriodic(PING_INTERVAL_MS, id -> socket.writePing(Buffer.buffer()));
        socket.closeHandler(v -> vertx.cancelTimer(pinger));
    }

    @Override
    public void hello(String json) {
        socket.writeTextMessage(json);
    }

    @Override
    public void write(PushFrame frame) {
        // A failed write means the socket is closing; its close handler detaches the client.
        socket.writeTextMessage(frame.text());
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable handler) {
        socket.drainHandler(v -> handler.run());
    }

    @Override
    public void closeHandler(Runnable handler) {
        socket.closeHandler(v -> {
            vertx.cancelTimer(pinger);
            handler.run();
        });
    }
}
