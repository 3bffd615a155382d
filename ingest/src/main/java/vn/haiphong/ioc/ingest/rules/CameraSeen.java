package vn.haiphong.ioc.ingest.rules;

/**
 * A camera was heard from (tlm, evt or state): the sign of life of {@link CameraOfflineFunction}. {@code status} is the
 * state message's (online, offline, degraded), null for telemetry and detections. A Flink POJO.
 */
public class CameraSeen {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    public static final String DEGRADED = "degraded";

    public String cameraId;
    /** traffic or desk, from the camera registry. */
    public String kind;

    public long time;
    public String status;

    public CameraSeen() {}

    public CameraSeen(String cameraId, String kind, long time, String status) {
        this.cameraId = cameraId;
        this.kind = kind;
        this.time = time;
        this.status = status;
    }

    @Override
    public String toString() {
        return "CameraSeen{" + cameraId + " (" + kind + ") @" + time + (status == null ? "" : " " + status) + "}";
    }
}
