package vn.haiphong.ioc.core.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A KPI value as published (retained) on {@code ioc/v1/kpi/{kpi}/{scopeType}/{scopeId}}. {@code complete} is false
 * for an early reading of a window that is still open. {@code breakdown} optionally splits the value into parts (e.g.
 * vehicles by type), in the value's unit; absent from the JSON when there is none.
 */
public record Kpi(
        String kpi,
        String scopeType,
        String scopeId,
        LocalizedText name,
        @EventTime long windowStart,
        @EventTime long windowEnd,
        double value,
        String unit,
        Double target,
        boolean complete,
        @EventTime long updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> breakdown) {

    public Kpi {
        breakdown = breakdown == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
    }

    /** A KPI without a breakdown. */
    public Kpi(
            String kpi,
            String scopeType,
            String scopeId,
            LocalizedText name,
            long windowStart,
            long windowEnd,
            double value,
            String unit,
            Double target,
            boolean complete,
            long updatedAt) {
        this(kpi, scopeType, scopeId, name, windowStart, windowEnd, value, unit, target, complete, updatedAt, null);
    }

    @JsonIgnore
    public String topic() {
        return Topics.kpi(kpi, scopeType, scopeId);
    }
}
