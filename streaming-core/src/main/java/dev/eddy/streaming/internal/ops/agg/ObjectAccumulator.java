package dev.eddy.streaming.internal.ops.agg;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.StringColumn;
import java.util.Arrays;
import java.util.List;

/** min/max over strings. */
final class ObjectAccumulator extends Accumulator {
    private final boolean max;
    private String[] values = new String[0];

    ObjectAccumulator(boolean max) {
        this.max = max;
    }

    @Override
    public DataType resultType() {
        return DataType.STRING;
    }

    @Override
    public void ensureCapacity(int groups) {
        if (groups > values.length) {
            values = Arrays.copyOf(values, grow(values.length, groups));
        }
    }

    @Override
    public void update(int[] groups, int[] rows, int n, Column arg) {
        String[] x = ((StringColumn) arg).values();
        for (int i = 0; i < n; i++) {
            String s = x[row(rows, i)];
            if (s == null) {
                continue;
            }
            String cur = values[groups[i]];
            if (cur == null || (max ? s.compareTo(cur) > 0 : s.compareTo(cur) < 0)) {
                values[groups[i]] = s;
            }
        }
    }

    @Override
    public Column result(int[] groups, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[groups[i]];
        }
        return new StringColumn(out, n);
    }

    @Override
    public void compact(int[] keep, int n, int oldSize) {
        for (int i = 0; i < n; i++) {
            values[i] = values[keep[i]];
        }
        Arrays.fill(values, n, oldSize, null);
    }

    @Override
    public List<Field> rawFields(String prefix) {
        return List.of(Field.of(prefix + "value", DataType.STRING));
    }

    @Override
    public Column[] exportRaw(int[] groups, int n) {
        return new Column[] {result(groups, n)};
    }

    @Override
    public void importRaw(Column[] raw, int[] groups, int n) {
        String[] v = ((StringColumn) raw[0]).values();
        for (int i = 0; i < n; i++) {
            values[groups[i]] = v[i];
        }
    }

    @Override
    public void merge(int into, int from) {
        String f = values[from];
        String cur = values[into];
        if (f != null && (cur == null || (max ? f.compareTo(cur) > 0 : f.compareTo(cur) < 0))) {
            values[into] = f;
        }
    }

    @Override
    public void reset(int g) {
        values[g] = null;
    }

    @Override
    public long bytesPerGroup() {
        return 8;
    }
}
