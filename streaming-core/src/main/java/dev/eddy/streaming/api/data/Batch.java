package dev.eddy.streaming.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An immutable columnar batch of rows: one {@link Column} per schema field, all of {@link #numRows()} rows.
 * Sources produce batches, operators transform them, sinks consume them. Build one with
 * {@link #builder(Schema)} (row by row) or {@link #of(Schema, Column...)} (from columns).
 */
public final class Batch implements Iterable<Row> {
    private final Schema schema;
    private final Column[] columns;
    private final int numRows;

    private Batch(Schema schema, Column[] columns, int numRows) {
        this.schema = schema;
        this.columns = columns;
        this.numRows = numRows;
    }

    /** A batch from columns that match the schema's types and all have the same size. */
    public static Batch of(Schema schema, Column... columns) {
        if (columns.length != schema.size()) {
            throw new IllegalArgumentException(
                    "schema " + schema + " needs " + schema.size() + " columns, got " + columns.length);
        }
        int n = columns.length == 0 ? 0 : columns[0].size();
        for (int i = 0; i < columns.length; i++) {
            Field f = schema.field(i);
            if (columns[i].type() != f.type()) {
                throw new IllegalArgumentException(
                        "column '" + f.name() + "' is " + f.type() + " but got " + columns[i].type());
            }
            if (columns[i].size() != n) {
                throw new IllegalArgumentException(
                        "column '" + f.name() + "' has " + columns[i].size() + " rows, expected " + n);
            }
        }
        return new Batch(schema, columns.clone(), n);
    }

    /** A batch with no columns and {@code numRows} rows (what a count-only scan needs). */
    public static Batch ofRowCount(int numRows) {
        return new Batch(Schema.of(), new Column[0], numRows);
    }

    public static Batch empty(Schema schema) {
        Column[] cols = new Column[schema.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = Column.nulls(schema.field(i), 0);
        }
        return new Batch(schema, cols, 0);
    }

    public static BatchBuilder builder(Schema schema) {
        return new BatchBuilder(schema, 16);
    }

    public static BatchBuilder builder(Schema schema, int expectedRows) {
        return new BatchBuilder(schema, expectedRows);
    }

    /** Concatenates batches of the same schema. */
    public static Batch concat(Schema schema, List<Batch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        int total = 0;
        for (Batch b : batches) {
            total += b.numRows;
        }
        BatchBuilder out = new BatchBuilder(schema, total);
        for (Batch b : batches) {
            out.appendBatch(b);
        }
        return out.build();
    }

    public Schema schema() {
        return schema;
    }

    public int numRows() {
        return numRows;
    }

    public int numColumns() {
        return columns.length;
    }

    public Column column(int i) {
        return columns[i];
    }

    public Column column(String name) {
        return columns[schema.require(name)];
    }

    /** A copy holding only the given rows (in that order). */
    public Batch gather(int[] rows, int n) {
        Column[] out = new Column[columns.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = columns[i].gather(rows, n);
        }
        return new Batch(schema, out, n);
    }

    /** A view of row {@code r} (valid as long as this batch is). */
    public Row row(int r) {
        if (r < 0 || r >= numRows) {
            throw new IndexOutOfBoundsException("row " + r + " of " + numRows);
        }
        return new BatchRow(this, r);
    }

    /** All rows copied out as independent rows (slow path: tests, display). */
    public List<Row> toRows() {
        List<Row> rows = new ArrayList<>(numRows);
        for (int r = 0; r < numRows; r++) {
            rows.add(row(r).copy());
        }
        return rows;
    }

    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < numRows;
            }

            @Override
            public Row next() {
                if (next >= numRows) {
                    throw new NoSuchElementException();
                }
                return new BatchRow(Batch.this, next++);
            }
        };
    }

    @Override
    public String toString() {
        return "Batch" + schema + " x " + numRows;
    }

    private record BatchRow(Batch batch, int r) implements Row {
        @Override
        public Schema schema() {
            return batch.schema;
        }

        @Override
        public Object get(int i) {
            return batch.columns[i].get(r);
        }

        @Override
        public boolean isNull(int i) {
            return batch.columns[i].isNull(r);
        }

        @Override
        public String toString() {
            return Arrays.toString(values());
        }
    }
}
