package vn.haiphong.ioc.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the JSON results of JMH runs as one line per benchmark: throughput in ops/s and average time in µs/op. JMH's
 * own table shows both in one time unit, which leaves microsecond averages as "≈ 10⁻⁵ s/op". Used by {@code ./ioc
 * jmh}; arguments are result files.
 */
public final class JmhSummary {
    private JmhSummary() {}

    public static void main(String[] args) throws IOException {
        Map<String, String[]> rows = new TreeMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : mapper.readTree(new File(file))) {
                String benchmark = shortName(run.path("benchmark").asText()) + params(run.path("params"));
                JsonNode metric = run.path("primaryMetric");
                double score = metric.path("score").asDouble();
                double error = metric.path("scoreError").asDouble(Double.NaN);
                String unit = metric.path("scoreUnit").asText();
                String[] row = rows.computeIfAbsent(benchmark, b -> new String[] {"", ""});
                switch (run.path("mode").asText()) {
                    case "thrpt" ->
                        row[0] = String.format(Locale.ROOT, "%,.0f", score / seconds(unit, "ops/"))
                                + percent(error, score);
                    case "avgt" -> row[1] = micros(score * seconds(unit, "/op") * 1e6) + percent(error, score);
                    default -> {}
                }
            }
        }
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(9);
        System.out.printf(Locale.ROOT, "%-" + width + "s  %24s  %20s%n", "Benchmark", "ops/s", "µs/op");
        rows.forEach((benchmark, row) ->
                System.out.printf(Locale.ROOT, "%-" + width + "s  %24s  %20s%n", benchmark, row[0], row[1]));
    }

    /** {@code vn.haiphong.ioc.core.bench.CodecBenchmark.encodeKpi} → {@code CodecBenchmark.encodeKpi}. */
    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    private static String params(JsonNode params) {
        if (params.isMissingNode() || params.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        params.fields().forEachRemaining(e -> s.append(s.length() == 0 ? "(" : ",")
                .append(e.getKey())
                .append('=')
                .append(e.getValue().asText()));
        return s.append(')').toString();
    }

    /** The length in seconds of the time unit in {@code ops/us} or {@code us/op}, whichever JMH was told to use. */
    private static double seconds(String unit, String strip) {
        return switch (unit.replace(strip, "")) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unknown JMH unit " + unit);
        };
    }

    private static String micros(double us) {
        return String.format(Locale.ROOT, us < 10 ? "%.3f" : us < 100 ? "%.2f" : "%,.1f", us);
    }

    private static String percent(double error, double score) {
        return Double.isNaN(error) || score == 0
                ? "        "
                : String.format(Locale.ROOT, " ± %4.0f%%", 100 * error / score);
    }
}
