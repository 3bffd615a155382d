package vn.haiphong.ioc.ingest.mqtt.sink;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import vn.haiphong.ioc.ingest.mqtt.MqttConnectionSettings;

/** The validated settings of an {@link MqttSink}; built by {@link MqttSinkBuilder}. */
@Internal
public final class MqttSinkOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final MqttConnectionSettings connection;
    private final String clientIdPrefix;
    private final int maxInFlight;
    private final long publishTimeoutMillis;

    MqttSinkOptions(
            MqttConnectionSettings connection, String clientIdPrefix, int maxInFlight, long publishTimeoutMillis) {
        this.connection = connection;
        this.clientIdPrefix = clientIdPrefix;
        this.maxInFlight = maxInFlight;
        this.publishTimeoutMillis = publishTimeoutMillis;
    }

    public MqttConnectionSettings connection() {
        return connection;
    }

    public String clientIdPrefix() {
        return clientIdPrefix;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public long publishTimeoutMillis() {
        return publishTimeoutMillis;
    }

    /**
     * A clean session that expires on disconnect: the sink's guarantee comes from flushing on checkpoints, and a
     * writer that lost its connection fails rather than reconnects, so that the job restarts and replays.
     */
    MqttConnectionOptions toPahoOptions() {
        MqttConnectionOptions options = connection.toPahoOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(false);
        return options;
    }
}
