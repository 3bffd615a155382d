package vn.haiphong.ioc.ingest.rules;

import java.util.HashMap;
import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.alert.Severity;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;
import vn.haiphong.ioc.core.text.LocalizedText;

/** Alerts about a port asset: placed at the asset, named after it and its port in both languages. */
public final class PortAlerts {
    private PortAlerts() {}

    public static Alert raise(
            String ruleId,
            RuleDefinition rule,
            String refDir,
            String portId,
            String assetType,
            String assetId,
            Entity entity,
            Severity severity,
            long at,
            Map<String, Object> values,
            Map<String, Object> evidence) {
        ReferenceData ref = ReferenceData.cached(refDir);
        Port port = ref.port(portId).orElseThrow(() -> new IllegalStateException("unknown port " + portId));
        PortAsset asset = ref.portAsset(portId, assetType, assetId).orElse(null);
        LocalizedText assetName = asset != null ? asset.name() : new LocalizedText(assetId, assetId);
        Map<String, Object> all = new HashMap<>(values);
        all.put("asset_vi", assetName.vi());
        all.put("asset_en", assetName.en());
        all.put("port_vi", port.name().vi());
        all.put("port_en", port.name().en());
        Position position =
                asset != null ? new Position(asset.lat(), asset.lon()) : new Position(port.lat(), port.lon());
        return AlertTexts.raise(
                ruleId,
                rule,
                entity,
                portId,
                port.area(),
                position,
                severity != null ? severity : rule.severity(),
                null,
                at,
                all,
                evidence);
    }

    /** The entity of an asset: {@code {type, portId/assetId}}, as the wind rules name theirs. */
    public static Entity asset(String portId, String assetType, String assetId) {
        return new Entity(assetType, portId + "/" + assetId);
    }
}
