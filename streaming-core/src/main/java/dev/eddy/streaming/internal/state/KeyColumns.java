package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StringColumn;
import dev.eddy.streaming.internal.expr.Vectors;

/** Converts between columns and the key vectors a {@link GroupTable} takes and stores. */
public final class KeyColumns {
    private KeyColumns() {}

    /** Long-like key values (DOUBLE as its bits), optionally gathered through {@code rows[0..n)}. */
    public static long[] longs(Column c, int[] rows, int n) {
        long[] v;
        if (c instanceof DoubleColumn d) {
            double[] x = d.values();
            v = new long[c.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.doubleToLongBits(x[i]);
            }
        } else {
            v = Vectors.asLongs(c);
        }
        if (rows == null) {
            return v;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    public static Object[] objects(Column c, int[] rows, int n) {
        String[] v = ((StringColumn) c).values();
        if (rows == null) {
            return v;
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    /** Per-row null flags, or null if the column has no nulls. */
    public static boolean[] nulls(Column c, int[] rows, int n) {
        long[] bits = Vectors.nullsOf(c);
        if (bits == null) {
            return null;
        }
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = Vectors.isNull(bits, rows == null ? i : rows[i]);
        }
        return out;
    }

    /** A key column of the table for the given groups, as a column of type {@code t}. */
    public static Column fromTable(GroupTable table, int k, DataType t, int[] groups, int n) {
        long[] nullBits = null;
        for (int i = 0; i < n; i++) {
            if (table.isNullKey(k, groups[i])) {
                if (nullBits == null) {
                    nullBits = new long[(n + 63) >>> 6];
                }
                nullBits[i >>> 6] |= 1L << i;
            }
        }
        if (t == DataType.STRING) {
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = (String) table.objectKey(k, groups[i]);
            }
            return new StringColumn(out, n);
        }
        long[] keys = table.longKeys(k);
        switch (t) {
            case INT, DATE -> {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) keys[groups[i]];
                }
                return new IntColumn(t, out, n, nullBits);
            }
            case DOUBLE -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Double.longBitsToDouble(keys[groups[i]]);
                }
                return new DoubleColumn(out, n, nullBits);
            }
            case BOOLEAN -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = keys[groups[i]] != 0;
                }
                return new BooleanColumn(out, n, nullBits);
            }
            default -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = keys[groups[i]];
                }
                return new LongColumn(t, out, n, nullBits);
            }
        }
    }
}
