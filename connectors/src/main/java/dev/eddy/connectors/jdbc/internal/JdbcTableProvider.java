package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Secrets;
import dev.eddy.streaming.api.spi.TableProvider;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * SQL's {@code CREATE TABLE t (...) WITH ('connector' = 'jdbc', 'url' = ..., 'table' = ...)}: the declared columns
 * are checked against the database table when the table is created, and read with one {@code SELECT} each time the
 * table is queried - every batch of a stream-static join, every batch query - unless {@code cache.ttl} lets a read
 * be reused for that long.
 */
public final class JdbcTableProvider implements TableProvider {
    @Override
    public String connectorName() {
        return "jdbc";
    }

    @Override
    public Set<String> optionNames() {
        return JdbcOptions.TABLE_OPTIONS;
    }

    @Override
    public Supplier<Batch> open(String tableName, Map<String, String> options, Schema declared) {
        JdbcOptions o = JdbcOptions.parse(options);
        for (Field f : declared.fields()) {
            if (f.type() == DataType.STRUCT) {
                throw new IllegalArgumentException("JDBC table '" + tableName + "': column '" + f.name()
                        + "' cannot be a struct");
            }
        }
        List<String> columns;
        try (Connection c = JdbcConnections.open(o)) {
            var existing = TableShape.columns(c, o.table()).orElseThrow(() -> new IllegalArgumentException(
                    "JDBC table '" + tableName + "': table " + o.table() + " does not exist at " + o.safeUrl()));
            columns = TableShape.match(existing, o.table(), declared.names(),
                    declared.fields().stream().map(Field::type).toList(), "'" + tableName + "'");
        } catch (SQLException e) {
            throw new IllegalArgumentException("JDBC table '" + tableName + "' at " + o.safeUrl() + ": "
                    + Secrets.scrub(e.getMessage(), o.secrets()));
        }
        return new Cached(o, declared, columns);
    }

    /** Reads the table, or answers the last read while it is younger than the TTL. */
    static final class Cached implements Supplier<Batch> {
        private final JdbcOptions options;
        private final Schema schema;
        private final String select;
        private Batch last;
        private long readAtNanos;

        Cached(JdbcOptions options, Schema schema, List<String> columns) {
            this.options = options;
            this.schema = schema;
            this.select = "SELECT " + columns.stream().map(Dialect::quote).collect(Collectors.joining(", "))
                    + " FROM " + options.table();
        }

        @Override
        public synchronized Batch get() {
            Duration ttl = options.cacheTtl();
            if (last != null && !ttl.isZero() && System.nanoTime() - readAtNanos < ttl.toNanos()) {
                return last;
            }
            try (Connection c = JdbcConnections.open(options)) {
                last = read(c, select, schema);
                readAtNanos = System.nanoTime();
                return last;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read table " + options.table() + " at " + options.safeUrl()
                        + ": " + Secrets.scrub(e.getMessage(), options.secrets()), null);
            }
        }
    }

    static Batch read(Connection c, String select, Schema schema) throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        List<Field> fields = new ArrayList<>(schema.fields());
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery(select)) {
                BatchBuilder b = Batch.builder(schema);
                while (rs.next()) {
                    for (int i = 0; i < fields.size(); i++) {
                        int p = i + 1;
                        switch (fields.get(i).type()) {
                            case BOOLEAN -> {
                                boolean v = rs.getBoolean(p);
                                if (!rs.wasNull()) {
                                    b.setBoolean(i, v);
                                }
                            }
                            case INT -> {
                                int v = rs.getInt(p);
                                if (!rs.wasNull()) {
                                    b.setInt(i, v);
                                }
                            }
                            case LONG -> {
                                long v = rs.getLong(p);
                                if (!rs.wasNull()) {
                                    b.setLong(i, v);
                                }
                            }
                            case DOUBLE -> {
                                double v = rs.getDouble(p);
                                if (!rs.wasNull()) {
                                    b.setDouble(i, v);
                                }
                            }
                            case TIMESTAMP -> {
                                Timestamp t = rs.getTimestamp(p, utc);
                                if (t != null) {
                                    b.setTimestampMicros(i, Math.floorDiv(t.getTime(), 1000L) * 1_000_000L
                                            + t.getNanos() / 1000);
                                }
                            }
                            default -> {
                                String v = rs.getString(p);
                                if (v != null) {
                                    b.setString(i, v);
                                }
                            }
                        }
                    }
                    b.endRow();
                }
                return b.build();
            }
        }
    }
}
