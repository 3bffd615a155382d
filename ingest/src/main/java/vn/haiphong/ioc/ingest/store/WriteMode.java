package vn.haiphong.ioc.ingest.store;

/** How a batch reaches its table. */
public enum WriteMode {
    /**
     * COPY into a session-local staging table, then {@code INSERT ... SELECT ... ON CONFLICT}: one round trip for the
     * rows and no parameter limit. The default: the faster of the two on this project's machine (see README).
     */
    COPY,
    /** Multi-row {@code INSERT ... VALUES (...), (...) ON CONFLICT}, up to 1,000 rows per statement. */
    INSERT
}
