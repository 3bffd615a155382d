package vn.haiphong.ioc.simulators.gen.port;

import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.PeriodicSource;
import vn.haiphong.ioc.simulators.gen.SimContext;

/** Telemetry of one port asset, with the scenario able to take over its drivable fields. */
abstract class AssetSource extends PeriodicSource {
    protected final Port port;
    protected final PortAsset asset;
    private final String device;
    private long seq;

    AssetSource(SimContext ctx, Port port, PortAsset asset) {
        super(ctx, port.id() + "-" + asset.id(), ctx.profile().ports().period(asset.type()));
        this.port = port;
        this.asset = asset;
        this.device = port.id() + "-" + asset.id();
    }

    protected String nextId() {
        return ctx.id(device, "tlm", ++seq);
    }

    /** The scenario's value of a field where a track drives it, else the generator's own. */
    protected double drive(String field, long t, double natural) {
        return ctx.scenario().drive(port.id(), asset.type(), asset.id(), field, t, natural, rng);
    }
}
