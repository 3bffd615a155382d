package vn.haiphong.ioc.dashboards.http;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query parameters of one request, read strictly: an unknown name, a repeated single value or a value of the
 * wrong form is a {@link BadParameter} whose message tells the client what to send instead.
 */
final class QueryParams {
    /** Codes and ids of the wire contract (topic levels, area codes, port ids), with some room. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    private static final int SHOWN = 60;

    private final MultiMap params;

    private QueryParams(MultiMap params) {
        this.params = params;
    }

    static QueryParams of(MultiMap params, Set<String> known) {
        for (String name : params.names()) {
            if (!known.contains(name)) {
                throw new BadParameter(
                        "unknown parameter '" + shown(name) + "'; this endpoint takes " + new TreeSet<>(known));
            }
        }
        return new QueryParams(params);
    }

    Optional<String> single(String name) {
        List<String> values = params.getAll(name);
        if (values.size() > 1) {
            throw new BadParameter("give '" + name + "' once");
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0).trim();
        if (value.isEmpty()) {
            throw new BadParameter("'" + name + "' is empty");
        }
        return Optional.of(value);
    }

    String required(String name) {
        return single(name).orElseThrow(() -> new BadParameter("'" + name + "' is required"));
    }

    /** A code such as a KPI name, a scope id or an area code. */
    String requiredCode(String name) {
        return code(name, required(name));
    }

    /** Values given comma-separated, repeated, or both; each one checked by {@code allowed} (null: any code). */
    Set<String> list(String name, Set<String> allowed) {
        Set<String> values = new LinkedHashSet<>();
        for (String given : params.getAll(name)) {
            for (String part : given.split(",", -1)) {
                String value = part.trim();
                if (value.isEmpty()) {
                    throw new BadParameter("'" + name + "' has an empty value");
                }
                if (allowed != null && !allowed.contains(value)) {
                    throw new BadParameter("'" + name + "' must be among " + allowed + ", not '" + shown(value) + "'");
                }
                values.add(allowed == null ? code(name, value) : value);
            }
        }
        return values;
    }

    /** An ISO-8601 time with an offset, e.g. 2026-11-25T08:00:00+07:00 or 2026-11-25T01:00:00Z. */
    Optional<Instant> instant(String name) {
        return single(name).map(value -> {
            // An unencoded '+' in a query string arrives as a space; a timestamp never holds one.
            String text = value.replace(' ', '+');
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadParameter("'" + name + "' must be an ISO-8601 time with an offset, such as"
                        + " 2026-11-25T08:00:00+07:00 or 2026-11-25T01:00:00Z (write '+' as %2B), not '"
                        + shown(value) + "'");
            }
        });
    }

    int integer(String name, int defaultValue, int min, int max) {
        return single(name)
                .map(value -> {
                    int n;
                    try {
                        n = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new BadParameter("'" + name + "' must be a whole number from " + min + " to " + max);
                    }
                    if (n < min || n > max) {
                        throw new BadParameter("'" + name + "' must be from " + min + " to " + max + ", not " + n);
                    }
                    return n;
                })
                .orElse(defaultValue);
    }

    /** A value echoed in a message, cut short: the message is for a person, the value may be anything. */
    static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }

    private static String code(String name, String value) {
        if (!CODE.matcher(value).matches()) {
            throw new BadParameter("'" + name + "' must be a code of letters, digits, '.', '_' or '-' (at most 64),"
                    + " not '" + shown(value) + "'");
        }
        return value;
    }
}
