package vn.haiphong.ioc.ingest.vessel;

import vn.haiphong.ioc.core.alert.Vessel;

/**
 * A change to publish about a vessel at a port: its position, or none when it has left the port's area or fallen
 * silent (then the retained message is cleared). A Flink POJO.
 */
public class VesselUpdate {
    public String portId;
    public long mmsi;
    /** Null: the vessel is gone. */
    public Vessel position;

    public VesselUpdate() {}

    public VesselUpdate(String portId, long mmsi, Vessel position) {
        this.portId = portId;
        this.mmsi = mmsi;
        this.position = position;
    }

    public boolean gone() {
        return position == null;
    }

    @Override
    public String toString() {
        return "VesselUpdate{" + portId + "/" + mmsi + (gone() ? " gone" : " " + position) + "}";
    }
}
