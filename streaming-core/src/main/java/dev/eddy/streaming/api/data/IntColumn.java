package dev.eddy.streaming.api.data;

import java.time.LocalDate;

/** An INT or DATE (days since the epoch) column over a {@code int[]}. */
public final class IntColumn extends Column {
    private final DataType type;
    private final int[] values;

    public IntColumn(int[] values, int size, long[] nulls) {
        this(DataType.INT, values, size, nulls);
    }

    public IntColumn(DataType type, int[] values, int size, long[] nulls) {
        super(size, nulls);
        if (type != DataType.INT && type != DataType.DATE) {
            throw new IllegalArgumentException("an IntColumn holds INT or DATE, not " + type);
        }
        this.type = type;
        this.values = values;
    }

    /** A DATE column of days since the epoch. */
    public static IntColumn ofDays(int... days) {
        return new IntColumn(DataType.DATE, days, days.length, null);
    }

    public static IntColumn of(int... values) {
        return new IntColumn(values, values.length, null);
    }

    @Override
    public DataType type() {
        return type;
    }

    public int getInt(int row) {
        return values[row];
    }

    /** The shared backing array: read-only, valid in {@code [0, size())}. */
    public int[] values() {
        return values;
    }

    @Override
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        return type == DataType.DATE ? LocalDate.ofEpochDay(values[row]) : (Object) values[row];
    }

    @Override
    public IntColumn gather(int[] rows, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[rows[i]];
        }
        return new IntColumn(type, out, n, gatherNulls(rows, n));
    }
}
