package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StringColumn;
import java.time.LocalDate;
import java.util.Arrays;

/** Column helpers for vectorized loops: typed views, constants and null-bitmap algebra. */
public final class Vectors {
    private Vectors() {}

    /** Numeric/timestamp/boolean values widened to long (shares the array for LONG/TIMESTAMP columns). */
    public static long[] asLongs(Column c) {
        if (c instanceof LongColumn l) {
            return l.values();
        }
        int n = c.size();
        long[] out = new long[n];
        if (c instanceof IntColumn i) {
            int[] v = i.values();
            for (int r = 0; r < n; r++) {
                out[r] = v[r];
            }
        } else if (c instanceof DoubleColumn d) {
            double[] v = d.values();
            for (int r = 0; r < n; r++) {
                out[r] = (long) v[r];
            }
        } else if (c instanceof BooleanColumn b) {
            boolean[] v = b.values();
            for (int r = 0; r < n; r++) {
                out[r] = v[r] ? 1 : 0;
            }
        } else {
            throw new IllegalStateException("not a numeric column: " + c.type());
        }
        return out;
    }

    public static double[] asDoubles(Column c) {
        if (c instanceof DoubleColumn d) {
            return d.values();
        }
        int n = c.size();
        double[] out = new double[n];
        if (c instanceof LongColumn l) {
            long[] v = l.values();
            for (int r = 0; r < n; r++) {
                out[r] = v[r];
            }
        } else if (c instanceof IntColumn i) {
            int[] v = i.values();
            for (int r = 0; r < n; r++) {
                out[r] = v[r];
            }
        } else {
            throw new IllegalStateException("not a numeric column: " + c.type());
        }
        return out;
    }

    /** A null bitmap for a column (strings included), or null if it has no nulls. */
    public static long[] nullsOf(Column c) {
        if (c instanceof StringColumn s) {
            long[] out = null;
            String[] v = s.values();
            for (int r = 0; r < c.size(); r++) {
                if (v[r] == null) {
                    if (out == null) {
                        out = new long[(c.size() + 63) >>> 6];
                    }
                    out[r >>> 6] |= 1L << r;
                }
            }
            return out;
        }
        return c.nullBitmap();
    }

    /** The union of two null bitmaps (either may be null). */
    public static long[] orNulls(long[] a, long[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        long[] out = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i < a.length ? a[i] : 0) | (i < b.length ? b[i] : 0);
        }
        return out;
    }

    /** A column of n copies of a value (null allowed). */
    public static Column constant(Object value, DataType type, int n) {
        if (value == null) {
            return Column.nulls(Field.of("c", type), n);
        }
        return switch (type) {
            case LONG, TIMESTAMP, INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> {
                long[] v = new long[n];
                Arrays.fill(v, ((Number) value).longValue());
                yield new LongColumn(type, v, n, null);
            }
            case INT -> {
                int[] v = new int[n];
                Arrays.fill(v, ((Number) value).intValue());
                yield new IntColumn(v, n, null);
            }
            case DATE -> {
                int[] v = new int[n];
                Arrays.fill(
                        v,
                        value instanceof LocalDate d ? Math.toIntExact(d.toEpochDay()) : ((Number) value).intValue());
                yield new IntColumn(DataType.DATE, v, n, null);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                Arrays.fill(v, ((Number) value).doubleValue());
                yield new DoubleColumn(v, n, null);
            }
            case BOOLEAN -> {
                boolean[] v = new boolean[n];
                Arrays.fill(v, (Boolean) value);
                yield new BooleanColumn(v, n, null);
            }
            case STRING -> {
                String[] v = new String[n];
                Arrays.fill(v, value.toString());
                yield new StringColumn(v, n);
            }
            case STRUCT -> throw new IllegalArgumentException("no struct literals");
        };
    }

    /** {@code v[0..n)} narrowed to ints (values known to fit, e.g. DATE days). */
    public static int[] toInts(long[] v, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    public static boolean isNull(long[] nulls, int r) {
        return nulls != null && (nulls[r >>> 6] & (1L << r)) != 0;
    }
}
