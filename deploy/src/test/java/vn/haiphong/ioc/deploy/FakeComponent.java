package vn.haiphong.ioc.deploy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * A stand-in for ingest, dashboards or simulators (whichever the stack names in {@code -Dhaiphong.ioc.component}), so
 * that the launcher is tested without the other modules: it answers the same readiness checks on the same options and
 * logs what it was given and when it was told to stop.
 */
public final class FakeComponent {
    private FakeComponent() {}

    public static void main(String[] args) throws Exception {
        String role = System.getProperty(Stack.COMPONENT_PROPERTY, "unknown");
        Options options = Options.parse(args);
        System.out.println("fake " + role + " started with " + String.join(" ", args));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake " + role + " stopping at " + System.currentTimeMillis());
            stop.countDown();
        }));
        switch (role) {
            case Stack.INGEST -> flinkUi(options.getInt("flink-ui-port", 8081), options.getBoolean("never-run", false));
            case Stack.DASHBOARDS -> health(options.getInt("http-port", 8080));
            case Stack.SIMULATORS -> publish(options.get("mqtt", "tcp://localhost:1883"), stop);
            default -> throw new IllegalStateException("no fake for " + role);
        }
        stop.await();
    }

    /** Like Flink's REST API: the job shows up as RUNNING on the second look, so the stack has to poll. */
    private static void flinkUi(int port, boolean neverRun) throws Exception {
        AtomicInteger looks = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", exchange -> {
            String body = "<html>Apache Flink Web Dashboard</html>";
            if (exchange.getRequestURI().getPath().equals("/jobs/overview")) {
                boolean running = !neverRun && looks.incrementAndGet() > 1;
                body = running
                        ? "{\"jobs\":[{\"jid\":\"1\",\"name\":\"ioc\",\"state\": \"RUNNING\"}]}"
                        : "{\"jobs\":[{\"jid\":\"1\",\"name\":\"ioc\",\"state\":\"INITIALIZING\"}]}";
            }
            respond(exchange, body);
        });
        server.start();
    }

    private static void health(int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/health", exchange -> respond(exchange, "{\"status\":\"UP\"}"));
        server.start();
    }

    private static void publish(String uri, CountDownLatch stop) throws Exception {
        MqttClient client = new MqttClient(uri, "fake-sim-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect();
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 0; stop.getCount() > 0; i++) {
                    client.publish("hp/v1/cam/cam-fake/tlm", ("{\"id\":\"" + i + "\"}").getBytes(), 1, false);
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                System.out.println("fake simulators stopped publishing: " + e);
            }
        });
        publisher.setDaemon(true);
        publisher.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A component that dies at start, as one does on a port clash or a bad option. */
    public static final class Failing {
        private Failing() {}

        public static void main(String[] args) {
            System.out.println("boom: cannot start with " + String.join(" ", args));
            System.exit(3);
        }
    }
}
