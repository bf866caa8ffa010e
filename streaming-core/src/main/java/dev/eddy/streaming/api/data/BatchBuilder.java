package dev.eddy.streaming.api.data;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Builds a {@link Batch} row by row: call setters for the columns of the current row (a column not set is
 * null), then {@link #endRow()}; or {@link #addRow(Object...)} with boxed values. Not thread-safe; a
 * builder is used once ({@link #build()} hands its arrays to the batch).
 */
public final class BatchBuilder {
    private final Schema schema;
    private final ColumnBuilder[] cols;
    private final boolean[] written;
    /** The columns not left null, the only ones {@link #endRow()} has to visit. */
    private int[] live;

    private int row;
    private boolean built;

    BatchBuilder(Schema schema, int expectedRows) {
        this.schema = schema;
        this.cols = new ColumnBuilder[schema.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = new ColumnBuilder(schema.field(i), Math.max(expectedRows, 4));
        }
        this.written = new boolean[cols.length];
        this.live = new int[cols.length];
        for (int i = 0; i < cols.length; i++) {
            live[i] = i;
        }
    }

    public Schema schema() {
        return schema;
    }

    /** Rows finished so far. */
    public int numRows() {
        return row;
    }

    public BatchBuilder setLong(int col, long v) {
        cols[col].setLong(row, v);
        written[col] = true;
        return this;
    }

    /** Sets a TIMESTAMP column, in epoch microseconds. */
    public BatchBuilder setTimestampMicros(int col, long micros) {
        return setLong(col, micros);
    }

    public BatchBuilder setInt(int col, int v) {
        cols[col].setInt(row, v);
        written[col] = true;
        return this;
    }

    public BatchBuilder setDouble(int col, double v) {
        cols[col].setDouble(row, v);
        written[col] = true;
        return this;
    }

    public BatchBuilder setBoolean(int col, boolean v) {
        cols[col].setBoolean(row, v);
        written[col] = true;
        return this;
    }

    public BatchBuilder setString(int col, String v) {
        cols[col].setValue(row, v);
        written[col] = true;
        return this;
    }

    public BatchBuilder setNull(int col) {
        cols[col].setValue(row, null);
        written[col] = true;
        return this;
    }

    /**
     * Sets a boxed value: Number for numeric columns, Long micros or java.time.Instant for TIMESTAMP,
     * java.time.LocalDate or Integer days since the epoch for DATE,
     * Boolean, String (any object's toString for STRING), Row or Object[] for STRUCT, null for null.
     */
    public BatchBuilder setValue(int col, Object v) {
        cols[col].setValue(row, v);
        written[col] = true;
        return this;
    }

    /**
     * Column pruning: column {@code col} stays null in every row and keeps no values (writes to it are ignored, so a
     * source can leave a column the query does not read unbuilt). Call before the first row.
     */
    public BatchBuilder leaveNull(int col) {
        cols[col].leaveNull();
        live = IntStream.range(0, cols.length)
                .filter(c -> !cols[c].leftNull && !cols[c].inRuns)
                .toArray();
        return this;
    }

    /**
     * Column {@code col} is written in runs ({@link #fillRun}), not row by row: {@link #endRow()} no longer visits it,
     * and runs must cover every row before {@link #build()}. For a value repeated over consecutive rows (a Kafka
     * partition's topic and partition number). Call before the first row.
     */
    public BatchBuilder writeInRuns(int col) {
        cols[col].inRuns = true;
        live = IntStream.range(0, cols.length)
                .filter(c -> !cols[c].leftNull && !cols[c].inRuns)
                .toArray();
        return this;
    }

    /** Sets column {@code col}, written in runs (see {@link #writeInRuns}), to {@code v} in the rows [from, to). */
    public BatchBuilder fillRun(int col, int from, int to, Object v) {
        cols[col].fill(from, to, v);
        return this;
    }

    /**
     * Forgets the values set in the current row so far (a decoder that gave up on a record half way): each is null at
     * {@link #endRow()} unless set again.
     */
    public BatchBuilder clearRow() {
        Arrays.fill(written, false);
        return this;
    }

    /** Finishes the current row; columns not set in it are null. */
    public BatchBuilder endRow() {
        for (int c : live) {
            if (!written[c]) {
                cols[c].setValue(row, null);
            }
            written[c] = false;
        }
        row++;
        return this;
    }

    /** Adds a whole row of boxed values (see {@link #setValue}). */
    public BatchBuilder addRow(Object... values) {
        if (values.length != cols.length) {
            throw new IllegalArgumentException(
                    "schema " + schema + " has " + cols.length + " columns, got " + values.length + " values");
        }
        for (int c = 0; c < cols.length; c++) {
            cols[c].setValue(row, values[c]);
        }
        row++;
        return this;
    }

    /** Adds a row copied from another row with the same column layout. */
    public BatchBuilder addRow(Row r) {
        return addRow(r.values());
    }

    /** Appends all rows of a batch with the same schema. */
    public BatchBuilder appendBatch(Batch b) {
        for (int c = 0; c < cols.length; c++) {
            cols[c].appendColumn(row, b.column(c));
        }
        row += b.numRows();
        return this;
    }

    public Batch build() {
        if (built) {
            throw new IllegalStateException("build() was already called on this builder");
        }
        built = true;
        Column[] out = new Column[cols.length];
        for (int c = 0; c < cols.length; c++) {
            out[c] = cols[c].build(row);
        }
        return Batch.of(schema, out);
    }
}
