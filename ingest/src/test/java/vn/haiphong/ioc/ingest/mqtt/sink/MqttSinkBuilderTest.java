package vn.haiphong.ioc.ingest.mqtt.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MqttSinkBuilderTest {

    private static MqttSinkBuilder valid() {
        return MqttSink.builder().serverUri("tcp://localhost:1883").clientIdPrefix("ioc-alerts");
    }

    @Test
    void buildsWithACleanSessionPerWriter() {
        assertThat(valid().build()).isNotNull();
        MqttSinkOptions options = new MqttSinkBuilder()
                .serverUri("tcp://localhost:1883")
                .clientIdPrefix("x")
                .build()
                .options();
        assertThat(options.maxInFlight()).isEqualTo(1_000);
        assertThat(options.toPahoOptions().isCleanStart()).isTrue();
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> valid().serverUri("localhost").build()).hasMessageContaining("tcp://");
        assertThatThrownBy(() -> valid().clientIdPrefix(null).build()).hasMessageContaining("clientIdPrefix");
        assertThatThrownBy(() -> valid().maxInFlight(0).build()).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> valid().publishTimeout(Duration.ZERO).build()).hasMessageContaining("publishTimeout");
    }
}
