package vn.haiphong.ioc.simulators.gen.port;

import java.util.Locale;
import vn.haiphong.ioc.core.event.InboundEvent;
import vn.haiphong.ioc.core.event.YardTelemetry;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.PortAsset;
import vn.haiphong.ioc.simulators.gen.Randoms;
import vn.haiphong.ioc.simulators.gen.SimContext;

/** A yard block's occupancy: a slow walk around the block's usual level (time constant 6 h). */
final class YardSource extends AssetSource {
    private static final double TAU_MS = 6 * 3_600_000.0;
    private static final int DEFAULT_CAPACITY_TEU = 1500;

    private final int capacity;
    private final double usual;
    private final String block;
    private double occupancy;

    YardSource(SimContext ctx, Port port, PortAsset asset) {
        super(ctx, port, asset);
        this.capacity = asset.capacityTeu() == null ? DEFAULT_CAPACITY_TEU : asset.capacityTeu();
        this.usual = Randoms.uniform(rng, ctx.profile().ports().yardOccupancy());
        this.occupancy = usual;
        this.block = asset.id().replaceFirst("^yard-", "").toUpperCase(Locale.ROOT);
    }

    @Override
    protected InboundEvent produce(long now) {
        double step = Math.min(1, (now - previousMillis) / TAU_MS);
        occupancy = Randoms.clamp(
                occupancy + (usual - occupancy) * step + 0.08 * Math.sqrt(step) * rng.nextGaussian(), 0.2, 0.99);
        return new YardTelemetry(
                port.id(),
                asset.type(),
                asset.id(),
                nextId(),
                now,
                block,
                (int) Math.round(occupancy * capacity),
                capacity);
    }
}
