package dev.eddy.streaming.internal.ops.agg;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.internal.state.GroupValues;
import java.util.List;

/**
 * Column-wise state of one aggregate function for all groups: arrays indexed by group id. New groups
 * start zeroed. Single-threaded. Call order: {@link #ensureCapacity} before any {@link #update} touching
 * a new group id; {@link #compact} after the group table retained a subset of groups.
 */
public abstract class Accumulator implements GroupValues {

    public abstract DataType resultType();

    /** Makes room for group ids below {@code groups}. */
    public abstract void ensureCapacity(int groups);

    /**
     * Folds input rows into groups: row {@code rows == null ? i : rows[i]} of {@code arg} goes to group
     * {@code groups[i]}, for i in [0, n). {@code arg} is null for count(*).
     */
    public abstract void update(int[] groups, int[] rows, int n, Column arg);

    /** The current values of {@code groups[0..n)}. */
    public abstract Column result(int[] groups, int n);

    /** Keeps groups {@code keep[0..n)} (ascending) as 0..n-1 and zeroes the rest up to {@code oldSize}. */
    public abstract void compact(int[] keep, int n, int oldSize);

    public abstract long bytesPerGroup();

    /** Folds group {@code from}'s value into group {@code into} (session windows merging). */
    public abstract void merge(int into, int from);

    /**
     * True if folding partial states with {@link #mergeFrom} gives exactly what {@link #update} row by row gives
     * (not so for floating-point sums, whose rounding depends on the order of additions).
     */
    public boolean mergesExactly() {
        return false;
    }

    /**
     * Folds group {@code from[i]} of {@code other} (an accumulator of the same function and type) into group
     * {@code groups[i]} of this one, for i in [0, n). Only for accumulators that {@link #mergesExactly}.
     */
    public void mergeFrom(Accumulator other, int[] from, int[] groups, int n) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no exact merge");
    }

    /** Zeroes group {@code g} so its id can be reused. */
    public abstract void reset(int g);

    /** The columns of this accumulator's raw state (for checkpoints), named with {@code prefix}. */
    public abstract List<Field> rawFields(String prefix);

    /** Raw state of {@code groups[0..n)}, one column per {@link #rawFields}. */
    public abstract Column[] exportRaw(int[] groups, int n);

    /** Sets the raw state of {@code groups[i]} from row i of {@code raw} (after {@link #ensureCapacity}). */
    public abstract void importRaw(Column[] raw, int[] groups, int n);

    static int grow(int current, int needed) {
        int c = Math.max(16, current);
        while (c < needed) {
            c *= 2;
        }
        return c;
    }

    static int row(int[] rows, int i) {
        return rows == null ? i : rows[i];
    }

    /** Marks row i of an n-row result null: the bitmap, made on first use (null while no row is null). */
    static long[] markNull(long[] nulls, int i, int n) {
        long[] out = nulls == null ? new long[(n + 63) >>> 6] : nulls;
        out[i >>> 6] |= 1L << i;
        return out;
    }

    /** The per-group values of {@code groups[0..n)}, in that order (raw state export). */
    static long[] gather(long[] perGroup, int[] groups, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = perGroup[groups[i]];
        }
        return out;
    }

    static double[] gather(double[] perGroup, int[] groups, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = perGroup[groups[i]];
        }
        return out;
    }
}
