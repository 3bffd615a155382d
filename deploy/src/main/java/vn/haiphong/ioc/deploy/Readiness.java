package vn.haiphong.ioc.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** How the stack knows a component is ready: a check it polls, and a description for the error when it never is. */
interface Readiness extends AutoCloseable {
    HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    String description();

    boolean isReady();

    @Override
    default void close() {}

    /** Ready once {@code url} answers 200. */
    static Readiness httpOk(String url) {
        return new Readiness() {
            @Override
            public String description() {
                return "HTTP 200 from " + url;
            }

            @Override
            public boolean isReady() {
                HttpResponse<String> response = get(url);
                return response != null && response.statusCode() == 200;
            }
        };
    }

    /** Ready once the Flink web UI answers and its REST API lists a RUNNING job. */
    static Readiness flinkJobRunning(int uiPort) {
        Pattern running = Pattern.compile("\"state\"\\s*:\\s*\"RUNNING\"");
        String ui = "http://localhost:" + uiPort + "/";
        String jobs = "http://localhost:" + uiPort + "/jobs/overview";
        return new Readiness() {
            @Override
            public String description() {
                return "the Flink web UI at " + ui + " with a RUNNING job in " + jobs;
            }

            @Override
            public boolean isReady() {
                HttpResponse<String> page = get(ui);
                if (page == null || page.statusCode() != 200) {
                    return false;
                }
                HttpResponse<String> overview = get(jobs);
                return overview != null
                        && overview.statusCode() == 200
                        && running.matcher(overview.body()).find();
            }
        };
    }

    /**
     * Ready once an MQTT 5 client connects to {@code mqttUri} (CONNACK, not only an open port: a broker may accept TCP
     * before it serves MQTT). Each look connects a throw-away clean session and disconnects it.
     */
    static Readiness mqttConnect(String mqttUri) {
        return new Readiness() {
            @Override
            public String description() {
                return "an MQTT connection to " + mqttUri;
            }

            @Override
            public boolean isReady() {
                MqttClient client = null;
                try {
                    client = new MqttClient(mqttUri, "ioc-stack-probe-" + UUID.randomUUID(), new MemoryPersistence());
                    MqttConnectionOptions options = new MqttConnectionOptions();
                    options.setCleanStart(true);
                    options.setSessionExpiryInterval(0L);
                    options.setConnectionTimeout(2);
                    client.connect(options);
                    client.disconnect();
                    return true;
                } catch (MqttException e) {
                    return false;
                } finally {
                    if (client != null) {
                        try {
                            client.close(true);
                        } catch (MqttException e) {
                            // Nothing is left to release on a client that never connected.
                        }
                    }
                }
            }
        };
    }

    /**
     * Ready once a message arrives on {@code topicFilter}. It subscribes before the component starts, so the first
     * message the component publishes counts.
     */
    static Readiness firstMessage(String mqttUri, String topicFilter) {
        AtomicBoolean received = new AtomicBoolean();
        MqttClient client;
        try {
            client = new MqttClient(mqttUri, "ioc-stack-probe-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSessionExpiryInterval(0L);
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.set(true);
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {}

                @Override
                public void mqttErrorOccurred(MqttException exception) {}

                @Override
                public void deliveryComplete(IMqttToken token) {}

                @Override
                public void connectComplete(boolean reconnect, String serverUri) {}

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
            client.connect(options);
            // A callback and the array form: Paho 1.2.5's subscribe(String, int, listener) calls itself forever.
            client.subscribe(new MqttSubscription[] {new MqttSubscription(topicFilter, 0)})
                    .waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new StackException("cannot subscribe to " + topicFilter + " on " + mqttUri + ": " + e, e);
        }
        return new Readiness() {
            @Override
            public String description() {
                return "a first message on " + topicFilter + " at " + mqttUri;
            }

            @Override
            public boolean isReady() {
                return received.get();
            }

            @Override
            public void close() {
                try {
                    if (client.isConnected()) {
                        client.disconnect();
                    }
                    client.close();
                } catch (MqttException e) {
                    // The probe's job is done; a broker that is already gone cannot take a DISCONNECT.
                }
            }
        };
    }

    private static HttpResponse<String> get(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
