package vn.haiphong.ioc.ingest.rules;

import java.util.Map;
import vn.haiphong.ioc.core.alert.Alert;
import vn.haiphong.ioc.core.alert.Entity;
import vn.haiphong.ioc.core.alert.Position;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.rules.RuleDefinition;

/**
 * Port wind, per weather station and crane anemometer: raised at a gust of {@code gustAtLeast}, kept while gusts stay
 * at or above {@code clearBelow}, cleared once they have stayed below it for {@code clearAfter}. The warning and the
 * stop-work rules are two instances with their own thresholds.
 */
public final class WindRule implements SustainedRule<GustReading> {
    private final String ruleId;
    private final RuleDefinition definition;
    private final String refDir;

    public WindRule(String ruleId, RuleDefinition definition, String refDir) {
        this.ruleId = ruleId;
        this.definition = definition;
        this.refDir = refDir;
    }

    @Override
    public String ruleId() {
        return ruleId;
    }

    @Override
    public long from(GustReading r) {
        return r.time;
    }

    @Override
    public long to(GustReading r) {
        return r.time;
    }

    @Override
    public boolean raise(GustReading r) {
        return r.gust >= definition.param("gustAtLeast");
    }

    @Override
    public boolean hold(GustReading r) {
        return r.gust >= definition.param("clearBelow");
    }

    @Override
    public Map<String, Object> evidence(GustReading r) {
        return Map.of("gustSpeed", r.gust, "unit", "m/s", "assetType", r.assetType);
    }

    @Override
    public Alert raise(GustReading r, long at) {
        ReferenceData ref = ReferenceData.cached(refDir);
        Port port = ref.port(r.portId).orElseThrow();
        PortAsset asset = port.asset(r.assetType, r.assetId).orElseThrow();
        return AlertTexts.raise(
                ruleId,
                definition,
                new Entity(r.assetType, r.portId + "/" + r.assetId),
                r.portId,
                port.area(),
                new Position(asset.lat(), asset.lon()),
                definition.severity(),
                null,
                at,
                Map.of(
                        "asset_vi", asset.name().vi(),
                        "asset_en", asset.name().en(),
                        "port_vi", port.name().vi(),
                        "port_en", port.name().en(),
                        "gust", AlertTexts.number(r.gust)),
                evidence(r));
    }
}
