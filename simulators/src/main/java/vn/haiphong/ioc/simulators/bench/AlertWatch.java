package vn.haiphong.ioc.simulators.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A websocket client of the dashboards, as the wall is one: it matches each alert frame to the probe whose detection
 * raised it (the alert's {@code evidence.detectionId}) and records the time from publishing the probe to the frame.
 */
final class AlertWatch implements WebSocket.Listener, AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> latencyNanos = new ConcurrentHashMap<>();
    private final AtomicLong frames = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    AlertWatch(URI uri) throws Exception {
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .buildAsync(uri, this)
                .get(20, TimeUnit.SECONDS);
    }

    /** Called just before a probe is published. */
    void sent(String detectionId, long nanos) {
        sentNanos.put(detectionId, nanos);
    }

    /** The latency of the probe's alert in nanoseconds, or null while none arrived. */
    Long latency(String detectionId) {
        return latencyNanos.get(detectionId);
    }

    long frames() {
        return frames.get();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            frames.incrementAndGet();
            onFrame(text, now);
        }
        webSocket.request(1);
        return null;
    }

    private void onFrame(String text, long now) {
        if (!text.contains("\"alert\"")) {
            return; // KPI and state frames are most of them; no need to parse those
        }
        try {
            JsonNode frame = mapper.readTree(text);
            if (!"alert".equals(frame.path("type").asText())) {
                return;
            }
            JsonNode alert = frame.path("data");
            String detectionId = alert.path("evidence").path("detectionId").asText(null);
            if (detectionId != null && "active".equals(alert.path("status").asText())) {
                Long sent = sentNanos.remove(detectionId);
                if (sent != null) {
                    latencyNanos.put(detectionId, now - sent);
                }
            }
        } catch (Exception e) {
            // A frame this client does not understand is not a probe's alert.
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
    }
}
