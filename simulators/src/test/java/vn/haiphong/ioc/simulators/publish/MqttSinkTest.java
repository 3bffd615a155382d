package vn.haiphong.ioc.simulators.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MqttSinkTest {
    @Test
    void oneConnectionWhenTheBrokerAllowsAWideWindow() {
        assertThat(MqttSink.connectionsFor(200, 1000)).isEqualTo(1);
        assertThat(MqttSink.connectionsFor(40_000, 1000)).isEqualTo(1);
    }

    @Test
    void moreConnectionsWhenTheBrokerKeepsTheWindowSmall() {
        // Mosquitto's default max_inflight_messages is 20: about 20,000 messages a second per connection.
        assertThat(MqttSink.connectionsFor(200, 20)).isEqualTo(1);
        assertThat(MqttSink.connectionsFor(60_000, 20)).isEqualTo(3);
        assertThat(MqttSink.connectionsFor(10_000_000, 20)).isEqualTo(MqttSink.MAX_AUTOMATIC_CONNECTIONS);
    }

    @Test
    void namesEachConnectionAfterTheClientId() {
        MqttOptions o = new MqttOptions("tcp://localhost:1883", "sim", null, null, 0, 100, 200);
        assertThat(o.clientId(0)).isEqualTo("sim");
        assertThat(o.clientId(2)).isEqualTo("sim-3");
        assertThatThrownBy(() -> new MqttOptions("tcp://localhost:1883", "sim", null, null, 0, 0, 200))
                .hasMessageContaining("in-flight window");
    }
}
