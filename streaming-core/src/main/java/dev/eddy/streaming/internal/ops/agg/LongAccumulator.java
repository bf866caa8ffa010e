package dev.eddy.streaming.internal.ops.agg;

import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.internal.expr.Casts;
import dev.eddy.streaming.internal.expr.Overflow;
import dev.eddy.streaming.internal.expr.Vectors;
import java.util.Arrays;
import java.util.List;

/** count(*), count(x), and sum/min/max over long-like inputs (LONG, INT, TIMESTAMP). */
final class LongAccumulator extends Accumulator {
    enum Kind {
        COUNT_ALL,
        COUNT,
        SUM,
        MIN,
        MAX
    }

    private final Kind kind;
    private final DataType resultType;
    private long[] values = new long[0];
    /** Bit g set: group g has seen a non-null value (sum/min/max of nothing is null). */
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
            seen = Arrays.copyOf(seen, (cap + 63) >>> 6);
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
        if (kind == Kind.SUM) {
            sumRows(groups, rows, n, Vectors.asLongs(arg), Vectors.nullsOf(arg));
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
            boolean had = (s[g >>> 6] & (1L << g)) != 0;
            switch (kind) {
                case COUNT -> v[g]++;
                case MIN -> v[g] = had ? Math.min(v[g], x[r]) : x[r];
                default -> v[g] = had ? Math.max(v[g], x[r]) : x[r];
            }
            s[g >>> 6] |= 1L << g;
        }
    }

    /**
     * SUM's rows, the one update path of every SUM: an overflow in any row's addition sets the sign bit of {@code
     * wrapped} (a BIGINT or microseconds past a long) or a bit of {@code pastInt} (months past an INT, checked after
     * each addition as Spark does), tested once after the loop rather than branched on per row. The condition and
     * the error are those of {@link #sum}: the batch fails whichever row overflowed, even when later rows bring the
     * total back in range (a failed batch's state is never committed), and a batch that does not overflow gets the
     * same sums. Months cannot pass a long: a batch holds fewer than 2^31 rows of INT months.
     */
    private void sumRows(int[] groups, int[] rows, int n, long[] x, long[] nulls) {
        long[] v = values;
        long[] s = seen;
        boolean months = resultType == DataType.INTERVAL_YEAR_TO_MONTH; // loop-invariant: the JIT unswitches on it
        long wrapped = 0;
        long pastInt = 0;
        for (int i = 0; i < n; i++) {
            int r = row(rows, i);
            if (nulls != null && Vectors.isNull(nulls, r)) {
                continue;
            }
            int g = groups[i];
            long a = v[g];
            long b = x[r];
            long total = a + b;
            wrapped |= (a ^ total) & (b ^ total);
            if (months) {
                pastInt |= total ^ (int) total;
            }
            v[g] = total;
            s[g >>> 6] |= 1L << g;
        }
        if (wrapped < 0 || pastInt != 0) {
            throw sumOverflow();
        }
    }

    @Override
    public Column result(int[] groups, int n) {
        long[] out = new long[n];
        long[] nulls = null;
        boolean counting = kind == Kind.COUNT_ALL || kind == Kind.COUNT;
        for (int i = 0; i < n; i++) {
            out[i] = values[groups[i]];
            if (!counting && !seen(groups[i])) {
                nulls = markNull(nulls, i, n);
            }
        }
        Column c = new LongColumn(
                resultType == DataType.TIMESTAMP || resultType.isInterval() ? resultType : DataType.LONG,
                out,
                n,
                nulls);
        if (resultType == DataType.DATE) { // MIN/MAX of a DATE: its days
            return new IntColumn(DataType.DATE, Vectors.toInts(out, n), n, nulls);
        }
        return resultType == DataType.INT ? Casts.cast(c, DataType.INT) : c;
    }

    @Override
    public void compact(int[] keep, int n, int oldSize) {
        long[] bits = new long[seen.length];
        for (int i = 0; i < n; i++) {
            int g = keep[i];
            values[i] = values[g];
            if (seen(g)) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        Arrays.fill(values, n, oldSize, 0);
        seen = bits;
    }

    @Override
    public List<Field> rawFields(String prefix) {
        return List.of(Field.of(prefix + "value", DataType.LONG), Field.of(prefix + "seen", DataType.BOOLEAN));
    }

    @Override
    public Column[] exportRaw(int[] groups, int n) {
        boolean[] s = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = seen(groups[i]);
        }
        return new Column[] {
            new LongColumn(DataType.LONG, gather(values, groups, n), n, null), new BooleanColumn(s, n, null)
        };
    }

    @Override
    public void importRaw(Column[] raw, int[] groups, int n) {
        long[] v = ((LongColumn) raw[0]).values();
        boolean[] s = ((BooleanColumn) raw[1]).values();
        for (int i = 0; i < n; i++) {
            int g = groups[i];
            values[g] = v[i];
            if (s[i]) {
                seen[g >>> 6] |= 1L << g;
            } else {
                seen[g >>> 6] &= ~(1L << g);
            }
        }
    }

    @Override
    public void merge(int into, int from) {
        boolean hasFrom = seen(from);
        boolean hasInto = seen(into);
        switch (kind) {
            case COUNT_ALL, COUNT -> values[into] += values[from];
            case SUM -> values[into] = sum(values[into], values[from]);
            case MIN ->
                values[into] = !hasInto ? values[from] : hasFrom ? Math.min(values[into], values[from]) : values[into];
            default ->
                values[into] = !hasInto ? values[from] : hasFrom ? Math.max(values[into], values[from]) : values[into];
        }
        if (hasFrom) {
            seen[into >>> 6] |= 1L << into;
        }
    }

    @Override
    public boolean mergesExactly() {
        return true;
    }

    @Override
    public void mergeFrom(Accumulator other, int[] from, int[] groups, int n) {
        LongAccumulator o = (LongAccumulator) other;
        long[] v = values;
        long[] s = seen;
        long[] ov = o.values;
        long[] os = o.seen;
        for (int i = 0; i < n; i++) {
            int f = from[i];
            int g = groups[i];
            if (kind == Kind.COUNT_ALL) {
                v[g] += ov[f];
                continue;
            }
            // like update: the seen bit (kept in raw state even for count) is set once a non-null value came
            if ((os[f >>> 6] & (1L << f)) == 0) {
                continue;
            }
            boolean had = (s[g >>> 6] & (1L << g)) != 0;
            switch (kind) {
                case COUNT -> v[g] += ov[f];
                case SUM -> v[g] = sum(v[g], ov[f]);
                case MIN -> v[g] = had ? Math.min(v[g], ov[f]) : ov[f];
                default -> v[g] = had ? Math.max(v[g], ov[f]) : ov[f];
            }
            s[g >>> 6] |= 1L << g;
        }
    }

    /**
     * Spark's ANSI SUM of whole numbers (a BIGINT) or intervals (microseconds, or months within an INT): an overflow
     * fails the query rather than wrapping around.
     */
    private long sum(long a, long b) {
        long r = a + b;
        boolean overflow = ((a ^ r) & (b ^ r)) < 0;
        if (resultType == DataType.INTERVAL_YEAR_TO_MONTH) {
            overflow |= r != (int) r;
        }
        if (overflow) {
            throw sumOverflow();
        }
        return r;
    }

    /** The error of an overflowing SUM: Spark's interval overflow for an interval, its long overflow otherwise. */
    private ArithmeticException sumOverflow() {
        if (resultType.isInterval()) {
            return new ArithmeticException("[INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION] Integer overflow while"
                    + " operating with intervals: SUM of " + resultType.sqlName() + " values. Use `try_add` to"
                    + " tolerate overflow and return NULL instead.");
        }
        return Overflow.arithmetic(DataType.LONG, "sum");
    }

    /** Group g has seen a non-null value. */
    private boolean seen(int g) {
        return (seen[g >>> 6] & (1L << g)) != 0;
    }

    @Override
    public void reset(int g) {
        values[g] = 0;
        seen[g >>> 6] &= ~(1L << g);
    }

    @Override
    public long bytesPerGroup() {
        return 8;
    }
}
