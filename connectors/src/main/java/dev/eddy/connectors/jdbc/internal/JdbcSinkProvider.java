package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.spi.Secrets;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Format {@code jdbc} for writing ({@code writeStream().format("jdbc")}, SQL's {@code INSERT INTO} a JDBC table).
 * Everything that can be checked is checked here, before the query's first batch: the options, the driver, the
 * connection, the table's columns and types (or the table is created), the key for update mode.
 */
public final class JdbcSinkProvider implements SinkProvider {
    @Override
    public String formatName() {
        return "jdbc";
    }

    @Override
    public Set<String> optionNames() {
        return JdbcOptions.SINK_OPTIONS;
    }

    @Override
    public Sink createSink(SinkContext ctx) {
        JdbcOptions o = JdbcOptions.parse(ctx.options());
        Dialect dialect = Dialect.of(o.url());
        SinkColumns cols = SinkColumns.of(ctx.schema());
        List<String> keys = List.of();
        if (ctx.outputMode() == OutputMode.UPDATE) {
            if (!dialect.upserts()) {
                throw new UnsupportedOperationException("the JDBC sink upserts (update mode) on PostgreSQL, DuckDB and"
                        + " SQLite only; " + o.safeUrl() + " is a " + dialect.label() + " database: use append or"
                        + " complete mode");
            }
            keys = cols.keyNames(ctx.keyColumns(), ctx.schema());
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("the JDBC sink upserts by the query's key in update mode, and this"
                        + " query has none (no GROUP BY): use append mode");
            }
        }
        Connection c = JdbcConnections.open(o);
        try {
            List<String> tableColumns = prepareTable(c, o, dialect, cols, keys);
            if (ctx.outputMode() == OutputMode.UPDATE) {
                keys = keys.stream()
                        .map(k -> tableColumns.get(cols.names().indexOf(k)))
                        .toList();
                if (dialect == Dialect.POSTGRESQL && !TableShape.hasUniqueKey(c, o.table(), keys)) {
                    throw new IllegalArgumentException("table " + o.table() + " needs a primary key or unique index on "
                            + keys + " for the JDBC sink's upserts (update mode): ALTER TABLE " + o.table()
                            + " ADD PRIMARY KEY (" + String.join(", ", keys) + ")");
                }
            }
            Optional<String> queryId = ctx.queryId();
            if (queryId.isPresent()) {
                JdbcSink.createProgressTable(c, o.progressTable());
            }
            return new JdbcSink(o, dialect, cols, tableColumns, keys, queryId.orElse(null), c);
        } catch (SQLException e) {
            close(c);
            throw new IllegalStateException(
                    "JDBC sink for table " + o.table() + " at " + o.safeUrl() + ": "
                            + Secrets.scrub(e.getMessage(), o.secrets()),
                    null);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    private static List<String> prepareTable(
            Connection c, JdbcOptions o, Dialect d, SinkColumns cols, List<String> keys) throws SQLException {
        Optional<Map<String, TableShape.DbColumn>> existing = TableShape.columns(c, o.table());
        if (existing.isEmpty()) {
            if (!o.createTable()) {
                throw new IllegalArgumentException(
                        "table " + o.table() + " does not exist at " + o.safeUrl() + " (option createTable is false)");
            }
            TableShape.create(c, d, o.table(), cols, keys);
            existing = TableShape.columns(c, o.table());
            if (existing.isEmpty()) {
                throw new IllegalStateException("table " + o.table() + " was created but cannot be read");
            }
        }
        return TableShape.match(
                existing.get(),
                o.table(),
                cols.names(),
                cols.cols().stream().map(SinkColumns.Col::type).toList(),
                "the query");
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already failing
        }
    }
}
