package vn.haiphong.ioc.simulators.publish;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import vn.haiphong.ioc.core.wire.Feed;

/** Counters of what was published, per feed, and what failed; safe to update from the MQTT callback threads. */
public final class PublishStats {
    private final Map<Feed, LongAdder> published = new EnumMap<>(Feed.class);
    private final LongAdder failed = new LongAdder();
    private final AtomicLong behindMillis = new AtomicLong();
    private final Map<Feed, Long> lastPublished = new EnumMap<>(Feed.class);
    private long lastTotal;
    private long lastFailed;
    private long lastAt;

    public PublishStats() {
        for (Feed f : Feed.values()) {
            published.put(f, new LongAdder());
            lastPublished.put(f, 0L);
        }
    }

    public void recordPublished(Feed feed) {
        published.get(feed).increment();
    }

    public void recordFailure() {
        failed.increment();
    }

    /** How late against its schedule the latest message went out: grows when the rate cannot be reached. */
    public void behind(long millis) {
        behindMillis.set(Math.max(0, millis));
    }

    public long published() {
        long sum = 0;
        for (LongAdder a : published.values()) {
            sum += a.sum();
        }
        return sum;
    }

    public long published(Feed feed) {
        return published.get(feed).sum();
    }

    public long failures() {
        return failed.sum();
    }

    /** One line for the log: what happened since the previous line, and the totals. */
    public synchronized String progress(long now, int inFlight) {
        long total = published();
        long failures = failures();
        double seconds = lastAt == 0 ? 0 : (now - lastAt) / 1000.0;
        StringBuilder perFeed = new StringBuilder();
        for (Feed f : new Feed[] {Feed.cam, Feed.report, Feed.port}) {
            long n = published(f);
            perFeed.append(perFeed.isEmpty() ? "" : ", ").append(f).append(' ').append(n - lastPublished.get(f));
            lastPublished.put(f, n);
        }
        String line = String.format(
                Locale.ROOT,
                "published %d (%s/s; %s), failed %d; total %d published, %d failed; in flight %d; behind schedule %d ms",
                total - lastTotal,
                seconds > 0 ? String.format(Locale.ROOT, "%.1f", (total - lastTotal) / seconds) : "-",
                perFeed,
                failures - lastFailed,
                total,
                failures,
                inFlight,
                behindMillis.get());
        lastTotal = total;
        lastFailed = failures;
        lastAt = now;
        return line;
    }
}
