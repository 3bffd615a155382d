package vn.haiphong.ioc.ingest.rules;

/** A port device was heard from: a Flink POJO. {@code alive} is false for its "offline" state (its last will). */
public class AssetSeen {
    public String portId;
    public String assetType;
    public String assetId;
    public long time;
    public boolean alive;

    public AssetSeen() {}

    public AssetSeen(String portId, String assetType, String assetId, long time, boolean alive) {
        this.portId = portId;
        this.assetType = assetType;
        this.assetId = assetId;
        this.time = time;
        this.alive = alive;
    }

    public String assetKey() {
        return portId + "/" + assetType + "/" + assetId;
    }

    @Override
    public String toString() {
        return "AssetSeen{" + assetKey() + " @" + time + (alive ? "" : " offline") + "}";
    }
}
