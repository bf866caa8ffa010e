package dev.eddy.streaming.api.data;

/** A BOOLEAN column over a {@code boolean[]}. */
public final class BooleanColumn extends Column {
    private final boolean[] values;

    public BooleanColumn(boolean[] values, int size, long[] nulls) {
        super(size, nulls);
        this.values = values;
    }

    public static BooleanColumn of(boolean... values) {
        return new BooleanColumn(values, values.length, null);
    }

    @Override
    public DataType type() {
        return DataType.BOOLEAN;
    }

    public boolean getBoolean(int row) {
        return values[row];
    }

    /** The shared backing array: read-only, valid in {@code [0, size())}. */
    public boolean[] values() {
        return values;
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : (Boolean) values[row];
    }

    @Override
    public BooleanColumn gather(int[] rows, int n) {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[rows[i]];
        }
        return new BooleanColumn(out, n, gatherNulls(rows, n));
    }
}
