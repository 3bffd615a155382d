package vn.haiphong.ioc.ingest.vessel;

/**
 * What the vessel publisher learns about one vessel at one port: an AIS position (inside the port's area or, to say
 * that it left, outside) or an actual berth arrival or departure. A Flink POJO.
 */
public class VesselSignal {
    public static final byte POSITION = 1;
    public static final byte ARRIVED = 2;
    public static final byte DEPARTED = 3;

    public String portId;
    public long mmsi;
    public byte kind;
    public long time;
    public boolean inside;
    public double lat;
    public double lon;
    public Double speedOverGround;
    public Double courseOverGround;
    public Integer heading;
    public Integer navigationStatus;
    public String name;

    public VesselSignal() {}

    public String key() {
        return portId + "/" + mmsi;
    }

    @Override
    public String toString() {
        return "VesselSignal{" + key() + " " + kind + " @" + time + (inside ? " inside" : "") + "}";
    }
}
