package dev.eddy.connectors.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A throw-away in-memory DuckDB, the independent Parquet implementation the tests check Eddy against. */
final class DuckDb implements AutoCloseable {
    private final Connection conn;

    DuckDb() throws SQLException {
        conn = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET TimeZone = 'UTC'");
    }

    void execute(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every row as a list of the JDBC values' strings (null stays null). */
    List<List<String>> query(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    Object v = rs.getObject(i + 1);
                    row[i] = v == null ? null : v.toString();
                }
                out.add(Arrays.asList(row));
            }
        }
        return out;
    }

    /** {@code read_parquet} over every Parquet file in {@code dir}. */
    static String glob(Path dir) {
        return "read_parquet('" + dir.toString().replace("'", "''") + "/*.parquet')";
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
