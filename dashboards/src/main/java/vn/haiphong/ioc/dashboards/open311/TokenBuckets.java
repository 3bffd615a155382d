package vn.haiphong.ioc.dashboards.open311;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Abuse limits: one token bucket per key (a client address, a device id), refilled at a steady rate up to a burst.
 * Kept in memory, for the least recently used keys up to a bound, so a flood of new keys cannot grow it without end
 * (an evicted key starts again with a full bucket). Used on one event loop only: not thread-safe.
 */
public final class TokenBuckets {
    private static final int MAX_KEYS = 10_000;

    private final double burst;
    private final double perMilli;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public TokenBuckets(int burst, int perMinute) {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("a rate limit needs a burst and a rate of at least 1");
        }
        this.burst = burst;
        this.perMilli = perMinute / 60_000.0;
    }

    /** Takes a token for {@code key} at time {@code now} (ms); false when its bucket is empty. */
    public boolean take(String key, long now) {
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
        bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) * perMilli);
        bucket[1] = now;
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        return true;
    }

    /** Milliseconds until {@code key} has a token again (0 when it has one now), for a Retry-After. */
    public long waitMillis(String key, long now) {
        double[] bucket = buckets.get(key);
        if (bucket == null) {
            return 0;
        }
        double tokens = Math.min(burst, bucket[0] + (now - bucket[1]) * perMilli);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perMilli);
    }
}
