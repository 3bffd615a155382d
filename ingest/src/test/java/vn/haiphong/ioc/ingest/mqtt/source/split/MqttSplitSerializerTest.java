package vn.haiphong.ioc.ingest.mqtt.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttSplitSerializerTest {
    private final MqttSplitSerializer serializer = new MqttSplitSerializer();

    @Test
    void roundTripsASharedSubscriptionSplit() throws IOException {
        MqttSplit split = new MqttSplit(3, "ioc-ingest-3", List.of("hp/v1/#", "hp/v1/cảng/+/tlm"), "ioc-ingest");

        MqttSplit copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(split));

        assertThat(copy).isEqualTo(split);
        assertThat(copy.splitId()).isEqualTo("mqtt-3");
        assertThat(copy.subscriptions())
                .containsExactly("$share/ioc-ingest/hp/v1/#", "$share/ioc-ingest/hp/v1/cảng/+/tlm");
    }

    @Test
    void roundTripsAPlainSplit() throws IOException {
        MqttSplit split = new MqttSplit(0, "ioc-0", List.of("hp/v1/report/new"), null);

        MqttSplit copy = serializer.deserialize(1, serializer.serialize(split));

        assertThat(copy).isEqualTo(split);
        assertThat(copy.sharedGroup()).isNull();
        assertThat(copy.subscriptions()).containsExactly("hp/v1/report/new");
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertThatThrownBy(() -> serializer.deserialize(2, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }
}
