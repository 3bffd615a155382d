package vn.haiphong.ioc.ingest.mqtt.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import vn.haiphong.ioc.ingest.mqtt.MqttConnectionSettings;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

/** The validated settings of an {@link MqttSource}; built by {@link MqttSourceBuilder}. */
@Internal
public final class MqttSourceOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final MqttConnectionSettings connection;
    private final String clientIdPrefix;
    private final List<String> topicFilters;
    private final String sharedGroup;
    private final int splits;
    private final int receiveMaximum;
    private final long sessionExpirySeconds;
    private final int queueCapacity;

    MqttSourceOptions(
            MqttConnectionSettings connection,
            String clientIdPrefix,
            List<String> topicFilters,
            String sharedGroup,
            int splits,
            int receiveMaximum,
            long sessionExpirySeconds,
            int queueCapacity) {
        this.connection = connection;
        this.clientIdPrefix = clientIdPrefix;
        this.topicFilters = List.copyOf(topicFilters);
        this.sharedGroup = sharedGroup;
        this.splits = splits;
        this.receiveMaximum = receiveMaximum;
        this.sessionExpirySeconds = sessionExpirySeconds;
        this.queueCapacity = queueCapacity;
    }

    public MqttConnectionSettings connection() {
        return connection;
    }

    public String clientIdPrefix() {
        return clientIdPrefix;
    }

    public List<String> topicFilters() {
        return topicFilters;
    }

    public String sharedGroup() {
        return sharedGroup;
    }

    /** Number of sessions; 0 means one per parallel reader, fixed when the job first starts. */
    public int splits() {
        return splits;
    }

    public int receiveMaximum() {
        return receiveMaximum;
    }

    public long sessionExpirySeconds() {
        return sessionExpirySeconds;
    }

    /** Records one reader buffers between the MQTT client threads and Flink. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** The sessions of a job that starts without state: client ids {@code {prefix}-0 .. {prefix}-(n-1)}. */
    public List<MqttSplit> createSplits(int parallelism) {
        int n = splits > 0 ? splits : Math.max(1, parallelism);
        List<MqttSplit> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new MqttSplit(i, clientIdPrefix + "-" + i, topicFilters, sharedGroup));
        }
        return result;
    }

    /**
     * Paho options of a source session: a persistent session (clean start off, the configured expiry) so that the
     * broker keeps unacknowledged messages across restarts, and the receive maximum that bounds them. Reconnects
     * are done by the reader, which needs CONNACK's session-present flag that Paho's own reconnect hides.
     */
    public MqttConnectionOptions toPahoOptions() {
        MqttConnectionOptions options = connection.toPahoOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(sessionExpirySeconds);
        options.setReceiveMaximum(receiveMaximum);
        options.setAutomaticReconnect(false);
        return options;
    }
}
