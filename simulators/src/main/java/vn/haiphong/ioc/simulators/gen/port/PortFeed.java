package vn.haiphong.ioc.simulators.gen.port;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.SimContext;
import vn.haiphong.ioc.simulators.gen.Source;
import vn.haiphong.ioc.simulators.scenario.Scenario;

/** The sources of the port IoT feed: every asset of every port in the reference data. */
public final class PortFeed {
    private PortFeed() {}

    public static List<Source> sources(SimContext ctx) {
        List<Source> sources = new ArrayList<>();
        List<GateEventSource.Gate> gates = new ArrayList<>();
        VesselPlans vessels = new VesselPlans(ctx);
        for (Port port : ctx.reference().ports()) {
            PortWind wind = new PortWind(ctx, port);
            List<PortAsset> berths =
                    port.assets().stream().filter(a -> a.type().equals("berth")).toList();
            for (PortAsset asset : port.assets()) {
                switch (asset.type()) {
                    case "met" -> sources.add(new MetSource(ctx, port, asset, wind));
                    case "sts" -> sources.add(new CraneSource(ctx, port, asset, wind, vessels, nearest(asset, berths)));
                    case "rtg" -> sources.add(new CraneSource(ctx, port, asset, wind, vessels, null));
                    case "gate" -> {
                        sources.add(new GateTelemetrySource(ctx, port, asset));
                        gates.add(new GateEventSource.Gate(port, asset));
                    }
                    case "yard" -> sources.add(new YardSource(ctx, port, asset));
                    case "reefer" -> sources.add(new ReeferSource(ctx, port, asset));
                    case "tide" -> sources.add(new TideSource(ctx, port, asset));
                    case "ais" -> sources.add(new AisSource(ctx, port, asset, vessels));
                    case "berth" -> sources.add(new BerthEventSource(ctx, port, asset, vessels));
                    default -> {
                        // An asset type the wire contract defines no telemetry for: it only has a state.
                    }
                }
            }
        }
        if (!gates.isEmpty()) {
            sources.add(new GateEventSource(ctx, gates));
        }
        Scenario scenario = ctx.scenario().scenario();
        if (!scenario.vessels().isEmpty() || !scenario.gateEvents().isEmpty()) {
            sources.add(new ScriptedSource(ctx, scenario, ctx.scenario().speed()));
        }
        return sources;
    }

    /** The berth a ship-to-shore crane stands at: the nearest one (null when the port lists no berths). */
    private static PortAsset nearest(PortAsset crane, List<PortAsset> berths) {
        return berths.stream()
                .min(Comparator.comparingDouble(b -> b.position().distanceMeters(crane.position())))
                .orElse(null);
    }
}
