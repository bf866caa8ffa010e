package dev.eddy.streaming.api.data;

/** A INT column over a {@code int[]}. */
public final class IntColumn extends Column {
    private final int[] values;

    public IntColumn(int[] values, int size, long[] nulls) {
        super(size, nulls);
        this.values = values;
    }

    public static IntColumn of(int... values) {
        return new IntColumn(values, values.length, null);
    }

    @Override
    public DataType type() {
        return DataType.INT;
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
        return isNull(row) ? null : (Integer) values[row];
    }

    @Override
    public IntColumn gather(int[] rows, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[rows[i]];
        }
        return new IntColumn(out, n, gatherNulls(rows, n));
    }
}
