package vn.haiphong.ioc.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void argumentsWinOverEnvironmentWhichWinsOverDefaults() {
        Settings s = Settings.of(
                new String[] {"--http-port=9090"}, Map.of("IOC_HTTP_PORT", "7070", "IOC_MQTT", "tcp://b:1883"));
        assertThat(s.getInt("http-port", 8080)).isEqualTo(9090);
        assertThat(s.get("mqtt", "tcp://localhost:1883")).isEqualTo("tcp://b:1883");
        assertThat(s.getBoolean("local", false)).isFalse();
    }

    @Test
    void aBareFlagIsTrue() {
        assertThat(Settings.of(new String[] {"--local"}, Map.of()).getBoolean("local", false))
                .isTrue();
    }

    @Test
    void aBadValueNamesTheOption() {
        Settings s = Settings.of(new String[] {"--rate=fast"}, Map.of());
        assertThatThrownBy(() -> s.getInt("rate", 1))
                .hasMessageContaining("--rate")
                .hasMessageContaining("fast");
        assertThatThrownBy(() -> Settings.of(new String[] {"rate=1"}, Map.of())).hasMessageContaining("--key=value");
    }
}
