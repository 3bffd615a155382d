package vn.haiphong.ioc.core.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import vn.haiphong.ioc.core.text.LocalizedText;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A KPI value as published (retained) on {@code ioc/v1/kpi/{kpi}/{scopeType}/{scopeId}}. {@code complete} is false
 * for an early reading of a window that is still open.
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
        @EventTime long updatedAt) {

    @JsonIgnore
    public String topic() {
        return Topics.kpi(kpi, scopeType, scopeId);
    }
}
