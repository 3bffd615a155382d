package vn.haiphong.ioc.ingest.store;

import java.io.Serializable;

/** The settings of a {@link PostgresSink}; built and checked by {@link PostgresSinkBuilder}. */
record PostgresSinkOptions(
        String url,
        String user,
        String password,
        WriteMode mode,
        int batchSize,
        long minBackoffMillis,
        long maxBackoffMillis,
        long maintainEveryMillis,
        String applicationName)
        implements Serializable {

    @Override
    public String toString() {
        // No password in logs.
        return "PostgresSinkOptions{url=" + url + ", user=" + user + ", mode=" + mode + ", batchSize=" + batchSize
                + ", backoff=" + minBackoffMillis + "-" + maxBackoffMillis + " ms, maintainEvery="
                + maintainEveryMillis + " ms}";
    }
}
