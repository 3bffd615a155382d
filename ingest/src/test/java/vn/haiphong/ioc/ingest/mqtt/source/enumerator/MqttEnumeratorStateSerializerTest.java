package vn.haiphong.ioc.ingest.mqtt.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.ingest.mqtt.source.split.MqttSplit;

class MqttEnumeratorStateSerializerTest {
    private final MqttEnumeratorStateSerializer serializer = new MqttEnumeratorStateSerializer();

    @Test
    void roundTripsUnassignedSplits() throws IOException {
        MqttEnumeratorState state = new MqttEnumeratorState(List.of(
                new MqttSplit(0, "p-0", List.of("hp/v1/#"), "g"), new MqttSplit(5, "p-5", List.of("a/+"), null)));

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state)))
                .isEqualTo(state);
    }

    @Test
    void roundTripsAnEmptyState() throws IOException {
        MqttEnumeratorState state = new MqttEnumeratorState(List.of());

        assertThat(serializer.deserialize(1, serializer.serialize(state)).unassignedSplits())
                .isEmpty();
    }
}
