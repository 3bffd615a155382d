package vn.haiphong.ioc.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.wire.Timestamps;

class RuleSetMessageTest {
    private final RuleSet defaults = RuleSet.defaults();

    @Test
    void roundTripsTheShippedRulesWithWhoChangedThemAndWhy() {
        long at = Timestamps.parse("2026-11-30T14:05:00+07:00");
        RuleSetMessage sent = new RuleSetMessage(3, at, "op-lan", "festival traffic", defaults);

        String json = new String(sent.encode(), StandardCharsets.UTF_8);
        RuleSetMessage read = RuleSetMessage.decode(sent.encode());

        assertThat(json).contains("\"changedAt\":\"2026-11-30T14:05:00+07:00\"").contains("\"raiseAfter\":\"PT10M\"");
        assertThat(read.version()).isEqualTo(3);
        assertThat(read.changedAt()).isEqualTo(at);
        assertThat(read.changedBy()).isEqualTo("op-lan");
        assertThat(read.reason()).isEqualTo("festival traffic");
        assertThat(read.ruleSet()).isEqualTo(defaults);
        assertThat(RuleSetMessage.problems(read.ruleSet(), defaults)).isEmpty();
    }

    @Test
    void namesWhatIsMissingFromAReplacement() {
        Map<String, RuleDefinition> rules = new HashMap<>(defaults.rules());
        rules.remove("port.gate.queue");
        RuleDefinition c = rules.get("traffic.congestion");
        rules.put(
                "traffic.congestion",
                new RuleDefinition(
                        c.domain(),
                        c.category(),
                        c.subCategory(),
                        c.severity(),
                        c.severityBy(),
                        Map.of("occupancyAtLeast", 0.4),
                        Duration.ofMinutes(-1),
                        c.clearAfter(),
                        c.title(),
                        c.description(),
                        c.assetTypes()));

        assertThat(RuleSetMessage.problems(new RuleSet(rules, defaults.labels()), defaults))
                .containsExactlyInAnyOrder(
                        "rule 'port.gate.queue' is missing",
                        "rule 'traffic.congestion' lacks its parameter 'speedAtMost'",
                        "rule 'traffic.congestion' has a negative duration");
    }

    @Test
    void refusesWhatIsNotARuleSetWithAReason() {
        assertThatThrownBy(() -> RuleSetMessage.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> RuleSetMessage.decode("{\"version\":1,\"rules\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RuleSetMessage.decode(
                        "{\"version\":\"two\",\"rules\":{},\"labels\":{}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> RuleSetMessage.decode(new byte[RuleSetMessage.MAX_BYTES + 1]))
                .hasMessageContaining("at most");
    }
}
