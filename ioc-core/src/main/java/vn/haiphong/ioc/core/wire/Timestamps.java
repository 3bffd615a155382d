package vn.haiphong.ioc.core.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps of the wire contract: ISO-8601 with an offset, written in Vietnam's offset. */
public final class Timestamps {
    public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private Timestamps() {}

    public static String format(long epochMillis) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.ofEpochMilli(epochMillis).atOffset(VIETNAM));
    }

    public static long parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an ISO-8601 timestamp with an offset (e.g. 2026-11-25T08:15:02+07:00)");
        }
    }
}
