package vn.haiphong.ioc.dashboards.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.haiphong.ioc.dashboards.DashboardsConfig.Database;

/**
 * The history database as the dashboards see it: the migrations applied with Flyway (the same files as the Flink job's
 * sink, {@code classpath:db/migration} from ioc-core; Flyway's lock lets both run them at once), then a small read-only
 * pool whose queries run on a worker executor of the same size, never on an event loop. The server does not wait for
 * it: the live wall works without history, and a database that is down at start is tried again with a growing pause.
 */
public final class HistoryDatabase {
    /** What the history endpoints can do now. */
    public enum State {
        /** No database configured. */
        off,
        /** Configured, the migrations not yet applied (the database may be unreachable). */
        starting,
        ready,
        /** Stopped, or the configuration cannot work (a malformed URL). */
        failed
    }

    /** Work done with one pooled connection, on a worker thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public static final String MIGRATIONS = "classpath:db/migration";
    private static final Logger log = LoggerFactory.getLogger(HistoryDatabase.class);
    private static final long RETRY_MIN_MS = 1_000;
    private static final long RETRY_MAX_MS = 30_000;
    /** Queries are short reads; several dashboards instances share one server. */
    private static final int POOL_SIZE = 4;
    /** A history query that runs away must not hold a pooled connection for long. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final Database database;
    private volatile State state;
    private final List<Runnable> readyListeners = new ArrayList<>();
    private volatile String problem;
    private String jdbcUrl;
    private HikariDataSource pool;
    private WorkerExecutor workers;
    private long retryTimer = -1;
    private long retryDelay = RETRY_MIN_MS;
    private boolean stopped;

    private HistoryDatabase(Vertx vertx, Database database) {
        this.vertx = vertx;
        this.database = database;
        this.state = database == null ? State.off : State.starting;
        this.problem = database == null
                ? "history is off: the dashboards were started without a database (db.url, --db-url)"
                : "the history database is being prepared";
    }

    public static HistoryDatabase of(Vertx vertx, Optional<Database> database) {
        return new HistoryDatabase(vertx, database.orElse(null));
    }

    /** Begins connecting and migrating in the background; call on the verticle's context. */
    public void start() {
        if (database == null) {
            return;
        }
        try {
            jdbcUrl = JdbcUrl.normalise(database.url());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            state = State.failed;
            log.error("history unavailable: {}", problem);
            return;
        }
        log.info("history database {}", JdbcUrl.redacted(jdbcUrl));
        workers = vertx.createSharedWorkerExecutor("ioc-history", POOL_SIZE);
        attempt();
    }

    public State state() {
        return state;
    }

    /** Runs {@code listener} on this verticle's context once the schema is migrated and the pool is open. */
    public void onReady(Runnable listener) {
        readyListeners.add(listener);
    }

    /** Why the history cannot be read now, in words for an API client; null when it can. */
    public String problem() {
        return problem;
    }

    /** Runs {@code work} with a pooled connection on a worker thread; fails at once when the history is not ready. */
    public <T> Future<T> read(Work<T> work) {
        if (state != State.ready) {
            return Future.failedFuture(new IllegalStateException(problem));
        }
        return workers.executeBlocking(
                () -> {
                    try (Connection connection = pool.getConnection()) {
                        return work.run(connection);
                    }
                },
                false);
    }

    /**
     * Runs {@code work} with a pooled connection made writable for it, in one transaction: only for what the
     * dashboards themselves record (the operators' actions); everything else here reads.
     */
    public <T> Future<T> write(Work<T> work) {
        if (state != State.ready) {
            return Future.failedFuture(new IllegalStateException(problem));
        }
        return workers.executeBlocking(
                () -> {
                    try (Connection connection = pool.getConnection()) {
                        // The pool hands out read-only connections; Hikari resets both settings on return.
                        connection.setReadOnly(false);
                        connection.setAutoCommit(false);
                        try {
                            T result = work.run(connection);
                            connection.commit();
                            return result;
                        } catch (SQLException | RuntimeException e) {
                            connection.rollback();
                            throw e;
                        }
                    }
                },
                false);
    }

    public Future<Void> stop() {
        stopped = true;
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
        }
        if (state != State.off) {
            problem = "the server is stopping";
            state = State.failed;
        }
        if (workers == null) {
            return Future.succeededFuture();
        }
        HikariDataSource closing = pool;
        return workers.executeBlocking(() -> {
                    if (closing != null) {
                        closing.close();
                    }
                    return null;
                })
                .<Void>mapEmpty()
                .eventually(() -> workers.close());
    }

    private void attempt() {
        workers.executeBlocking(
                        () -> {
                            MigrateResult result = migrate();
                            return new Opened(result, openPool());
                        },
                        false)
                .onComplete(done -> {
                    if (stopped) {
                        if (done.succeeded()) {
                            done.result().pool().close();
                        }
                        return;
                    }
                    if (done.succeeded()) {
                        MigrateResult result = done.result().migrations();
                        log.info(
                                "history schema at version {} ({} migrations applied now)",
                                result.targetSchemaVersion != null
                                        ? result.targetSchemaVersion
                                        : result.initialSchemaVersion,
                                result.migrationsExecuted);
                        pool = done.result().pool();
                        problem = null;
                        state = State.ready;
                        readyListeners.forEach(Runnable::run);
                    } else {
                        Throwable cause = rootCause(done.cause());
                        problem = "the history database is not reachable yet (" + cause.getMessage() + ")";
                        log.warn("history: {}; trying again in {} s", problem, retryDelay / 1000);
                        retryTimer = vertx.setTimer(retryDelay, t -> {
                            retryTimer = -1;
                            attempt();
                        });
                        retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
                    }
                });
    }

    private record Opened(MigrateResult migrations, HikariDataSource pool) {}

    private MigrateResult migrate() {
        return Flyway.configure(HistoryDatabase.class.getClassLoader())
                .dataSource(jdbcUrl, database.user(), database.password())
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    private HikariDataSource openPool() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ioc-history");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        // The dashboards read, so a bug in a query cannot write to the history; write() opens up one connection.
        config.setReadOnly(true);
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("ApplicationName", "ioc-dashboards");
        config.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
