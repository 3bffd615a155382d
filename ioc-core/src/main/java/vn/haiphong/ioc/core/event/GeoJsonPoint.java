package vn.haiphong.ioc.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A GeoJSON Point, {@code {"type":"Point","coordinates":[lon, lat]}}. */
public record GeoJsonPoint(
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) double[] coordinates) {

    @JsonIgnore
    public Double lat() {
        return coordinates.length >= 2 ? coordinates[1] : null;
    }

    @JsonIgnore
    public Double lon() {
        return coordinates.length >= 2 ? coordinates[0] : null;
    }
}
