package vn.haiphong.ioc.dashboards.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A server-sent events client for tests, parsing the stream as the HTML standard's EventSource does (fields id, event,
 * data; comment lines counted apart), the events handed out one at a time as futures.
 */
public final class SseClient {
    /** One event; {@code id} is null when the event carried none. */
    public record Event(String id, String event, String data) {
        public JsonObject json() {
            return new JsonObject(data);
        }

        public long seq() {
            return Long.parseLong(id);
        }
    }

    private final HttpClientResponse response;
    private final Deque<Event> events = new ArrayDeque<>();
    private final StringBuilder pending = new StringBuilder();
    private final AtomicInteger comments = new AtomicInteger();
    private Promise<Event> waiting;

    private SseClient(HttpClientResponse response) {
        this.response = response;
        response.handler(buffer -> accept(buffer.toString()));
    }

    /** Opens the stream; fails unless the server answers 200 with text/event-stream. */
    public static Future<SseClient> connect(HttpClient http, int port, String uri, MultiMap headers) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(uri)
                .setHeaders(headers)
                .putHeader("Accept", "text/event-stream");
        return http.request(options).compose(req -> req.send()).compose(resp -> {
            String type = resp.getHeader("Content-Type");
            if (resp.statusCode() != 200 || type == null || !type.startsWith("text/event-stream")) {
                return resp.body()
                        .transform(body -> Future.failedFuture(new IllegalStateException("HTTP " + resp.statusCode()
                                + " " + type + ": " + (body.succeeded() ? body.result() : ""))));
            }
            return Future.succeededFuture(new SseClient(resp));
        });
    }

    private void accept(String text) {
        String[] blocks;
        synchronized (this) {
            pending.append(text.replace("\r\n", "\n"));
            int end = pending.lastIndexOf("\n\n");
            if (end < 0) {
                return;
            }
            blocks = pending.substring(0, end).split("\n\n");
            pending.delete(0, end + 2);
        }
        for (String block : blocks) {
            String id = null;
            String event = "message";
            StringBuilder data = null;
            boolean any = false;
            for (String line : block.split("\n")) {
                if (line.startsWith(":")) {
                    comments.incrementAndGet();
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = (data == null ? new StringBuilder() : data.append('\n')).append(value);
                    default -> {
                        continue;
                    }
                }
                any = true;
            }
            if (any && data != null) {
                deliver(new Event(id, event, data.toString()));
            }
        }
    }

    private void deliver(Event event) {
        Promise<Event> promise;
        synchronized (this) {
            promise = waiting;
            waiting = null;
            if (promise == null) {
                events.add(event);
                return;
            }
        }
        promise.complete(event);
    }

    public synchronized Future<Event> next() {
        if (waiting != null) {
            return Future.failedFuture("already waiting for an event");
        }
        Event event = events.poll();
        if (event != null) {
            return Future.succeededFuture(event);
        }
        waiting = Promise.promise();
        return waiting.future();
    }

    public Future<Event> nextMatching(Predicate<Event> predicate) {
        return next().compose(e -> predicate.test(e) ? Future.succeededFuture(e) : nextMatching(predicate));
    }

    /** The next alert event about this alert. */
    public Future<Event> nextAlert(String alertId) {
        return nextMatching(
                e -> e.event().equals("alert") && alertId.equals(e.json().getString("alertId")));
    }

    /** Comment lines received so far (the server's heartbeats). */
    public int comments() {
        return comments.get();
    }

    public MultiMap headers() {
        return response.headers();
    }

    public Future<Void> close() {
        return response.request().connection().close();
    }
}
