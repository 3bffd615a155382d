package vn.haiphong.ioc.ingest.mqtt.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

class MqttSourceBuilderTest {

    private static MqttSourceBuilder valid() {
        return MqttSource.builder()
                .serverUri("tcp://localhost:1883")
                .clientIdPrefix("ioc-ingest")
                .topicFilters("hp/v1/#")
                .sharedSubscriptionGroup("ioc-ingest");
    }

    @Test
    void buildsAnUnboundedSourceWithTheDocumentedDefaults() {
        MqttSource source = valid().build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        MqttSourceOptions options = source.options();
        assertThat(options.receiveMaximum()).isEqualTo(65_535);
        assertThat(options.sessionExpirySeconds()).isEqualTo(Duration.ofDays(1).toSeconds());
        assertThat(options.queueCapacity()).isEqualTo(10_000);
        assertThat(options.splits()).as("one session per reader").isZero();
        assertThat(options.toPahoOptions().isCleanStart()).isFalse();
        assertThat(options.toPahoOptions().getReceiveMaximum()).isEqualTo(65_535);
    }

    @Test
    void defaultSplitsFollowTheParallelismWithAGroup() {
        assertThat(valid().build().options().createSplits(3))
                .extracting(MqttSplit::clientId)
                .containsExactly("ioc-ingest-0", "ioc-ingest-1", "ioc-ingest-2");
        assertThat(valid().splits(5).build().options().createSplits(2)).hasSize(5);
    }

    @Test
    void withoutAGroupThereIsOneSessionWhateverTheParallelism() {
        MqttSource source = valid().sharedSubscriptionGroup(null).build();

        assertThat(source.options().createSplits(4))
                .singleElement()
                .satisfies(split -> assertThat(split.subscriptions()).containsExactly("hp/v1/#"));
    }

    @Test
    void rejectsSeveralPlainSessionsBecauseEachWouldGetEveryMessage() {
        assertThatThrownBy(() -> valid().sharedSubscriptionGroup(null).splits(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every message 2 times");
    }

    @Test
    void explainsWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> valid().serverUri(null).build()).hasMessageContaining("serverUri is required");
        assertThatThrownBy(() -> valid().serverUri("http://x:80").build()).hasMessageContaining("tcp://");
        assertThatThrownBy(() -> valid().clientIdPrefix(" ").build()).hasMessageContaining("clientIdPrefix");
        assertThatThrownBy(() -> valid().topicFilters().build()).hasMessageContaining("at least one filter");
        assertThatThrownBy(() -> valid().topicFilters("hp/#/x").build()).hasMessageContaining("'#'");
        assertThatThrownBy(() -> valid().topicFilters("hp/v1+").build()).hasMessageContaining("'+'");
        assertThatThrownBy(() -> valid().topicFilters("$share/g/hp/#").build())
                .hasMessageContaining("sharedSubscriptionGroup");
        assertThatThrownBy(() -> valid().sharedSubscriptionGroup("a/b").build()).hasMessageContaining("'/'");
        assertThatThrownBy(() -> valid().splits(0).build()).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> valid().receiveMaximum(70_000).build()).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> valid().sessionExpiry(Duration.ZERO).build())
                .hasMessageContaining("unacknowledged message");
        assertThatThrownBy(() -> valid().queueCapacity(0).build()).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> valid().credentials(null, "secret").build()).hasMessageContaining("username");
    }
}
