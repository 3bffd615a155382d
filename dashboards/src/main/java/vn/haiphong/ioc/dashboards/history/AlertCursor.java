package vn.haiphong.ioc.dashboards.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of alert history ended: the (updated_at, alert_id, seq) of its last row. The next page holds the rows
 * that sort after it, newest first, so rows written meanwhile neither repeat nor shift what follows. Opaque to
 * clients (base64url), and checked when it comes back.
 */
public record AlertCursor(Instant updatedAt, UUID alertId, long seq) {
    public String encode() {
        String plain = updatedAt + "|" + alertId + "|" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page gave, or an IllegalArgumentException when the text is not one. */
    public static AlertCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return new AlertCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("'cursor' must be the 'next' value of a previous page, unchanged");
        }
    }
}
