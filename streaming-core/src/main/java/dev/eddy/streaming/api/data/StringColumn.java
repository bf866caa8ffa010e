package dev.eddy.streaming.api.data;

/** A STRING column over a {@code String[]}; a null entry is a null value (no separate bitmap). */
public final class StringColumn extends Column {
    private final String[] values;

    public StringColumn(String[] values, int size) {
        super(size, null);
        this.values = values;
    }

    public static StringColumn of(String... values) {
        return new StringColumn(values, values.length);
    }

    @Override
    public DataType type() {
        return DataType.STRING;
    }

    @Override
    public boolean isNull(int row) {
        return values[row] == null;
    }

    public String getString(int row) {
        return values[row];
    }

    /** The shared backing array: read-only, valid in {@code [0, size())}. */
    public String[] values() {
        return values;
    }

    @Override
    public Object get(int row) {
        return values[row];
    }

    @Override
    public StringColumn gather(int[] rows, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[rows[i]];
        }
        return new StringColumn(out, n);
    }
}
