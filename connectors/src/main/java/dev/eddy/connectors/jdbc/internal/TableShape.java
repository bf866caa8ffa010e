package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.data.DataType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a table against the columns written to or read from it, before a query starts: every column must exist
 * (matched without regard to case) with a type its values fit, else the error names the column. Creates a missing
 * table from the columns when asked.
 */
final class TableShape {
    private static final Map<DataType, Set<Integer>> FITS = Map.of(
            DataType.BOOLEAN, Set.of(Types.BOOLEAN, Types.BIT),
            DataType.INT, Set.of(Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL),
            DataType.LONG, Set.of(Types.BIGINT, Types.NUMERIC, Types.DECIMAL),
            DataType.DOUBLE, Set.of(Types.DOUBLE, Types.FLOAT, Types.NUMERIC, Types.DECIMAL, Types.REAL),
            DataType.STRING,
                    Set.of(
                            Types.VARCHAR,
                            Types.CHAR,
                            Types.LONGVARCHAR,
                            Types.NVARCHAR,
                            Types.NCHAR,
                            Types.LONGNVARCHAR,
                            Types.CLOB),
            DataType.TIMESTAMP, Set.of(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE),
            DataType.DATE, Set.of(Types.DATE));

    /** A table column: its name as the database spells it, its JDBC type and type name. */
    record DbColumn(String name, int jdbcType, String typeName) {}

    private TableShape() {}

    /** The table's columns by lower-case name, or empty if the table does not exist. */
    static Optional<Map<String, DbColumn>> columns(Connection c, String table) throws SQLException {
        boolean auto = c.getAutoCommit();
        // a failed statement aborts PostgreSQL's transaction: probe in autocommit so nothing else is lost
        c.setAutoCommit(true);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, DbColumn> out = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.put(
                        md.getColumnName(i).toLowerCase(Locale.ROOT),
                        new DbColumn(md.getColumnName(i), md.getColumnType(i), md.getColumnTypeName(i)));
            }
            return Optional.of(out);
        } catch (SQLException e) {
            if (exists(c, table)) {
                throw e; // the table is there but cannot be read: say why
            }
            return Optional.empty();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Whether the database knows the table (by its metadata, in any case). */
    private static boolean exists(Connection c, String table) throws SQLException {
        String[] parts = table.replace("\"", "").split("\\.");
        String name = parts[parts.length - 1];
        String schema = parts.length > 1 ? parts[parts.length - 2] : null;
        for (String n : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(null, schema, n, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The table's spelling of each wanted column, in order; an IllegalArgumentException names the first column
     * that is missing or whose type does not fit.
     */
    static List<String> match(
            Map<String, DbColumn> table, String tableName, List<String> names, List<DataType> types, String what) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            DbColumn db = table.get(names.get(i).toLowerCase(Locale.ROOT));
            if (db == null) {
                throw new IllegalArgumentException("table " + tableName + " has no column '" + names.get(i) + "' ("
                        + what + "'s column " + names.get(i) + " "
                        + types.get(i).sqlName().toUpperCase(Locale.ROOT)
                        + "); its columns are "
                        + table.values().stream().map(DbColumn::name).collect(Collectors.joining(", ")));
            }
            if (!FITS.getOrDefault(types.get(i), Set.of()).contains(db.jdbcType())) {
                throw new IllegalArgumentException("column '" + db.name() + "' of table " + tableName + " is "
                        + db.typeName().toUpperCase(Locale.ROOT) + ", which does not fit " + what + "'s column "
                        + names.get(i) + " " + types.get(i).sqlName().toUpperCase(Locale.ROOT));
            }
            out.add(db.name());
        }
        return out;
    }

    static void create(Connection c, Dialect d, String table, SinkColumns cols, List<String> primaryKey)
            throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table).append(" (");
        for (int i = 0; i < cols.cols().size(); i++) {
            SinkColumns.Col col = cols.cols().get(i);
            sql.append(i == 0 ? "" : ", ")
                    .append(Dialect.quote(col.name()))
                    .append(' ')
                    .append(d.typeName(col.type()));
            if (!col.nullable() || primaryKey.contains(col.name())) {
                sql.append(" NOT NULL");
            }
        }
        if (!primaryKey.isEmpty()) {
            sql.append(", PRIMARY KEY (")
                    .append(primaryKey.stream().map(Dialect::quote).collect(Collectors.joining(", ")))
                    .append(')');
        }
        sql.append(')');
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(sql.toString());
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * PostgreSQL: whether some unique index or primary key covers exactly these columns (ON CONFLICT needs one).
     */
    static boolean hasUniqueKey(Connection c, String table, List<String> columns) throws SQLException {
        String sql = "SELECT array_to_string(array_agg(a.attname::text ORDER BY a.attname), ',') FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = ?::regclass AND i.indisunique GROUP BY i.indexrelid";
        String wanted = columns.stream().sorted().collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.equals(rs.getString(1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
