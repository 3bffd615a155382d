package vn.haiphong.ioc.ingest.store;

import org.slf4j.Logger;

/**
 * Exponential waits between attempts to reach the database, doubling from {@code min} up to {@code max}, and a log
 * line only when the state changes (down, then back), not one per attempt.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final Logger log;
    private final String who;

    private int failures;
    private long downSinceMillis;
    private long nextWaitMillis;

    Backoff(long minMillis, long maxMillis, Logger log, String who) {
        if (minMillis <= 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, not " + minMillis + ", " + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.log = log;
        this.who = who;
        this.nextWaitMillis = minMillis;
    }

    /** Records a failed attempt and returns how long to wait before the next one. */
    long failed(Exception e, int rowsWaiting, long nowMillis) {
        if (failures == 0) {
            downSinceMillis = nowMillis;
            log.warn(
                    "{}: PostgreSQL unavailable ({}); {} rows wait, retrying every {}-{} ms until it is back",
                    who,
                    e.toString(),
                    rowsWaiting,
                    minMillis,
                    maxMillis);
        } else {
            log.debug("{}: attempt {} failed: {}", who, failures + 1, e.toString());
        }
        failures++;
        long wait = nextWaitMillis;
        nextWaitMillis = Math.min(maxMillis, nextWaitMillis * 2);
        return wait;
    }

    /** Records a successful attempt; logs the recovery if it ends an outage. */
    void succeeded(int rowsWritten, long nowMillis) {
        if (failures > 0) {
            log.info(
                    "{}: PostgreSQL is back after {} ms and {} failed attempts; wrote the {} rows that waited",
                    who,
                    nowMillis - downSinceMillis,
                    failures,
                    rowsWritten);
        }
        failures = 0;
        nextWaitMillis = minMillis;
    }

    boolean isDown() {
        return failures > 0;
    }
}
