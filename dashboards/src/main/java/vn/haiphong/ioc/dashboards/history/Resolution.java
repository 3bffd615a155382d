package vn.haiphong.ioc.dashboards.history;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How finely a KPI series is cut: every stored window, or bins of a fixed length. */
public enum Resolution {
    RAW("raw", Duration.ZERO),
    MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1));

    private final String label;
    private final Duration bin;

    Resolution(String label, Duration bin) {
        this.label = label;
        this.bin = bin;
    }

    public String label() {
        return label;
    }

    public Duration bin() {
        return bin;
    }

    /** Hourly and daily bins come from the hourly rollup rather than from every stored window. */
    public boolean fromRollup() {
        return bin.compareTo(Duration.ofHours(1)) >= 0;
    }

    public static Optional<Resolution> of(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(Resolution::label).collect(Collectors.joining(", "));
    }
}
