package dev.eddy.connectors.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.eddy.connectors.parquet.internal.ParquetDataset.Decoder;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as lists of values for the decoders' differential tests: a file read by one decoder, a DuckDB query's answer,
 * and the comparison of two such lists value by value.
 */
final class DecodedRows {
    private DecodedRows() {}

    static Batch read(Path f, Decoder d) {
        return ParquetDataset.open(f, null).withDecoder(d).read(List.of());
    }

    static List<List<Object>> rowsOf(Batch b) {
        List<List<Object>> out = new ArrayList<>(b.numRows());
        for (int i = 0; i < b.numRows(); i++) {
            Row r = b.row(i);
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < b.numColumns(); c++) {
                row.add(r.isNull(c) ? null : r.get(c));
            }
            out.add(row);
        }
        return out;
    }

    static void assertRows(List<List<Object>> got, List<List<Object>> expected, String what) {
        assertThat(got.size()).as("%s: rows", what).isEqualTo(expected.size());
        for (int i = 0; i < got.size(); i++) {
            List<Object> g = got.get(i);
            List<Object> e = expected.get(i);
            for (int c = 0; c < e.size(); c++) {
                if (!same(g.get(c), e.get(c))) {
                    fail(what + ": row " + i + " column " + c + ": got " + g.get(c) + " expected " + e.get(c));
                }
            }
        }
    }

    /** Equal values; numbers of any boxed integer type by value, doubles bit for bit (NaN, -0.0). */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        }
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Double) && !(b instanceof Double)) {
            return x.longValue() == y.longValue();
        }
        return a.equals(b);
    }

    /** The rows of DuckDB's answer to {@code sql}, its first {@code columns} columns each. */
    static List<List<Object>> query(Connection duck, String sql, int columns) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getObject(c));
                }
                out.add(row);
            }
        }
        return out;
    }
}
