package vn.haiphong.ioc.ingest.reports;

/** A camera detection or a citizen report as the fusion keeps it for its window: a Flink POJO. */
public class FusionItem {
    public static final String CAMERA = "camera";
    public static final String REPORT = "report";

    public String type;
    /** The camera's id, or the report's service_request_id. */
    public String id;
    /** The detection's own id (cameras only). */
    public String eventId;

    public double lat;
    public double lon;
    public long time;
    public double confidence;
    public String area;
    /** Whether it has been compared with the items that came before it in event time. */
    public boolean evaluated;
    /** The incident alert it joined, if any. */
    public String incident;

    public FusionItem() {}

    String key() {
        return type + ":" + (CAMERA.equals(type) ? eventId : id);
    }
}
