package vn.haiphong.ioc.ingest.mqtt.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import vn.haiphong.ioc.ingest.mqtt.MqttConnectionSettings;
import vn.haiphong.ioc.ingest.mqtt.MqttNames;

/**
 * Builds an {@link MqttSource}; {@link #build()} checks every input and says what is wrong.
 *
 * <pre>{@code
 * MqttSource source = MqttSource.builder()
 *         .serverUri("tcp://broker:1883")
 *         .clientIdPrefix("ioc-ingest")
 *         .topicFilters("hp/v1/#")
 *         .sharedSubscriptionGroup("ioc-ingest")
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class MqttSourceBuilder {

    /**
     * MQTT 5 receive maximum asked of the broker per session: unacknowledged messages it may send. The protocol's
     * largest, since acknowledgements wait for a checkpoint: a session carries at most this many per interval.
     */
    public static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(1);

    /** Records one reader buffers; with ~300-byte messages about 3 MB. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** MQTT 5's largest session expiry interval (0xFFFFFFFF seconds: the session never expires). */
    private static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFF_FFFFL;

    private String serverUri;
    private String clientIdPrefix;
    private List<String> topicFilters = List.of();
    private String sharedGroup;
    private Integer splits;
    private int receiveMaximum = DEFAULT_RECEIVE_MAXIMUM;
    private Duration sessionExpiry = DEFAULT_SESSION_EXPIRY;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private Duration keepAlive = DEFAULT_KEEP_ALIVE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private String username;
    private String password;

    MqttSourceBuilder() {}

    /** The broker, e.g. {@code tcp://localhost:1883} or {@code ssl://broker:8883}. Required. */
    public MqttSourceBuilder serverUri(String serverUri) {
        this.serverUri = serverUri;
        return this;
    }

    /** Client ids are {@code {prefix}-{n}}; keep it stable: it names the broker sessions that hold the backlog. */
    public MqttSourceBuilder clientIdPrefix(String clientIdPrefix) {
        this.clientIdPrefix = clientIdPrefix;
        return this;
    }

    /** Plain MQTT topic filters, e.g. {@code hp/v1/#}. At least one. */
    public MqttSourceBuilder topicFilters(String... topicFilters) {
        this.topicFilters = topicFilters == null ? List.of() : new ArrayList<>(List.of(topicFilters));
        return this;
    }

    /**
     * Subscribe through the MQTT 5 shared subscription {@code $share/{group}/{filter}} so that the broker spreads
     * messages over the parallel sessions; null (the default) subscribes to the plain filters with one session.
     */
    public MqttSourceBuilder sharedSubscriptionGroup(String group) {
        this.sharedGroup = group;
        return this;
    }

    /**
     * Number of MQTT sessions. Default: one per parallel reader with a shared group, fixed when the job first
     * starts; 1 without a group (each plain session would receive every message).
     */
    public MqttSourceBuilder splits(int splits) {
        this.splits = splits;
        return this;
    }

    /** Unacknowledged QoS 1 messages the broker may send one session (1..65535). Default 10,000. */
    public MqttSourceBuilder receiveMaximum(int receiveMaximum) {
        this.receiveMaximum = receiveMaximum;
        return this;
    }

    /** How long the broker keeps a disconnected session and its messages. Default 1 day. */
    public MqttSourceBuilder sessionExpiry(Duration sessionExpiry) {
        this.sessionExpiry = sessionExpiry;
        return this;
    }

    /** Records a reader buffers before the MQTT client threads block. Default 10,000. */
    public MqttSourceBuilder queueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
        return this;
    }

    public MqttSourceBuilder keepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
        return this;
    }

    public MqttSourceBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    /** Username and password for brokers that require them; password may be null. */
    public MqttSourceBuilder credentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public MqttSource build() {
        MqttConnectionSettings connection =
                new MqttConnectionSettings(serverUri, username, password, keepAlive, connectTimeout);
        MqttNames.checkClientIdPrefix(clientIdPrefix);
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("topicFilters needs at least one filter, e.g. \"hp/v1/#\"");
        }
        for (String filter : topicFilters) {
            MqttNames.checkTopicFilter(filter);
        }
        if (new LinkedHashSet<>(topicFilters).size() != topicFilters.size()) {
            throw new IllegalArgumentException("topicFilters lists a filter twice: " + topicFilters);
        }
        if (sharedGroup != null) {
            MqttNames.checkShareName(sharedGroup);
        }
        int splitCount;
        if (splits == null) {
            splitCount = sharedGroup == null ? 1 : 0;
        } else if (splits < 1) {
            throw new IllegalArgumentException("splits must be at least 1, not " + splits);
        } else if (splits > 1 && sharedGroup == null) {
            throw new IllegalArgumentException("splits(" + splits + ") without a sharedSubscriptionGroup would "
                    + "deliver every message " + splits + " times: set a group or use one split");
        } else {
            splitCount = splits;
        }
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be within 1..65535, not " + receiveMaximum);
        }
        if (sessionExpiry == null || sessionExpiry.toSeconds() < 1) {
            throw new IllegalArgumentException("sessionExpiry must be at least 1 second, not " + sessionExpiry
                    + ": with 0 the broker drops the session, and every unacknowledged message, on disconnect");
        }
        if (sessionExpiry.toSeconds() > MAX_SESSION_EXPIRY_SECONDS) {
            throw new IllegalArgumentException(
                    "sessionExpiry must be at most " + MAX_SESSION_EXPIRY_SECONDS + " s, not " + sessionExpiry);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, not " + queueCapacity);
        }
        return new MqttSource(new MqttSourceOptions(
                connection,
                clientIdPrefix,
                topicFilters,
                sharedGroup,
                splitCount,
                receiveMaximum,
                sessionExpiry.toSeconds(),
                queueCapacity));
    }
}
