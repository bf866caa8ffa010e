package dev.eddy.streaming.internal.ops.agg;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.internal.expr.Vectors;
import java.util.Arrays;
import java.util.List;

/** sum/min/max/avg over doubles (avg over any numeric input). */
final class DoubleAccumulator extends Accumulator {
    enum Kind {
        SUM,
        MIN,
        MAX,
        AVG
    }

    private final Kind kind;
    private double[] values = new double[0];
    private long[] counts = new long[0];

    DoubleAccumulator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public DataType resultType() {
        return DataType.DOUBLE;
    }

    @Override
    public void ensureCapacity(int groups) {
        if (groups > values.length) {
            int cap = grow(values.length, groups);
            values = Arrays.copyOf(values, cap);
            counts = Arrays.copyOf(counts, cap);
        }
    }

    @Override
    public void update(int[] groups, int[] rows, int n, Column arg) {
        double[] x = Vectors.asDoubles(arg);
        long[] nulls = arg.nullBitmap();
        double[] v = values;
        long[] c = counts;
        for (int i = 0; i < n; i++) {
            int r = row(rows, i);
            if (nulls != null && Vectors.isNull(nulls, r)) {
                continue;
            }
            int g = groups[i];
            switch (kind) {
                case SUM, AVG -> v[g] += x[r];
                default -> v[g] = c[g] == 0 ? x[r] : extreme(v[g], x[r]);
            }
            c[g]++;
        }
    }

    @Override
    public Column result(int[] groups, int n) {
        double[] out = new double[n];
        long[] nulls = null;
        for (int i = 0; i < n; i++) {
            int g = groups[i];
            out[i] = kind == Kind.AVG && counts[g] > 0 ? values[g] / counts[g] : values[g];
            if (counts[g] == 0) {
                nulls = markNull(nulls, i, n);
            }
        }
        return new DoubleColumn(out, n, nulls);
    }

    @Override
    public void compact(int[] keep, int n, int oldSize) {
        for (int i = 0; i < n; i++) {
            values[i] = values[keep[i]];
            counts[i] = counts[keep[i]];
        }
        Arrays.fill(values, n, oldSize, 0);
        Arrays.fill(counts, n, oldSize, 0);
    }

    @Override
    public List<Field> rawFields(String prefix) {
        return List.of(Field.of(prefix + "value", DataType.DOUBLE), Field.of(prefix + "count", DataType.LONG));
    }

    @Override
    public Column[] exportRaw(int[] groups, int n) {
        return new Column[] {
            new DoubleColumn(gather(values, groups, n), n, null),
            new LongColumn(DataType.LONG, gather(counts, groups, n), n, null)
        };
    }

    @Override
    public void importRaw(Column[] raw, int[] groups, int n) {
        double[] v = ((DoubleColumn) raw[0]).values();
        long[] c = ((LongColumn) raw[1]).values();
        for (int i = 0; i < n; i++) {
            values[groups[i]] = v[i];
            counts[groups[i]] = c[i];
        }
    }

    @Override
    public void merge(int into, int from) {
        if (counts[from] == 0) {
            return;
        }
        switch (kind) {
            case SUM, AVG -> values[into] += values[from];
            default -> values[into] = counts[into] == 0 ? values[from] : extreme(values[into], values[from]);
        }
        counts[into] += counts[from];
    }

    /** min/max only: a pane's partial sum would round differently from the row-by-row sum. */
    @Override
    public boolean mergesExactly() {
        return kind == Kind.MIN || kind == Kind.MAX;
    }

    @Override
    public void mergeFrom(Accumulator other, int[] from, int[] groups, int n) {
        if (!mergesExactly()) {
            super.mergeFrom(other, from, groups, n);
        }
        DoubleAccumulator o = (DoubleAccumulator) other;
        for (int i = 0; i < n; i++) {
            int f = from[i];
            int g = groups[i];
            if (o.counts[f] == 0) {
                continue;
            }
            double x = o.values[f];
            values[g] = counts[g] == 0 ? x : extreme(values[g], x);
            counts[g] += o.counts[f];
        }
    }

    /**
     * MIN or MAX of the value so far and a candidate in Spark's order of doubles (SQLOrderingUtil.compareDoubles: NaN
     * equals NaN and is above every number, -0.0 equals 0.0): MAX of values holding a NaN is NaN, MIN skips NaN unless
     * every value is NaN; of two equal values (-0.0 and 0.0) the one seen first stays, as Spark's greatest/least
     * update keeps its buffer unless the candidate is strictly beyond it.
     */
    private double extreme(double current, double candidate) {
        int c = current == candidate ? 0 : Double.compare(candidate, current);
        return kind == Kind.MIN ? (c < 0 ? candidate : current) : (c > 0 ? candidate : current);
    }

    @Override
    public void reset(int g) {
        values[g] = 0;
        counts[g] = 0;
    }

    @Override
    public long bytesPerGroup() {
        return 16;
    }
}
