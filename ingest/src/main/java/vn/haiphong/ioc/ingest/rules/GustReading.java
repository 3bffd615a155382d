package vn.haiphong.ioc.ingest.rules;

/** A gust measured at a port, by a weather station or a crane's boom anemometer: a Flink POJO. */
public class GustReading {
    public String portId;
    public String assetType;
    public String assetId;
    public long time;
    public double gust;

    public GustReading() {}

    public GustReading(String portId, String assetType, String assetId, long time, double gust) {
        this.portId = portId;
        this.assetType = assetType;
        this.assetId = assetId;
        this.time = time;
        this.gust = gust;
    }

    public String assetKey() {
        return portId + "/" + assetType + "/" + assetId;
    }

    @Override
    public String toString() {
        return "GustReading{" + assetKey() + " @" + time + " " + gust + " m/s}";
    }
}
