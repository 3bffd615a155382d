package vn.haiphong.ioc.ingest.mqtt;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * Where and how to reach the broker, shared by the source and the sink: server URI, optional credentials, keep-alive
 * and connect timeout. Validated once, by the builders.
 */
@Internal
public final class MqttConnectionSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    private final String serverUri;
    private final String username;
    private final String password;
    private final int keepAliveSeconds;
    private final int connectTimeoutSeconds;

    public MqttConnectionSettings(
            String serverUri, String username, String password, Duration keepAlive, Duration connectTimeout) {
        this.serverUri = checkServerUri(serverUri);
        if (password != null && username == null) {
            throw new IllegalArgumentException("a password needs a username");
        }
        this.username = username;
        this.password = password;
        this.keepAliveSeconds = seconds("keepAlive", keepAlive, 0, 65_535);
        this.connectTimeoutSeconds = seconds("connectTimeout", connectTimeout, 1, 3_600);
    }

    public String serverUri() {
        return serverUri;
    }

    public int connectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    /** Paho options with these settings; the caller adds session and flow-control settings. */
    public MqttConnectionOptions toPahoOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(new String[] {serverUri});
        options.setKeepAliveInterval(keepAliveSeconds);
        options.setConnectionTimeout(connectTimeoutSeconds);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    private static String checkServerUri(String serverUri) {
        if (serverUri == null || serverUri.isBlank()) {
            throw new IllegalArgumentException("serverUri is required, e.g. tcp://localhost:1883");
        }
        try {
            URI uri = new URI(serverUri);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "serverUri must be tcp://, ssl://, ws:// or wss:// followed by a host, not '" + serverUri
                                + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("serverUri '" + serverUri + "' is not a URI: " + e.getMessage(), e);
        }
        return serverUri;
    }

    private static int seconds(String name, Duration value, long min, long max) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        long seconds = value.toSeconds();
        if (seconds < min || seconds > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " s and " + max + " s, not " + value);
        }
        return (int) seconds;
    }
}
