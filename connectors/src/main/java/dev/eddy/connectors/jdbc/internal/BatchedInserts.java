package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StringColumn;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Writes a batch through one prepared statement with JDBC batches of {@code batchsize} rows (never a round trip per
 * row). Timestamps are bound as UTC.
 */
final class BatchedInserts {
    private BatchedInserts() {}

    /** Thrown with the index (in the batch) of the row the database refused, when the driver tells. */
    static final class RowFailure extends SQLException {
        final int row;

        RowFailure(SQLException cause, int row) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.row = row;
        }
    }

    static void write(Connection c, String sql, SinkColumns cols, Batch b, int batchSize) throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Column[] data = new Column[cols.cols().size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = cols.cols().get(i).of(b);
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int start = 0;
            for (int r = 0; r < b.numRows(); r++) {
                for (int i = 0; i < data.length; i++) {
                    bind(ps, i + 1, cols.cols().get(i), b, data[i], r, utc);
                }
                ps.addBatch();
                if (r - start + 1 == batchSize || r == b.numRows() - 1) {
                    try {
                        ps.executeBatch();
                    } catch (BatchUpdateException e) {
                        throw new RowFailure(e, start + failedIndex(e.getUpdateCounts()));
                    }
                    start = r + 1;
                }
            }
        }
    }

    private static int failedIndex(int[] counts) {
        if (counts == null) {
            return 0;
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.EXECUTE_FAILED) {
                return i;
            }
        }
        return counts.length; // the driver stopped at the failing row
    }

    private static void bind(PreparedStatement ps, int p, SinkColumns.Col col, Batch b, Column c, int r, Calendar utc)
            throws SQLException {
        if (col.isNull(b, c, r)) {
            ps.setNull(
                    p,
                    switch (col.type()) {
                        case BOOLEAN -> Types.BOOLEAN;
                        case INT -> Types.INTEGER;
                        case LONG -> Types.BIGINT;
                        case DOUBLE -> Types.DOUBLE;
                        case TIMESTAMP -> Types.TIMESTAMP;
                        case DATE -> Types.DATE;
                        default -> Types.VARCHAR;
                    });
            return;
        }
        switch (col.type()) {
            case BOOLEAN -> ps.setBoolean(p, ((BooleanColumn) c).getBoolean(r));
            case INT -> ps.setInt(p, ((IntColumn) c).getInt(r));
            case LONG -> ps.setLong(p, ((LongColumn) c).getLong(r));
            case DOUBLE -> ps.setDouble(p, ((DoubleColumn) c).getDouble(r));
            case TIMESTAMP -> ps.setTimestamp(p, timestamp(((LongColumn) c).getLong(r)), utc);
            case STRING -> ps.setString(p, ((StringColumn) c).getString(r));
            case DATE -> ps.setObject(p, LocalDate.ofEpochDay(((IntColumn) c).getInt(r)));
            case STRUCT -> throw new IllegalStateException("structs are flattened before writing");
        }
    }

    static Timestamp timestamp(long micros) {
        Timestamp t = new Timestamp(Math.floorDiv(micros, 1000L));
        t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
        return t;
    }
}
