package vn.haiphong.ioc.dashboards.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames a test websocket client receives, in order, handed out one at a time as futures. Frames arrive on the
 * socket's event loop while a test's chain may ask for the next one from another thread, hence the lock.
 */
public final class FrameQueue {
    private static final Logger log = LoggerFactory.getLogger(FrameQueue.class);
    private final WebSocket socket;
    private final Deque<JsonObject> frames = new ArrayDeque<>();
    private Promise<JsonObject> waiting;

    private FrameQueue(WebSocket socket) {
        this.socket = socket;
    }

    public static FrameQueue of(WebSocket socket) {
        FrameQueue queue = new FrameQueue(socket);
        socket.textMessageHandler(text -> queue.accept(new JsonObject(text)));
        return queue;
    }

    public WebSocket socket() {
        return socket;
    }

    private void accept(JsonObject frame) {
        log.debug("frame {} {}", frame.getString("type"), frame.getLong("seq"));
        Promise<JsonObject> promise;
        synchronized (this) {
            promise = waiting;
            waiting = null;
            if (promise == null) {
                frames.add(frame);
                return;
            }
        }
        promise.complete(frame);
    }

    /** The next frame, whatever it is. */
    public synchronized Future<JsonObject> next() {
        if (waiting != null) {
            return Future.failedFuture("already waiting for a frame");
        }
        JsonObject frame = frames.poll();
        if (frame != null) {
            return Future.succeededFuture(frame);
        }
        waiting = Promise.promise();
        return waiting.future();
    }

    /** The next frame that matches, skipping the others (KPIs and MQTT state of other tests, say). */
    public Future<JsonObject> nextMatching(Predicate<JsonObject> predicate) {
        return next().compose(frame -> predicate.test(frame) ? Future.succeededFuture(frame) : nextMatching(predicate));
    }

    /** The next push frame about this alert. */
    public Future<JsonObject> nextAlert(String alertId) {
        return nextMatching(f -> "alert".equals(f.getString("type"))
                && alertId.equals(f.getJsonObject("data").getString("alertId")));
    }

    public Future<Void> close() {
        return socket.close();
    }
}
