package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Secrets;
import dev.eddy.streaming.api.spi.StaticTable;
import dev.eddy.streaming.api.spi.TableProvider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Format {@code jdbc} as a bounded table: SQL's {@code CREATE TABLE t (...) WITH ('connector' = 'jdbc', 'url' = ...,
 * 'table' = ...)}, {@code eddy.read().format("jdbc")}. The declared columns are checked against the database table
 * when the table is opened (without a declaration they come from the database's column types); each read runs one
 * {@code SELECT} of the columns asked for - every batch query, every batch of a stream-static join - unless
 * {@code cache.ttl} lets a read be reused for that long.
 */
public final class JdbcTableProvider implements TableProvider {
    @Override
    public String formatName() {
        return "jdbc";
    }

    @Override
    public StaticTable open(Map<String, String> options, Optional<Schema> declared) {
        for (String key : options.keySet()) {
            boolean known = JdbcOptions.TABLE_OPTIONS.stream()
                    .anyMatch(n -> n.endsWith(".*") ? key.startsWith(n.substring(0, n.length() - 1)) : key.equals(n));
            if (!known) {
                throw new IllegalArgumentException("option '" + key + "' is not an option of connector 'jdbc'; it"
                        + " takes " + String.join(", ", new TreeSet<>(JdbcOptions.TABLE_OPTIONS)));
            }
        }
        JdbcOptions o = JdbcOptions.parse(options);
        Schema schema;
        List<String> columns;
        try (Connection c = JdbcConnections.open(o)) {
            Map<String, TableShape.DbColumn> existing = TableShape.columns(c, o.table())
                    .orElseThrow(() ->
                            new IllegalArgumentException("table " + o.table() + " does not exist at " + o.safeUrl()));
            schema = declared.orElseGet(() -> fromDatabase(existing, o));
            for (Field f : schema.fields()) {
                if (f.type() == DataType.STRUCT) {
                    throw new IllegalArgumentException("column '" + f.name() + "' cannot be a struct");
                }
            }
            columns = TableShape.match(
                    existing,
                    o.table(),
                    schema.names(),
                    schema.fields().stream().map(Field::type).toList(),
                    "the declared table");
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    "table " + o.table() + " at " + o.safeUrl() + ": " + Secrets.scrub(e.getMessage(), o.secrets()));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage()); // cannot connect: already without credentials
        }
        return new JdbcTable(o, schema, columns);
    }

    /** The Eddy schema of a database table's columns; a column of a type Eddy has no match for is named. */
    private static Schema fromDatabase(Map<String, TableShape.DbColumn> columns, JdbcOptions o) {
        List<Field> fields = new ArrayList<>();
        for (TableShape.DbColumn c : columns.values()) {
            DataType t = switch (c.jdbcType()) {
                case Types.BOOLEAN, Types.BIT -> DataType.BOOLEAN;
                case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> DataType.INT;
                case Types.BIGINT -> DataType.LONG;
                case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> DataType.DOUBLE;
                case Types.VARCHAR,
                        Types.CHAR,
                        Types.LONGVARCHAR,
                        Types.NVARCHAR,
                        Types.NCHAR,
                        Types.LONGNVARCHAR,
                        Types.CLOB -> DataType.STRING;
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> DataType.TIMESTAMP;
                case Types.DATE -> DataType.DATE;
                default ->
                    throw new IllegalArgumentException("column '" + c.name() + "' of table " + o.table()
                            + " is " + c.typeName().toUpperCase(Locale.ROOT) + ", which Eddy cannot read; declare the"
                            + " columns to read without it");
            };
            fields.add(Field.of(c.name(), t));
        }
        return Schema.of(fields);
    }

    /** Reads the table, or answers the last read of the same columns while it is younger than the TTL. */
    static final class JdbcTable implements StaticTable {
        private final JdbcOptions options;
        private final Schema schema;
        private final Map<String, String> dbNames = new HashMap<>();
        private final Map<List<String>, Batch> cached = new HashMap<>();
        private final Map<List<String>, Long> readAt = new HashMap<>();

        JdbcTable(JdbcOptions options, Schema schema, List<String> columns) {
            this.options = options;
            this.schema = schema;
            for (int i = 0; i < columns.size(); i++) {
                dbNames.put(schema.field(i).name(), columns.get(i));
            }
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public synchronized Batch read(List<String> columns) {
            List<String> wanted = columns.isEmpty() ? schema.names() : List.copyOf(columns);
            Duration ttl = options.cacheTtl();
            Batch last = cached.get(wanted);
            if (last != null && !ttl.isZero() && System.nanoTime() - readAt.get(wanted) < ttl.toNanos()) {
                return last;
            }
            List<Field> fields = new ArrayList<>();
            for (String c : wanted) {
                int i = schema.indexOf(c);
                if (i < 0) {
                    throw new IllegalArgumentException("table " + options.table() + " has no column '" + c + "'");
                }
                fields.add(schema.field(i));
            }
            String select = "SELECT "
                    + wanted.stream().map(c -> Dialect.quote(dbNames.get(c))).collect(Collectors.joining(", "))
                    + " FROM " + options.table();
            try (Connection c = JdbcConnections.open(options)) {
                Batch b = JdbcTableProvider.read(c, select, Schema.of(fields));
                cached.put(wanted, b);
                readAt.put(wanted, System.nanoTime());
                return b;
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "cannot read table " + options.table() + " at " + options.safeUrl() + ": "
                                + Secrets.scrub(e.getMessage(), options.secrets()),
                        null);
            }
        }

        @Override
        public String description() {
            return "JdbcTable[" + options.safeUrl() + ", " + options.table() + "]";
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
                            case DATE -> {
                                LocalDate d = rs.getObject(p, LocalDate.class);
                                if (d != null) {
                                    b.setValue(i, d);
                                }
                            }
                            case TIMESTAMP -> {
                                Timestamp t = rs.getTimestamp(p, utc);
                                if (t != null) {
                                    b.setTimestampMicros(
                                            i, Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000);
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
