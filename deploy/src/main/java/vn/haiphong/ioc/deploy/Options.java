package vn.haiphong.ioc.deploy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --key=value} options with the same lookup order as every other IOC process: the command line, then the system
 * property {@code ioc.key}, then the environment variable {@code IOC_KEY} (dashes as underscores). The deploy module
 * may not depend on ioc-core at build time, so this small reader lives here rather than reusing core's {@code
 * Settings}.
 */
public final class Options {
    private final Map<String, String> args;
    private final Map<String, String> env;

    private Options(Map<String, String> args, Map<String, String> env) {
        this.args = args;
        this.env = env;
    }

    public static Options parse(String... argv) {
        return parse(argv, System.getenv());
    }

    static Options parse(String[] argv, Map<String, String> env) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String arg : argv) {
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': options are --key=value");
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                parsed.put(arg.substring(2), "true");
            } else {
                parsed.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        return new Options(parsed, env);
    }

    /**
     * Fails on a command-line option that is not in {@code known}: a typo such as {@code --http-prot} would otherwise
     * silently start the stack on the default port.
     */
    public Options requireKnown(Set<String> known) {
        Set<String> unknown = new TreeSet<>(args.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option(s) " + unknown + "; known options: " + new TreeSet<>(known));
        }
        return this;
    }

    public boolean has(String key) {
        return find(key).isPresent();
    }

    public Optional<String> find(String key) {
        String value = args.get(key);
        if (value == null) {
            value = System.getProperty("ioc." + key);
        }
        if (value == null) {
            value = env.get("IOC_" + key.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return find(key).map(v -> parseInt(key, v)).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return find(key).map(v -> parseLong(key, v)).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return find(key).map(v -> parseBoolean(key, v)).orElse(defaultValue);
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + key + " needs a whole number, not '" + value + "'", e);
        }
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + key + " needs a whole number, not '" + value + "'", e);
        }
    }

    private static boolean parseBoolean(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default ->
                throw new IllegalArgumentException("option --" + key + " needs true or false, not '" + value + "'");
        };
    }
}
