package dev.eddy.streaming.api.data;

/**
 * One immutable column of a {@link Batch}. Numeric and timestamp columns keep their values in a
 * primitive array; nulls are marked in a bitmap ({@code null} when the column has no nulls).
 *
 * <p>For speed, {@code values()} and {@link #nullBitmap()} expose the backing arrays. They are shared and
 * READ-ONLY: a reader must never write into them. Only indexes {@code [0, size())} are meaningful; the
 * array may be longer. Values at null positions are unspecified (usually 0).
 */
public abstract sealed class Column
        permits BooleanColumn, IntColumn, LongColumn, DoubleColumn, StringColumn, StructColumn {
    protected final int size;
    protected final long[] nulls;

    protected Column(int size, long[] nulls) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        this.size = size;
        this.nulls = nulls;
    }

    public abstract DataType type();

    public final int size() {
        return size;
    }

    public boolean isNull(int row) {
        return nulls != null && (nulls[row >>> 6] & (1L << row)) != 0;
    }

    /** The null bitmap (bit {@code r} of word {@code r >>> 6} set means null), or null if there are no nulls. */
    public final long[] nullBitmap() {
        return nulls;
    }

    /** The value as a boxed Java object (Long, Integer, Double, Boolean, String, Long micros, LocalDate, Row), or null. */
    public abstract Object get(int row);

    /** A new column with the rows at {@code rows[0..n)}, in that order. */
    public abstract Column gather(int[] rows, int n);

    /** Builds a null bitmap from a gather of this column's bitmap, or null if no nulls are selected. */
    protected final long[] gatherNulls(int[] rows, int n) {
        if (nulls == null) {
            return null;
        }
        long[] out = null;
        for (int i = 0; i < n; i++) {
            if (isNull(rows[i])) {
                if (out == null) {
                    out = new long[(n + 63) >>> 6];
                }
                out[i >>> 6] |= 1L << i;
            }
        }
        return out;
    }

    /**
     * A column of {@code n} nulls of the given field's type. Its arrays are shared with every other null column (they
     * are read-only like every column's), so a column that is null throughout costs no memory per row.
     */
    public static Column nulls(Field field, int n) {
        long[] bits = NullArrays.bits(n);
        return switch (field.type()) {
            case BOOLEAN -> new BooleanColumn(NullArrays.booleans(n), n, bits);
            case INT, DATE -> new IntColumn(field.type(), NullArrays.ints(n), n, bits);
            case LONG, TIMESTAMP, INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH ->
                new LongColumn(field.type(), NullArrays.longs(n), n, bits);
            case DOUBLE -> new DoubleColumn(NullArrays.doubles(n), n, bits);
            case STRING -> new StringColumn(NullArrays.strings(n), n);
            case STRUCT -> {
                Column[] kids = new Column[field.children().size()];
                for (int i = 0; i < kids.length; i++) {
                    kids[i] = nulls(field.children().get(i), n);
                }
                yield new StructColumn(field.children(), kids, n, bits);
            }
        };
    }
}
