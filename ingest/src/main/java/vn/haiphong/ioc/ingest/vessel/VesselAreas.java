package vn.haiphong.ioc.ingest.vessel;

import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import vn.haiphong.ioc.core.event.AisPosition;
import vn.haiphong.ioc.core.event.BerthEvent;
import vn.haiphong.ioc.core.geo.GeoPoint;
import vn.haiphong.ioc.core.ref.Port;
import vn.haiphong.ioc.core.ref.ReferenceData;

/**
 * Which port an AIS position belongs to: the nearest port whose vessel area ({@code vesselAreaMeters} around it)
 * holds it, so that a ship alongside Tân Vũ is not also Đình Vũ's next door. The position goes to that port as
 * "inside", and to the other ports near enough that the ship may just have left them as "outside". Positions without
 * coordinates say nothing about where the ship is.
 */
public final class VesselAreas {
    /** A port hears of ships this many times its area's radius away, to notice them leaving. */
    private static final double NEAR = 2;

    private VesselAreas() {}

    /** The port whose area holds the point, or null. */
    public static Port portOf(List<Port> ports, GeoPoint p) {
        Port best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Port port : ports) {
            double d = port.position().distanceMeters(p);
            if (d <= port.vesselAreaMeters() && d < bestDistance) {
                best = port;
                bestDistance = d;
            }
        }
        return best;
    }

    public static final class Positions implements FlatMapFunction<AisPosition, VesselSignal> {
        private final String refDir;
        private transient List<Port> ports;

        public Positions(String refDir) {
            this.refDir = refDir;
        }

        @Override
        public void flatMap(AisPosition a, Collector<VesselSignal> out) {
            if (a.latitude() == null || a.longitude() == null) {
                return;
            }
            if (ports == null) {
                ports = List.copyOf(ReferenceData.cached(refDir).ports());
            }
            GeoPoint p = new GeoPoint(a.latitude(), a.longitude());
            Port home = portOf(ports, p);
            for (Port port : ports) {
                boolean inside = port == home;
                if (inside || port.position().distanceMeters(p) <= NEAR * port.vesselAreaMeters()) {
                    VesselSignal s = new VesselSignal();
                    s.portId = port.id();
                    s.mmsi = a.mmsi();
                    s.kind = VesselSignal.POSITION;
                    s.time = a.dateObserved();
                    s.inside = inside;
                    s.lat = a.latitude();
                    s.lon = a.longitude();
                    s.speedOverGround = a.speedOverGround();
                    s.courseOverGround = a.courseOverGround();
                    s.heading = a.heading();
                    s.navigationStatus = a.navigationStatus();
                    out.collect(s);
                }
            }
        }
    }

    /** Actual arrivals and departures at a berth, with the vessel's MMSI; estimates say nothing about now. */
    public static final class Berths implements FlatMapFunction<BerthEvent, VesselSignal> {
        @Override
        public void flatMap(BerthEvent b, Collector<VesselSignal> out) {
            if (b.mmsi() == null || !b.classifierCode().equals("ACT")) {
                return;
            }
            byte kind =
                    switch (b.portCallServiceEventTypeCode()) {
                        case "ARRI" -> VesselSignal.ARRIVED;
                        case "DEPA" -> VesselSignal.DEPARTED;
                        default -> 0;
                    };
            if (kind == 0) {
                return;
            }
            VesselSignal s = new VesselSignal();
            s.portId = b.portId();
            s.mmsi = b.mmsi();
            s.kind = kind;
            s.time = b.dateTime();
            s.name = b.vesselName();
            out.collect(s);
        }
    }
}
