package vn.haiphong.ioc.ingest.store;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;

/** Builds a {@link PostgresSink}; {@link #build()} checks the settings with messages that name the option. */
@PublicEvolving
public final class PostgresSinkBuilder {
    private String url;
    private String user;
    private String password;
    private WriteMode mode = WriteMode.COPY;
    private int batchSize = 5_000;
    private Duration minBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maintainEvery = Duration.ofHours(1);
    private String applicationName = "ioc-ingest";

    PostgresSinkBuilder() {}

    /** A JDBC URL, {@code jdbc:postgresql://host:port/database}. */
    public PostgresSinkBuilder url(String url) {
        this.url = url;
        return this;
    }

    public PostgresSinkBuilder credentials(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    public PostgresSinkBuilder mode(WriteMode mode) {
        this.mode = mode;
        return this;
    }

    /** Rows a writer holds before it writes without waiting for the next checkpoint. */
    public PostgresSinkBuilder batchSize(int rows) {
        this.batchSize = rows;
        return this;
    }

    /** The first and the longest wait between attempts while the database is unavailable. */
    public PostgresSinkBuilder backoff(Duration min, Duration max) {
        this.minBackoff = min;
        this.maxBackoff = max;
        return this;
    }

    /** How often the first writer runs {@code ioc_maintain()} (also when it first connects). */
    public PostgresSinkBuilder maintainEvery(Duration every) {
        this.maintainEvery = every;
        return this;
    }

    /** Shown in {@code pg_stat_activity}, with the subtask index appended. */
    public PostgresSinkBuilder applicationName(String name) {
        this.applicationName = name;
        return this;
    }

    public PostgresSink build() {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must be jdbc:postgresql://host:port/db, not " + url);
        }
        if (mode == null) {
            throw new IllegalArgumentException("the write mode must be set");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the batch size must be positive, not " + batchSize);
        }
        if (minBackoff == null
                || maxBackoff == null
                || minBackoff.toMillis() <= 0
                || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException(
                    "the backoff needs 0 < min <= max, not " + minBackoff + " and " + maxBackoff);
        }
        if (maintainEvery == null || maintainEvery.toMillis() <= 0) {
            throw new IllegalArgumentException("maintainEvery must be positive, not " + maintainEvery);
        }
        return new PostgresSink(new PostgresSinkOptions(
                url,
                user,
                password,
                mode,
                batchSize,
                minBackoff.toMillis(),
                maxBackoff.toMillis(),
                maintainEvery.toMillis(),
                applicationName));
    }
}
