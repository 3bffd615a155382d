package vn.haiphong.ioc.ingest.mqtt.sink;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import vn.haiphong.ioc.ingest.mqtt.MqttConnectionSettings;
import vn.haiphong.ioc.ingest.mqtt.MqttNames;

/**
 * Builds an {@link MqttSink}; {@link #build()} checks every input and says what is wrong.
 *
 * <pre>{@code
 * MqttSink sink = MqttSink.builder()
 *         .serverUri("tcp://broker:1883")
 *         .clientIdPrefix("ioc-alerts")
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class MqttSinkBuilder {

    /** Publishes awaiting the broker's acknowledgement per writer; also capped by the broker's receive maximum. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1_000;

    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private String serverUri;
    private String clientIdPrefix;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private Duration publishTimeout = DEFAULT_PUBLISH_TIMEOUT;
    private Duration keepAlive = DEFAULT_KEEP_ALIVE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private String username;
    private String password;

    MqttSinkBuilder() {}

    /** The broker, e.g. {@code tcp://localhost:1883}. Required. */
    public MqttSinkBuilder serverUri(String serverUri) {
        this.serverUri = serverUri;
        return this;
    }

    /** Each writer connects as {@code {prefix}-{subtask index}}. Required. */
    public MqttSinkBuilder clientIdPrefix(String clientIdPrefix) {
        this.clientIdPrefix = clientIdPrefix;
        return this;
    }

    /** Unacknowledged publishes per writer before {@code write} blocks (1..65535). Default 1,000. */
    public MqttSinkBuilder maxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        return this;
    }

    /** How long a write or a flush waits for acknowledgements before the writer fails. Default 60 s. */
    public MqttSinkBuilder publishTimeout(Duration publishTimeout) {
        this.publishTimeout = publishTimeout;
        return this;
    }

    public MqttSinkBuilder keepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
        return this;
    }

    public MqttSinkBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    /** Username and password for brokers that require them; password may be null. */
    public MqttSinkBuilder credentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public MqttSink build() {
        MqttConnectionSettings connection =
                new MqttConnectionSettings(serverUri, username, password, keepAlive, connectTimeout);
        MqttNames.checkClientIdPrefix(clientIdPrefix);
        if (maxInFlight < 1 || maxInFlight > 65_535) {
            throw new IllegalArgumentException("maxInFlight must be within 1..65535, not " + maxInFlight);
        }
        if (publishTimeout == null || publishTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("publishTimeout must be positive, not " + publishTimeout);
        }
        return new MqttSink(new MqttSinkOptions(connection, clientIdPrefix, maxInFlight, publishTimeout.toMillis()));
    }
}
