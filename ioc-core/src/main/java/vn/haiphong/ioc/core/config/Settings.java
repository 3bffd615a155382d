package vn.haiphong.ioc.core.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of every IOC process, read in one way: {@code --key=value} on the command line, then the system
 * property {@code ioc.key}, then the environment variable {@code IOC_KEY} (dashes become underscores), then the
 * default given by the caller.
 */
public final class Settings {
    private final Map<String, String> args;
    private final Map<String, String> env;

    private Settings(Map<String, String> args, Map<String, String> env) {
        this.args = args;
        this.env = env;
    }

    public static Settings fromArgs(String... argv) {
        return of(argv, System.getenv());
    }

    static Settings of(String[] argv, Map<String, String> env) {
        Map<String, String> parsed = new HashMap<>();
        for (String arg : argv) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': options are --key=value");
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                parsed.put(arg.substring(2), "true");
            } else {
                parsed.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        return new Settings(parsed, env);
    }

    public Optional<String> find(String key) {
        String value = args.get(key);
        if (value == null) {
            value = System.getProperty("ioc." + key);
        }
        if (value == null) {
            value = env.get("IOC_" + key.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    public String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(defaultValue);
    }

    public double getDouble(String key, double defaultValue) {
        return find(key).map(v -> parse(key, v, Double::parseDouble)).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return find(key).map(v -> parse(key, v, Settings::parseBoolean)).orElse(defaultValue);
    }

    private static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(v);
        };
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("option --" + key + " has an invalid value '" + value + "'", e);
        }
    }
}
