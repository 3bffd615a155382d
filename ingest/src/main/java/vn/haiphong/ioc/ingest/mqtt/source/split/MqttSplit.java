package vn.haiphong.ioc.ingest.mqtt.source.split;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One MQTT client session of the source: a client id, the topic filters it subscribes to and, optionally, the
 * shared-subscription group. Immutable.
 *
 * <p>The read position lives in the broker (the persistent session and its unacknowledged messages), not here:
 * restoring a split means reconnecting with the same client id, so the split has no mutable state.
 */
@PublicEvolving
public final class MqttSplit implements SourceSplit, Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String clientId;
    private final List<String> topicFilters;
    private final String sharedGroup;

    /**
     * @param index position of this session among the source's sessions (0-based); decides the reader it goes to
     * @param clientId the MQTT client id; the same id across restarts resumes the broker's session
     * @param topicFilters plain topic filters, at least one
     * @param sharedGroup share name of an MQTT 5 shared subscription, or null for plain subscriptions
     */
    public MqttSplit(int index, String clientId, List<String> topicFilters, String sharedGroup) {
        if (index < 0) {
            throw new IllegalArgumentException("split index must not be negative: " + index);
        }
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("split needs a client id");
        }
        if (topicFilters == null || topicFilters.isEmpty()) {
            throw new IllegalArgumentException("split needs at least one topic filter");
        }
        this.index = index;
        this.clientId = clientId;
        this.topicFilters = List.copyOf(topicFilters);
        this.sharedGroup = sharedGroup;
    }

    @Override
    public String splitId() {
        return "mqtt-" + index;
    }

    public int index() {
        return index;
    }

    public String clientId() {
        return clientId;
    }

    public List<String> topicFilters() {
        return topicFilters;
    }

    /** The share name, or null for plain subscriptions. */
    public String sharedGroup() {
        return sharedGroup;
    }

    /** What this session subscribes to: {@code $share/{group}/{filter}} with a group, else the filters. */
    public List<String> subscriptions() {
        if (sharedGroup == null) {
            return topicFilters;
        }
        List<String> shared = new ArrayList<>(topicFilters.size());
        for (String filter : topicFilters) {
            shared.add("$share/" + sharedGroup + "/" + filter);
        }
        return shared;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MqttSplit)) {
            return false;
        }
        MqttSplit that = (MqttSplit) o;
        return index == that.index
                && clientId.equals(that.clientId)
                && topicFilters.equals(that.topicFilters)
                && Objects.equals(sharedGroup, that.sharedGroup);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, clientId, topicFilters, sharedGroup);
    }

    @Override
    public String toString() {
        return "MqttSplit{" + splitId() + ", clientId='" + clientId + "', subscriptions=" + subscriptions() + '}';
    }
}
