package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Set;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/** A camera analytics detection (FIWARE Alert vocabulary), on {@code hp/v1/cam/{id}/evt}. */
public record CameraDetection(
        @JacksonInject(value = "device", useInput = OptBoolean.FALSE) @JsonIgnore
        String cameraId,

        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) @EventTime long dateObserved,
        @JsonProperty(required = true) String category,
        String subCategory,
        @JsonProperty(required = true) double confidence,
        String snapshotUrl,
        String description)
        implements CameraEvent {

    /** The subCategory values of the FIWARE Alert model that cameras report. */
    public static final Set<String> SUB_CATEGORIES = Set.of(
            "trafficJam",
            "carAccident",
            "carWrongDirection",
            "carStopped",
            "hazardOnRoad",
            "flood",
            "fire",
            "crowdRisk",
            "illegalParking");

    /** The FIWARE Alert categories a camera detection may carry. */
    public static final Set<String> CATEGORIES = Set.of("traffic", "environment", "security", "weather");

    @Override
    public String eventId() {
        return id;
    }

    @Override
    public long eventTime() {
        return dateObserved;
    }

    @Override
    public String topic() {
        return Topics.camera(cameraId, "evt");
    }

    /**
     * What was detected: DESIGN.md lets cameras put the detection in {@code category} (e.g. carAccident) or, as in
     * FIWARE, in {@code subCategory} with a broad {@code category}.
     */
    @JsonIgnore
    public String detection() {
        return SUB_CATEGORIES.contains(category) || subCategory == null ? category : subCategory;
    }
}
