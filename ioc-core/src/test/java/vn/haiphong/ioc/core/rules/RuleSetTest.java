package vn.haiphong.ioc.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Severity;

class RuleSetTest {
    private final RuleSet rules = RuleSet.defaults();

    @Test
    void shipsTheDesignDefaults() {
        RuleDefinition congestion = rules.rule("traffic.congestion");
        assertThat(congestion.param("occupancyAtLeast")).isEqualTo(0.6);
        assertThat(congestion.raiseAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(congestion.clearAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rules.rule("port.wind.stop-work").param("gustAtLeast")).isEqualTo(20.0);
        assertThat(rules.rule("traffic.incident").severityFor("fire")).isEqualTo(Severity.critical);
        assertThat(rules.rule("traffic.incident").severityFor("unknown")).isEqualTo(Severity.high);
    }

    @Test
    void shipsThePortRulesWithTheirDefaults() {
        assertThat(rules.rule("port.reefer.deviation").param("deviationAbove")).isEqualTo(2.0);
        assertThat(rules.rule("port.reefer.deviation").raiseAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(rules.rule("port.reefer.power-off").raiseAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rules.rule("port.gate.queue").param("queueAtLeast")).isEqualTo(40.0);
        assertThat(rules.rule("port.gate.queue").param("waitAtLeast")).isEqualTo(45.0);
        assertThat(rules.rule("port.yard.occupancy").param("criticalAtLeast")).isEqualTo(95.0);
        assertThat(rules.rule("port.sensor.offline").raiseAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rules.rule("port.sensor.offline").watches("met")).isTrue();
        assertThat(rules.rule("port.sensor.offline").watches("berth")).isFalse();
        assertThat(rules.rule("port.crane.fault").watches("sts")).isTrue();
        for (String id : java.util.List.of(
                "port.reefer.deviation",
                "port.reefer.power-off",
                "port.gate.queue",
                "port.yard.occupancy",
                "port.tide.high-water",
                "port.crane.fault",
                "port.sensor.offline",
                "port.gate.container-number")) {
            RuleDefinition r = rules.rule(id);
            assertThat(r.domain()).as(id).isEqualTo("port");
            assertThat(r.title().vi()).as(id).isNotEqualTo(r.title().en());
            assertThat(r.description().vi()).as(id).isNotBlank();
        }
    }

    @Test
    void fillsTextTemplatesInBothLanguages() {
        var title = rules.rule("port.wind.warning")
                .title()
                .format(Map.of(
                        "asset_vi",
                        "Trạm 1",
                        "asset_en",
                        "Station 1",
                        "port_vi",
                        "Cảng Tân Vũ",
                        "port_en",
                        "Tan Vu port"));
        assertThat(title.vi()).isEqualTo("Cảnh báo gió mạnh: Trạm 1, Cảng Tân Vũ");
        assertThat(title.en()).isEqualTo("Wind warning: Station 1, Tan Vu port");
    }

    @Test
    void namesAMissingRuleOrParameter() {
        assertThatThrownBy(() -> rules.rule("nope")).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> rules.rule("report.ack-overdue").param("x")).hasMessageContaining("'x'");
    }
}
