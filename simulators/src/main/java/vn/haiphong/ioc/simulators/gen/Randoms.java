package vn.haiphong.ioc.simulators.gen;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded randomness: one independent stream per named source, so adding a source never shifts another's draws. */
public final class Randoms {
    private Randoms() {}

    /** The stream of {@code key} under {@code seed}; the same pair always gives the same stream. */
    public static SplittableRandom forKey(long seed, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + h));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static double uniform(SplittableRandom rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    public static double uniform(SplittableRandom rng, double[] range) {
        return uniform(rng, range[0], range[1]);
    }

    public static double gaussian(SplittableRandom rng, double mean, double sd) {
        return mean + sd * rng.nextGaussian();
    }

    public static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    /** A Poisson count; the normal approximation above 30 keeps large counts cheap. */
    public static int poisson(SplittableRandom rng, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    /** Picks a key with probability proportional to its weight (iteration order of the map decides ties). */
    public static <K> K weighted(SplittableRandom rng, Map<K, Double> weights) {
        double total = 0;
        for (double w : weights.values()) {
            total += w;
        }
        double x = rng.nextDouble() * total;
        K last = null;
        for (Map.Entry<K, Double> e : weights.entrySet()) {
            last = e.getKey();
            x -= e.getValue();
            if (x < 0) {
                return last;
            }
        }
        return last;
    }

    public static <T> T pick(SplittableRandom rng, List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    public static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
