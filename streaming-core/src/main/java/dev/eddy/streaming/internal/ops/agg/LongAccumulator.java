package dev.eddy.streaming.internal.ops.agg;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.internal.expr.Vectors;

import java.util.Arrays;

/** count(*), count(x), and sum/min/max over long-like inputs (LONG, INT, TIMESTAMP). */
final class LongAccumulator extends Accumulator {
    enum Kind { COUNT_ALL, COUNT, SUM, MIN, MAX }

    private final Kind kind;
    private final DataType resultType;
    private long[] values = new long[0];
    private long[] seen = new long[0];

    LongAccumulator(Kind kind, DataType resultType) {
        this.kind = kind;
        this.resultType = resultType;
    }

    @Override
    public DataType resultType() {
        return resultType;
    }

    @Override
    public void ensureCapacity(int groups) {
        if (groups > values.length) {
            int cap = grow(values.length, groups);
            values = Arrays.copyOf(values, cap);
            seen = Arrays.copyOf(seen, cap);
        }
    }

    @Override
    public void update(int[] groups, int[] rows, int n, Column arg) {
        long[] v = values;
        if (kind == Kind.COUNT_ALL) {
            for (int i = 0; i < n; i++) {
                v[groups[i]]++;
            }
            return;
        }
        long[] x = kind == Kind.COUNT ? null : Vectors.asLongs(arg);
        long[] nulls = Vectors.nullsOf(arg);
        long[] s = seen;
        for (int i = 0; i < n; i++) {
            int r = row(rows, i);
            if (nulls != null && Vectors.isNull(nulls, r)) {
                continue;
            }
            int g = groups[i];
            switch (kind) {
                case COUNT -> v[g]++;
                case SUM -> v[g] += x[r];
                case MIN -> v[g] = s[g] == 0 ? x[r] : Math.min(v[g], x[r]);
                default -> v[g] = s[g] == 0 ? x[r] : Math.max(v[g], x[r]);
            }
            s[g] = 1;
        }
    }

    @Override
    public Column result(int[] groups, int n) {
        long[] out = new long[n];
        long[] nulls = null;
        boolean counting = kind == Kind.COUNT_ALL || kind == Kind.COUNT;
        for (int i = 0; i < n; i++) {
            out[i] = values[groups[i]];
            if (!counting && seen[groups[i]] == 0) {
                if (nulls == null) {
                    nulls = new long[(n + 63) >>> 6];
                }
                nulls[i >>> 6] |= 1L << i;
            }
        }
        Column c = new LongColumn(resultType == DataType.TIMESTAMP ? DataType.TIMESTAMP : DataType.LONG, out, n, nulls);
        return resultType == DataType.INT ? dev.eddy.streaming.internal.expr.Casts.cast(c, DataType.INT) : c;
    }

    @Override
    public void compact(int[] keep, int n, int oldSize) {
        for (int i = 0; i < n; i++) {
            values[i] = values[keep[i]];
            seen[i] = seen[keep[i]];
        }
        Arrays.fill(values, n, oldSize, 0);
        Arrays.fill(seen, n, oldSize, 0);
    }

    @Override
    public long bytesPerGroup() {
        return 16;
    }
}
