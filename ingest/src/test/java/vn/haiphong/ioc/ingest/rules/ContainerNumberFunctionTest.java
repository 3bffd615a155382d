package vn.haiphong.ioc.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.rules.RuleSet;

class ContainerNumberFunctionTest {
    private static final long T0 = 1_795_000_000_000L;

    private static GateEquipmentEvent gateIn(String id, String number) {
        return new GateEquipmentEvent("tan-vu", "gate", "gate-1", id, T0, "GTIN", number, "15C-123.45", "IN-1");
    }

    @Test
    void aNumberFailingItsCheckDigitIsOneLowAlertWithTheNumberAsEvidence() throws Exception {
        try (OneInputStreamOperatorTestHarness<GateEquipmentEvent, Alert> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ContainerNumberFunction(RuleSet.defaults().rule(ContainerNumberFunction.ID), null))) {
            for (String valid : new String[] {"CSQU3054383", "MWCU6059784", "APZU4812090", "GVTU3000389"}) {
                h.processElement(gateIn("ok-" + valid, valid), T0);
            }
            h.processElement(gateIn("bad-1", "CSQU3054388"), T0);
            assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("port.gate.container-number");
                assertThat(a.severity()).isEqualTo(Severity.low);
                assertThat(a.evidence())
                        .containsEntry("equipmentReference", "CSQU3054388")
                        .containsEntry("truckPlate", "15C-123.45");
                assertThat(a.title().vi()).contains("CSQU3054388");
                assertThat(a.entity().id()).isEqualTo("tan-vu/gate-1/bad-1");
            });
            Alert first = h.extractOutputValues().get(0);
            // The same event replayed after a restart: the same alert id.
            h.processElement(gateIn("bad-1", "CSQU3054388"), T0);
            assertThat(h.extractOutputValues().get(1).alertId()).isEqualTo(first.alertId());
        }
    }
}
