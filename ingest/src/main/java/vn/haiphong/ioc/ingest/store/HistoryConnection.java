package vn.haiphong.ioc.ingest.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One JDBC connection to the history database that writes {@link HistoryBatch}es, each in one transaction, either
 * by COPY through a staging table or by multi-row INSERTs ({@link WriteMode}). Plain JDBC, no Flink: the sink writer,
 * the tests and the benchmark use it alike.
 */
public final class HistoryConnection implements AutoCloseable {
    /** A multi-row INSERT stays far below PostgreSQL's 65,535 bind parameters and pgjdbc's 32,767. */
    static final int MAX_INSERT_ROWS = 1000;

    private final Connection connection;
    private final WriteMode mode;
    private final CopyManager copy;
    private final Set<HistoryTable> staged = EnumSet.noneOf(HistoryTable.class);
    private final Map<HistoryTable, String> fullInserts = new EnumMap<>(HistoryTable.class);
    private final StringBuilder copyText = new StringBuilder(1 << 16);

    private HistoryConnection(Connection connection, WriteMode mode) throws SQLException {
        this.connection = connection;
        this.mode = mode;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /**
     * Connects with bounded waits (10 s to connect and log in, 60 s per socket read), so that a database that is down
     * or hangs turns into an exception the caller can retry rather than a thread stuck forever.
     */
    public static HistoryConnection open(
            String url, String user, String password, String applicationName, WriteMode mode) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", "10");
        p.setProperty("loginTimeout", "10");
        p.setProperty("socketTimeout", "60");
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(url, p);
        try {
            c.setAutoCommit(false);
            return new HistoryConnection(c, mode);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Writes every row of the batch in one transaction and commits; on an exception nothing of it is committed. */
    public void write(HistoryBatch batch) throws SQLException {
        try {
            for (HistoryTable table : HistoryTable.values()) {
                Collection<HistoryRow> rows = batch.rows(table);
                if (rows.isEmpty()) {
                    continue;
                }
                if (mode == WriteMode.COPY) {
                    copy(table, rows);
                } else {
                    insert(table, rows);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Runs the schema's housekeeping (partitions ahead, retention), returning what it did (empty: nothing). */
    public String maintain() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT ioc_maintain()")) {
            r.next();
            String done = r.getString(1);
            connection.commit();
            return done == null ? "" : done;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private void copy(HistoryTable table, Collection<HistoryRow> rows) throws SQLException {
        if (staged.add(table)) {
            try (Statement s = connection.createStatement()) {
                s.execute(table.createStaging());
            } catch (SQLException e) {
                staged.remove(table);
                throw e;
            }
        }
        copyText.setLength(0);
        for (HistoryRow row : rows) {
            appendCopyLine(copyText, table, row.values);
        }
        byte[] bytes = copyText.toString().getBytes(StandardCharsets.UTF_8);
        if (copyText.capacity() > (1 << 24)) {
            copyText.setLength(0);
            copyText.trimToSize(); // one huge batch should not pin its buffer for the life of the job
        }
        try {
            copy.copyIn(
                    "COPY " + table.stagingName() + " (" + table.columnList() + ") FROM STDIN",
                    new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SQLRecoverableException("COPY into " + table.stagingName() + " failed: " + e, "08006", e);
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("INSERT INTO " + table.tableName() + " (" + table.columnList() + ") SELECT "
                    + table.columnList() + " FROM " + table.stagingName() + " " + table.onConflict());
        }
        // The staging table empties itself at commit (ON COMMIT DELETE ROWS); write() copies each table once.
    }

    /** One line of COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    static void appendCopyLine(StringBuilder out, HistoryTable table, String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String v = storable(table, i, values[i]);
            if (v == null) {
                out.append("\\N");
                continue;
            }
            // Runs without a character to escape go in whole: appending char by char was most of the writer's time.
            int run = 0;
            for (int j = 0; j < v.length(); j++) {
                String escaped =
                        switch (v.charAt(j)) {
                            case '\\' -> "\\\\";
                            case '\n' -> "\\n";
                            case '\r' -> "\\r";
                            case '\t' -> "\\t";
                            default -> null;
                        };
                if (escaped != null) {
                    out.append(v, run, j).append(escaped);
                    run = j + 1;
                }
            }
            out.append(v, run, v.length());
        }
        out.append('\n');
    }

    private void insert(HistoryTable table, Collection<HistoryRow> rows) throws SQLException {
        Iterator<HistoryRow> it = rows.iterator();
        List<HistoryRow> chunk = new ArrayList<>(Math.min(rows.size(), MAX_INSERT_ROWS));
        while (it.hasNext()) {
            chunk.add(it.next());
            if (chunk.size() == MAX_INSERT_ROWS || !it.hasNext()) {
                String sql = chunk.size() == MAX_INSERT_ROWS
                        ? fullInserts.computeIfAbsent(table, t -> insertSql(t, MAX_INSERT_ROWS))
                        : insertSql(table, chunk.size());
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    int p = 1;
                    for (HistoryRow row : chunk) {
                        for (int i = 0; i < row.values.length; i++) {
                            ps.setString(p++, storable(table, i, row.values[i]));
                        }
                    }
                    ps.executeUpdate();
                }
                chunk.clear();
            }
        }
    }

    /**
     * A value PostgreSQL takes: text cannot hold NUL and jsonb refuses its escape {@code \\u0000}, which JSON allows;
     * both become U+FFFD rather than a batch that no retry can write.
     */
    static String storable(HistoryTable table, int column, String v) {
        if (v == null) {
            return null;
        }
        if (v.indexOf('\0') >= 0) {
            v = v.replace('\0', '\uFFFD');
        }
        if (table.isJson(column) && v.contains("\\u0000")) {
            v = v.replace("\\u0000", "\\ufffd");
        }
        return v;
    }

    static String insertSql(HistoryTable table, int rows) {
        String tuple = IntStream.range(0, table.columnCount())
                .mapToObj(i -> "?::" + table.columnType(i))
                .collect(Collectors.joining(", ", "(", ")"));
        StringBuilder sql = new StringBuilder("INSERT INTO ")
                .append(table.tableName())
                .append(" (")
                .append(table.columnList())
                .append(") VALUES ");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ", ").append(tuple);
        }
        return sql.append(' ').append(table.onConflict()).toString();
    }

    /**
     * Whether an error is the database or the network being unavailable (worth waiting for) rather than something
     * wrong with the rows or the schema (which no retry fixes). Connection (08), resources (53), operator
     * intervention such as a shutdown (57), rollbacks (40) and system errors (58) are transient; so is an error with no
     * SQL state, which pgjdbc gives for I/O failures.
     */
    public static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return true;
        }
        return state.startsWith("08")
                || state.startsWith("53")
                || state.startsWith("57")
                || state.startsWith("40")
                || state.startsWith("58");
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is being given up anyway.
        }
        staged.clear(); // a staging table made in the rolled-back transaction is gone
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a connection to a database that went away.
        }
    }
}
