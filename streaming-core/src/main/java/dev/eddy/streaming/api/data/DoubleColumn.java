package dev.eddy.streaming.api.data;

/** A DOUBLE column over a {@code double[]}. */
public final class DoubleColumn extends Column {
    private final double[] values;

    public DoubleColumn(double[] values, int size, long[] nulls) {
        super(size, nulls);
        this.values = values;
    }

    public static DoubleColumn of(double... values) {
        return new DoubleColumn(values, values.length, null);
    }

    @Override
    public DataType type() {
        return DataType.DOUBLE;
    }

    public double getDouble(int row) {
        return values[row];
    }

    /** The shared backing array: read-only, valid in {@code [0, size())}. */
    public double[] values() {
        return values;
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : (Double) values[row];
    }

    @Override
    public DoubleColumn gather(int[] rows, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[rows[i]];
        }
        return new DoubleColumn(out, n, gatherNulls(rows, n));
    }
}
