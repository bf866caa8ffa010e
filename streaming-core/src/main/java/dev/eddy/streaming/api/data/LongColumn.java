package dev.eddy.streaming.api.data;

/** A LONG, TIMESTAMP (epoch micros) or INTERVAL (micros or months) column over a {@code long[]}. */
public final class LongColumn extends Column {
    private final DataType type;
    private final long[] values;

    public LongColumn(DataType type, long[] values, int size, long[] nulls) {
        super(size, nulls);
        if (!type.isLongBacked()) {
            throw new IllegalArgumentException("a LongColumn holds LONG, TIMESTAMP or an INTERVAL, not " + type);
        }
        this.type = type;
        this.values = values;
    }

    public static LongColumn of(long... values) {
        return new LongColumn(DataType.LONG, values, values.length, null);
    }

    public static LongColumn timestamps(long... micros) {
        return new LongColumn(DataType.TIMESTAMP, micros, micros.length, null);
    }

    @Override
    public DataType type() {
        return type;
    }

    public long getLong(int row) {
        return values[row];
    }

    /** The shared backing array: read-only, valid in {@code [0, size())}. */
    public long[] values() {
        return values;
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : values[row];
    }

    @Override
    public LongColumn gather(int[] rows, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[rows[i]];
        }
        return new LongColumn(type, out, n, gatherNulls(rows, n));
    }
}
