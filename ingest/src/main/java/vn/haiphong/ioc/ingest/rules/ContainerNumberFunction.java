package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.event.GateEquipmentEvent;
import vn.haiphong.ioc.core.port.Iso6346;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.ingest.types.IocTypes;

/**
 * {@code port.gate.container-number}: a gate event whose container number fails the ISO 6346 check (usually an OCR
 * misread) raises one alert with the number as evidence, for the gate clerk to check by eye. The message itself is
 * valid and was accepted. Each event decides alone, so there is no state and nothing can be late; the entity is the
 * gate event, so a replay after a restart gives the same alert id.
 */
public class ContainerNumberFunction extends ProcessFunction<GateEquipmentEvent, Alert>
        implements ResultTypeQueryable<Alert> {
    public static final String ID = "port.gate.container-number";

    private final RuleDefinition definition;
    private final String refDir;

    public ContainerNumberFunction(RuleDefinition definition, String refDir) {
        this.definition = definition;
        this.refDir = refDir;
    }

    @Override
    public TypeInformation<Alert> getProducedType() {
        return IocTypes.ALERT;
    }

    @Override
    public void processElement(GateEquipmentEvent e, Context ctx, Collector<Alert> out) {
        if (Iso6346.isValid(e.equipmentReference())) {
            return;
        }
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("equipmentReference", e.equipmentReference());
        evidence.put("equipmentEventTypeCode", e.equipmentEventTypeCode());
        evidence.put("eventId", e.id());
        if (e.truckPlate() != null) {
            evidence.put("truckPlate", e.truckPlate());
        }
        if (e.lane() != null) {
            evidence.put("lane", e.lane());
        }
        out.collect(PortAlerts.raise(
                ID,
                definition,
                refDir,
                e.portId(),
                e.assetType(),
                e.assetId(),
                new Entity("gate-event", e.portId() + "/" + e.assetId() + "/" + e.id()),
                null,
                e.eventDateTime(),
                Map.of(
                        "container", e.equipmentReference(),
                        "truck", e.truckPlate() == null ? "–" : e.truckPlate(),
                        "lane", e.lane() == null ? "–" : e.lane()),
                evidence));
    }
}
