package vn.haiphong.ioc.simulators.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.haiphong.ioc.core.alert.Kpi;
import vn.haiphong.ioc.core.wire.OutboundCodec;

/**
 * What the job says it has accounted for: the running totals it publishes (retained) as the {@code events-accepted}
 * and {@code events-dead-lettered} KPIs per feed, read over MQTT like any other subscriber would.
 */
final class JobCounts implements MqttCallback, AutoCloseable {
    static final String TOPICS = "ioc/v1/kpi/+/feed/+";

    private final MqttAsyncClient client;
    private final Map<String, Long> totals = new ConcurrentHashMap<>();
    private volatile long updatedNanos = System.nanoTime();

    JobCounts(String uri) throws MqttException {
        client = new MqttAsyncClient(
                uri, "ioc-bench-counts-" + ProcessHandle.current().pid(), new MemoryPersistence());
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(15));
        client.subscribe(TOPICS, 0).waitForCompletion(TimeUnit.SECONDS.toMillis(15));
    }

    /** Messages accepted plus dead-lettered, over every feed, as of the latest KPI. */
    long accounted() {
        long sum = 0;
        for (long v : totals.values()) {
            sum += v;
        }
        return sum;
    }

    long updatedNanos() {
        return updatedNanos;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Kpi kpi;
        try {
            kpi = OutboundCodec.decodeKpi(message.getPayload());
        } catch (java.io.IOException | RuntimeException e) {
            return; // not a count: another KPI with a feed scope would be, so skip what does not parse
        }
        if (kpi.kpi().equals("events-accepted") || kpi.kpi().equals("events-dead-lettered")) {
            // Totals only grow; a retained copy or a late duplicate must not move one back.
            totals.merge(kpi.kpi() + "/" + kpi.scopeId(), (long) kpi.value(), Math::max);
            updatedNanos = System.nanoTime();
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        } catch (MqttException e) {
            // The benchmark is over; nothing to keep.
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        if (reconnect) {
            try {
                client.subscribe(TOPICS, 0);
            } catch (MqttException e) {
                // The next reconnect tries again.
            }
        }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
