package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Secrets;
import dev.eddy.streaming.api.spi.Sink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes each batch in one transaction together with (query id, batch id) in the progress table, so a batch the
 * engine replays after a crash is found there and skipped: exactly once. APPEND inserts (PostgreSQL: COPY; others:
 * batched inserts), UPDATE upserts by the key (PostgreSQL: COPY into a temporary table, then one
 * {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}), COMPLETE deletes the table's rows and inserts the result, so
 * readers see the old contents until the new ones are committed. A failing batch is rolled back whole.
 */
final class JdbcSink implements Sink {
    private final JdbcOptions options;
    private final Dialect dialect;
    private final SinkColumns cols;
    private final List<String> tableColumns;
    private final List<String> keys;
    private final String queryId;
    private Connection connection;
    private long lastCommitted = -1;

    JdbcSink(
            JdbcOptions options,
            Dialect dialect,
            SinkColumns cols,
            List<String> tableColumns,
            List<String> keys,
            String queryId,
            Connection connection)
            throws SQLException {
        this.options = options;
        this.dialect = dialect;
        this.cols = cols;
        this.tableColumns = tableColumns;
        this.keys = keys;
        this.queryId = queryId;
        this.connection = connection;
        if (queryId != null) {
            lastCommitted = readProgress(connection);
        }
    }

    @Override
    public void addBatch(long batchId, Batch batch, OutputMode mode) {
        if (queryId != null && batchId <= lastCommitted) {
            return; // committed before a crash; the engine replays it
        }
        try {
            Connection c = connection();
            c.setAutoCommit(false);
            try {
                if (queryId != null && readProgress(c) >= batchId) {
                    c.rollback();
                    lastCommitted = batchId;
                    return;
                }
                write(c, batch, mode);
                if (queryId != null) {
                    writeProgress(c, batchId);
                }
                c.commit();
                lastCommitted = batchId;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(BatchErrors.describe(e, batchId, batch, cols, options), null);
        }
    }

    private void write(Connection c, Batch batch, OutputMode mode) throws SQLException {
        if (mode == OutputMode.COMPLETE) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM " + options.table());
            }
        }
        if (batch.numRows() == 0) {
            return;
        }
        boolean upsert = mode == OutputMode.UPDATE;
        if (dialect == Dialect.POSTGRESQL && PgCopy.supports(c)) {
            if (!upsert) {
                PgCopy.copy(c, options.table(), tableColumns, cols, batch);
                return;
            }
            String stage = "eddy_stage_" + Integer.toHexString(options.table().hashCode() & 0x7fffffff);
            String list = tableColumns.stream().map(Dialect::quote).collect(Collectors.joining(", "));
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE " + stage + " ON COMMIT DROP AS SELECT " + list + " FROM "
                        + options.table() + " WITH NO DATA");
            }
            PgCopy.copy(c, stage, tableColumns, cols, batch);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + options.table() + " (" + list + ") SELECT " + list + " FROM " + stage
                        + Dialect.onConflict(tableColumns, keys));
            }
            return;
        }
        BatchedInserts.write(
                c,
                dialect.insertSql(options.table(), tableColumns, upsert ? keys : List.of()),
                cols,
                batch,
                options.batchSize());
    }

    private long readProgress(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT batch_id FROM " + options.progressTable() + " WHERE query_id = ? AND sink_table = ?")) {
            ps.setString(1, queryId);
            ps.setString(2, options.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private void writeProgress(Connection c, long batchId) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE " + options.progressTable() + " SET batch_id = ? WHERE query_id = ? AND sink_table = ?")) {
            up.setLong(1, batchId);
            up.setString(2, queryId);
            up.setString(3, options.table());
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO " + options.progressTable() + " (query_id, sink_table, batch_id) VALUES (?, ?, ?)")) {
            ins.setString(1, queryId);
            ins.setString(2, options.table());
            ins.setLong(3, batchId);
            ins.executeUpdate();
        }
    }

    /** Creates the progress table if it is missing (every database the sink supports has IF NOT EXISTS). */
    static void createProgressTable(Connection c, String table) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS " + table + " (query_id VARCHAR(64) NOT NULL,"
                            + " sink_table VARCHAR(512) NOT NULL, batch_id BIGINT NOT NULL, PRIMARY KEY (query_id, sink_table))");
        } catch (SQLException e) {
            // two queries starting at once may both create it: fine if it is there now
            if (TableShape.columns(c, table).isEmpty()) {
                throw e;
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private Connection connection() {
        try {
            if (connection != null && !connection.isClosed()) {
                return connection;
            }
        } catch (SQLException e) {
            // reconnect below
        }
        close();
        connection = JdbcConnections.open(options);
        return connection;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is gone: nothing was committed either
        }
    }

    private void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection
            }
            connection = null;
        }
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public String description() {
        return "JdbcSink[" + Secrets.scrub(options.safeUrl(), options.secrets()) + ", " + options.table() + "]";
    }
}
