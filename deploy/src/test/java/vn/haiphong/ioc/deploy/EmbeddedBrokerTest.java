package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One broker for the class (HiveMQ takes about 5 s to stop): each test uses its own client ids and topic root, since
 * retained messages and persistent sessions outlive a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Path dir;
    private EmbeddedBroker broker;

    @BeforeAll
    void startBroker(@TempDir Path dir) {
        this.dir = dir;
        broker = new EmbeddedBroker("127.0.0.1", 0, dir.resolve("broker")).start();
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void writesItsConfigurationUnderTheDataDirectoryAndListensOnTheChosenPort() throws Exception {
        assertThat(broker.port()).isPositive();
        assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
        String config = Files.readString(dir.resolve("broker/conf/config.xml"));
        assertThat(config)
                .contains("<port>" + broker.port() + "</port>")
                .contains("<bind-address>127.0.0.1</bind-address>")
                .contains("<shared-subscriptions>\n            <enabled>true</enabled>")
                .contains("<mode>file</mode>");
        assertThat(dir.resolve("broker/data")).isDirectory();
    }

    @Test
    void deliversAQos1Publish() throws Exception {
        try (MqttTestClient subscriber = MqttTestClient.connect(broker.uri(), "qos1-sub");
                MqttTestClient publisher = MqttTestClient.connect(broker.uri(), "qos1-pub")) {
            subscriber.subscribe("hp/v1/cam/+/tlm", 1);
            publisher.publish("hp/v1/cam/cam-001/tlm", "{\"id\":\"m1\"}", 1, false);

            MqttTestClient.Received message = subscriber.next(WAIT);
            assertThat(message).isNotNull();
            assertThat(message.topic()).isEqualTo("hp/v1/cam/cam-001/tlm");
            assertThat(message.payload()).isEqualTo("{\"id\":\"m1\"}");
            assertThat(message.qos()).isEqualTo(1);
        }
    }

    @Test
    void keepsARetainedMessageForLaterSubscribers() throws Exception {
        try (MqttTestClient publisher = MqttTestClient.connect(broker.uri(), "camera")) {
            publisher.publish("hp/v1/cam/cam-002/state", "{\"status\":\"online\"}", 1, true);
        }
        try (MqttTestClient late = MqttTestClient.connect(broker.uri(), "late")) {
            late.subscribe("hp/v1/cam/+/state", 1);
            MqttTestClient.Received message = late.next(WAIT);
            assertThat(message).isNotNull();
            assertThat(message.retained()).isTrue();
            assertThat(message.payload()).isEqualTo("{\"status\":\"online\"}");
        }
    }

    @Test
    void splitsASharedSubscriptionBetweenItsMembers() throws Exception {
        int count = 40;
        try (MqttTestClient a = MqttTestClient.connect(broker.uri(), "member-a");
                MqttTestClient b = MqttTestClient.connect(broker.uri(), "member-b");
                MqttTestClient publisher = MqttTestClient.connect(broker.uri(), "shared-pub")) {
            a.subscribe("$share/g/t/#", 1);
            b.subscribe("$share/g/t/#", 1);
            // One at a time: HiveMQ hands a shared backlog to one member as a single batch, while each message
            // that arrives alone goes to a member picked at random.
            for (int i = 0; i < count; i++) {
                publisher.publish("t/" + (i % 4), "m" + i, 1, false);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (a.all().size() + b.all().size() <= i && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
            }
            // Any late duplicate would show up here.
            Thread.sleep(300);

            List<MqttTestClient.Received> toA = a.all();
            List<MqttTestClient.Received> toB = b.all();
            assertThat(toA).isNotEmpty();
            assertThat(toB).isNotEmpty();
            assertThat(toA.size() + toB.size()).isEqualTo(count);
            Set<String> payloads = new HashSet<>();
            toA.forEach(m -> payloads.add(m.payload()));
            toB.forEach(m -> payloads.add(m.payload()));
            assertThat(payloads).hasSize(count);
            assertThat(toA).allSatisfy(m -> assertThat(m.topic()).startsWith("t/"));
        }
    }

    /**
     * What a source that acknowledges only after a checkpoint sees. HiveMQ sends a client its queued messages in one
     * batch of up to min(client receive maximum, broker window) messages, and sends nothing more until every message of
     * that batch is acknowledged. The broker's own window is 50; the embedded broker raises it, so the whole backlog
     * comes in one batch here.
     */
    @Test
    void sendsAQueuedBacklogFarLargerThanFiftyAsOneUnacknowledgedBatch() throws Exception {
        int backlog = 500;
        MqttConnectionOptions source = new MqttConnectionOptions();
        source.setCleanStart(false);
        source.setSessionExpiryInterval(600L);
        source.setReceiveMaximum(10_000);
        try (MqttTestClient job = MqttTestClient.connect(broker.uri(), "checkpointing-source", source, true)) {
            job.subscribe("backlog/#", 1);
            job.disconnect();
        }
        try (MqttTestClient publisher = MqttTestClient.connect(broker.uri(), "backlog-pub")) {
            for (int i = 0; i < backlog; i++) {
                publisher.publish("backlog/cam-003/tlm", "m" + i, 1, false);
            }

            try (MqttTestClient job = MqttTestClient.connect(broker.uri(), "checkpointing-source", source, true)) {
                awaitCount(job, backlog);
                assertThat(job.all())
                        .extracting(MqttTestClient.Received::payload)
                        .startsWith("m0", "m1", "m2");

                // While the batch is unacknowledged, new messages wait in the broker's queue ...
                publisher.publish("backlog/cam-003/tlm", "after-checkpoint", 1, false);
                Thread.sleep(1000);
                assertThat(job.all()).hasSize(backlog);

                // ... and come once the "checkpoint" has acknowledged the whole batch, in receive order.
                for (MqttTestClient.Received m : job.all()) {
                    job.ack(m);
                }
                awaitCount(job, backlog + 1);
                assertThat(job.all().get(backlog).payload()).isEqualTo("after-checkpoint");
            }
        }
    }

    private static void awaitCount(MqttTestClient client, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.all().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.all()).hasSize(count);
    }

    @Test
    void keepsAPersistentSessionAndItsQueuedMessagesAcrossARestart() throws Exception {
        MqttConnectionOptions persistent = new MqttConnectionOptions();
        persistent.setCleanStart(false);
        persistent.setSessionExpiryInterval(3600L);
        try (MqttTestClient job = MqttTestClient.connect(broker.uri(), "ioc-job", persistent, false)) {
            job.subscribe("hp/v1/port/#", 1);
            job.disconnect();
        }
        try (MqttTestClient device = MqttTestClient.connect(broker.uri(), "met-01")) {
            device.publish("hp/v1/port/tan-vu/met/met-01/tlm", "{\"gustSpeed\":21.5}", 1, false);
        }

        broker.stop();
        broker.start();

        try (MqttTestClient job = MqttTestClient.connect(broker.uri(), "ioc-job", persistent, false)) {
            MqttTestClient.Received queued = job.next(WAIT);
            assertThat(queued).isNotNull();
            assertThat(queued.topic()).isEqualTo("hp/v1/port/tan-vu/met/met-01/tlm");
            assertThat(queued.payload()).isEqualTo("{\"gustSpeed\":21.5}");
        }
    }
}
