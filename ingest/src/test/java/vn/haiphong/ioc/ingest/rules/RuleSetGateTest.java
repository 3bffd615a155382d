package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.DeadLetter;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.rules.RuleSet;
import vn.haiphong.ioc.core.rules.RuleSetMessage;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.Topics;
import vn.haiphong.ioc.ingest.mqtt.MqttRecord;

class RuleSetGateTest {
    private static final RuleSet V1 = RuleSet.defaults();
    private KeyedOneInputStreamOperatorTestHarness<String, MqttRecord, RuleUpdate> h;

    @BeforeEach
    void open() throws Exception {
        h = harness();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MqttRecord, RuleUpdate> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RuleSetGate(V1), r -> RuleSetGate.KEY, Types.STRING);
    }

    private void publish(byte[] payload) throws Exception {
        h.processElement(new MqttRecord(Topics.RULES, payload, 1L), 1L);
    }

    private static byte[] message(long version, RuleSet rules) {
        return new RuleSetMessage(version, TestRules.CHANGED_AT, "ops", "rush hour", rules).encode();
    }

    @Test
    void aGoodNewerRuleSetIsAcceptedWithItsVersion() throws Exception {
        publish(message(2, TestRules.withParam(V1, CongestionRule.ID, "occupancyAtLeast", 0.3)));
        assertThat(h.extractOutputValues()).singleElement().satisfies(u -> {
            assertThat(u.version).isEqualTo(2);
            assertThat(u.decode().ruleSet().rule(CongestionRule.ID).param("occupancyAtLeast"))
                    .isEqualTo(0.3);
            assertThat(u.decode().changedBy()).isEqualTo("ops");
        });
    }

    @Test
    void aRuleSetThatCannotBeUsedIsDeadLetteredWithItsReasonAndTheOldOneStays() throws Exception {
        publish("{not json".getBytes(StandardCharsets.UTF_8));
        Map<String, RuleDefinition> missing = new LinkedHashMap<>(V1.rules());
        missing.remove(CongestionRule.ID);
        publish(message(3, new RuleSet(missing, V1.labels())));
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.getSideOutput(RuleSetGate.REFUSED)).hasSize(2);
        DeadLetter second = h.getSideOutput(RuleSetGate.REFUSED).stream()
                .skip(1)
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(second.feed()).isEqualTo(Feed.config);
        assertThat(second.deadLetterTopic()).isEqualTo("ioc/v1/deadletter/config");
        assertThat(second.reason()).contains("rule 'traffic.congestion' is missing");
        // The next good one is measured against the rules still in force (version 0).
        publish(message(3, V1));
        assertThat(h.extractOutputValues()).singleElement().satisfies(u -> assertThat(u.version)
                .isEqualTo(3));
    }

    @Test
    void anOlderVersionIsRefusedAndTheSameOneIgnoredQuietly() throws Exception {
        publish(message(5, V1));
        publish(message(5, V1)); // the retained copy again
        publish(message(4, V1));
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.getSideOutput(RuleSetGate.REFUSED))
                .singleElement()
                .satisfies(r -> assertThat(r.getValue().reason()).contains("older than version 5"));
    }

    @Test
    void aSecondChangeNumberedLikeTheOneInForceIsRefusedNotIgnored() throws Exception {
        publish(message(2, TestRules.withParam(V1, CongestionRule.ID, "occupancyAtLeast", 0.3)));
        publish(message(2, TestRules.withParam(V1, CongestionRule.ID, "occupancyAtLeast", 0.5)));
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.getSideOutput(RuleSetGate.REFUSED)).singleElement().satisfies(r -> assertThat(
                        r.getValue().reason())
                .contains("version 2 is in force with other rules; a change needs version 3"));
    }

    @Test
    void aRuleSetThatWouldBreakTheJobOrChangeAStartUpRuleIsRefusedWithAReason() throws Exception {
        publish("{\"version\":2,\"rules\":{\"x\":null},\"labels\":{}}".getBytes(StandardCharsets.UTF_8));
        Map<String, RuleDefinition> noText = new LinkedHashMap<>(V1.rules());
        RuleDefinition c = noText.get(CongestionRule.ID);
        noText.put(
                CongestionRule.ID,
                new RuleDefinition(
                        "traffic/#",
                        c.category(),
                        c.subCategory(),
                        c.severity(),
                        c.severityBy(),
                        c.params(),
                        c.raiseAfter(),
                        c.clearAfter(),
                        c.title(),
                        null,
                        c.assetTypes()));
        publish(message(3, new RuleSet(noText, V1.labels())));
        publish(message(4, TestRules.withParam(V1, "port.gate.queue", "queueAtLeast", 10.0)));
        assertThat(h.extractOutputValues()).isEmpty();
        List<String> reasons = h.getSideOutput(RuleSetGate.REFUSED).stream()
                .map(r -> r.getValue().reason())
                .toList();
        assertThat(reasons).hasSize(3).allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(reasons.get(0)).contains("rule 'x' is not an object");
        assertThat(reasons.get(1)).contains("has domain 'traffic/#'").contains("lacks its description");
        assertThat(reasons.get(2)).contains("rule 'port.gate.queue' is read when the job starts");
    }

    @Test
    void theVersionInForceSurvivesASnapshotAndRestore() throws Exception {
        publish(message(2, V1));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new RuleSetGate(V1)),
                r -> RuleSetGate.KEY,
                Types.STRING);
        h.setup();
        h.initializeState(snapshot);
        h.open();
        publish(message(2, V1)); // what a restarted job receives again from the broker
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.getSideOutput(RuleSetGate.REFUSED)).isNull();
    }
}
