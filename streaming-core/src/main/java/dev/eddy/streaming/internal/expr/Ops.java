package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.StringColumn;
import dev.eddy.streaming.api.expr.Expr;

/** Vectorized operators: tight loops over primitive arrays, nulls propagated by bitmap. */
final class Ops {
    private Ops() {}

    /**
     * {@code a op b} as Spark's ANSI mode has it: a zero divisor of {@code /} or {@code %} (0 or -0.0, also for
     * DOUBLEs) fails the query for a row whose dividend is not NULL; {@code expr} names the expression in the error.
     */
    static Column arithmetic(Expr.BinaryOp op, DataType type, Column a, Column b, String expr) {
        if (op == Expr.BinaryOp.DIV || op == Expr.BinaryOp.MOD) {
            long[] nulls = Vectors.orNulls(a.nullBitmap(), b.nullBitmap());
            int n = a.size();
            if (b instanceof DoubleColumn d) {
                double[] y = d.values();
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0 && !Vectors.isNull(nulls, i)) {
                        throw byZero(op, expr);
                    }
                }
            } else {
                long[] y = Vectors.asLongs(b);
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0 && !Vectors.isNull(nulls, i)) {
                        throw byZero(op, expr);
                    }
                }
            }
        }
        if (Overflow.checks(op, type) && !(a instanceof DoubleColumn) && !(b instanceof DoubleColumn)) {
            long[] nulls = Vectors.orNulls(a.nullBitmap(), b.nullBitmap());
            int n = a.size();
            long[] out = Overflow.exact(op, type, Vectors.asLongs(a), Vectors.asLongs(b), 0, nulls, n, expr);
            return longs(type, out, n, nulls);
        }
        return tryArithmetic(op, type, a, b);
    }

    private static Column longs(DataType type, long[] out, int n, long[] nulls) {
        if (type == DataType.INT) {
            return new IntColumn(Vectors.toInts(out, n), n, nulls);
        }
        return new LongColumn(type == DataType.TIMESTAMP ? DataType.TIMESTAMP : DataType.LONG, out, n, nulls);
    }

    /**
     * Spark's {@code a div b} of whole numbers: the quotient truncated toward zero, a BIGINT; a zero divisor fails the
     * query where the dividend is not NULL, and so does the one quotient that overflows (Long.MIN_VALUE div -1).
     */
    static Column integralDivide(Column a, Column b) {
        int n = a.size();
        long[] nulls = Vectors.orNulls(a.nullBitmap(), b.nullBitmap());
        long[] x = Vectors.asLongs(a);
        long[] y = Vectors.asLongs(b);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (Vectors.isNull(nulls, i)) {
                continue;
            }
            if (y[i] == 0) {
                throw byZero(Expr.BinaryOp.DIV, "(" + x[i] + " div 0)");
            }
            if (x[i] == Long.MIN_VALUE && y[i] == -1) {
                throw new ArithmeticException("[ARITHMETIC_OVERFLOW] Overflow in integral divide (" + x[i]
                        + " div -1). Use try_divide to tolerate overflow and return NULL instead.");
            }
            out[i] = x[i] / y[i];
        }
        return new LongColumn(DataType.LONG, out, n, nulls);
    }

    /** Spark's [DIVIDE_BY_ZERO] ({@code /}, {@code div}) or [REMAINDER_BY_ZERO] ({@code %}, pmod) error. */
    static ArithmeticException byZero(Expr.BinaryOp op, String expr) {
        return op == Expr.BinaryOp.DIV
                ? new ArithmeticException("[DIVIDE_BY_ZERO] Division by zero in " + expr
                        + ". Use try_divide to tolerate divisor being 0 and return NULL instead.")
                : new ArithmeticException("[REMAINDER_BY_ZERO] Remainder by zero in " + expr
                        + ". Use try_mod to tolerate divisor being 0 and return NULL instead.");
    }

    /** {@code a op b}, NULL where a divisor of {@code /} or {@code %} is zero (try_divide, try_mod). */
    static Column tryArithmetic(Expr.BinaryOp op, DataType type, Column a, Column b) {
        int n = a.size();
        long[] nulls = Vectors.orNulls(a.nullBitmap(), b.nullBitmap());
        if (type == DataType.DOUBLE) {
            double[] x = Vectors.asDoubles(a);
            double[] y = Vectors.asDoubles(b);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = switch (op) {
                    case ADD -> x[i] + y[i];
                    case SUB -> x[i] - y[i];
                    case MUL -> x[i] * y[i];
                    case DIV -> x[i] / y[i];
                    default -> x[i] % y[i];
                };
            }
            if (op == Expr.BinaryOp.DIV || op == Expr.BinaryOp.MOD) {
                nulls = nullWhereZero(y, n, nulls);
            }
            return new DoubleColumn(out, n, nulls);
        }
        long[] x = Vectors.asLongs(a);
        long[] y = Vectors.asLongs(b);
        long[] out = new long[n];
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] + y[i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] - y[i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] * y[i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0) {
                        nulls = setNull(nulls, i, n);
                    } else {
                        out[i] = x[i] % y[i];
                    }
                }
            }
        }
        if (type == DataType.TIMESTAMP || type.isInterval()) {
            return new LongColumn(type, out, n, nulls);
        }
        if (type == DataType.INT) {
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
                ints[i] = (int) out[i];
            }
            return new IntColumn(ints, n, nulls);
        }
        return new LongColumn(DataType.LONG, out, n, nulls);
    }

    /**
     * column op constant over longs: no constant column is materialized. A zero constant divisor fails the query if a
     * dividend is not NULL (as {@link #arithmetic}).
     */
    static Column arithmeticLongScalar(Expr.BinaryOp op, DataType type, Column a, long k, String expr) {
        int n = a.size();
        long[] x = Vectors.asLongs(a);
        long[] nulls = a.nullBitmap();
        if (Overflow.checks(op, type)) {
            return new LongColumn(type, Overflow.exact(op, type, x, null, k, nulls, n, expr), n, nulls);
        }
        long[] out = new long[n];
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) out[i] = x[i] + k;
            }
            case SUB -> {
                for (int i = 0; i < n; i++) out[i] = x[i] - k;
            }
            case MUL -> {
                for (int i = 0; i < n; i++) out[i] = x[i] * k;
            }
            default -> {
                if (k == 0) {
                    for (int i = 0; i < n; i++) {
                        if (!a.isNull(i)) {
                            throw byZero(op, expr);
                        }
                    }
                    return Vectors.constant(null, type, n);
                }
                for (int i = 0; i < n; i++) out[i] = x[i] % k;
            }
        }
        return new LongColumn(type, out, n, nulls);
    }

    private static long[] nullWhereZero(double[] y, int n, long[] nulls) {
        for (int i = 0; i < n; i++) {
            if (y[i] == 0) {
                nulls = setNull(nulls, i, n);
            }
        }
        return nulls;
    }

    private static long[] setNull(long[] nulls, int i, int n) {
        long[] out = nulls == null ? new long[(n + 63) >>> 6] : nulls.clone();
        out[i >>> 6] |= 1L << i;
        return out;
    }

    static Column compareLongScalar(Expr.BinaryOp op, Column a, long k) {
        int n = a.size();
        long[] x = Vectors.asLongs(a);
        boolean[] out = new boolean[n];
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) out[i] = x[i] == k;
            }
            case NE -> {
                for (int i = 0; i < n; i++) out[i] = x[i] != k;
            }
            case LT -> {
                for (int i = 0; i < n; i++) out[i] = x[i] < k;
            }
            case LE -> {
                for (int i = 0; i < n; i++) out[i] = x[i] <= k;
            }
            case GT -> {
                for (int i = 0; i < n; i++) out[i] = x[i] > k;
            }
            default -> {
                for (int i = 0; i < n; i++) out[i] = x[i] >= k;
            }
        }
        return new BooleanColumn(out, n, a.nullBitmap());
    }

    static Column compare(Expr.BinaryOp op, DataType common, Column a, Column b) {
        int n = a.size();
        long[] nulls = Vectors.orNulls(Vectors.nullsOf(a), Vectors.nullsOf(b));
        boolean[] out = new boolean[n];
        if (common == DataType.STRING || common == DataType.BOOLEAN) {
            for (int i = 0; i < n; i++) {
                if (!Vectors.isNull(nulls, i)) {
                    out[i] = test(op, cmpObj(a.get(i), b.get(i)));
                }
            }
        } else if (common == DataType.STRUCT) {
            // structs (windows: l.w = r.w) compare field by field, as Spark orders them
            for (int i = 0; i < n; i++) {
                if (!Vectors.isNull(nulls, i)) {
                    out[i] = test(op, cmpStruct((Row) a.get(i), (Row) b.get(i)));
                }
            }
        } else if (common == DataType.DOUBLE) {
            double[] x = Vectors.asDoubles(a);
            double[] y = Vectors.asDoubles(b);
            for (int i = 0; i < n; i++) {
                out[i] = test(op, Double.compare(x[i], y[i]));
            }
        } else {
            long[] x = Vectors.asLongs(a);
            long[] y = Vectors.asLongs(b);
            for (int i = 0; i < n; i++) {
                out[i] = test(op, Long.compare(x[i], y[i]));
            }
        }
        return new BooleanColumn(out, n, nulls);
    }

    /** Field by field; a null field sorts first, as in Spark's struct ordering. */
    private static int cmpStruct(Row x, Row y) {
        for (int f = 0; f < Math.min(x.size(), y.size()); f++) {
            Object u = x.get(f);
            Object v = y.get(f);
            int c = u == null
                    ? (v == null ? 0 : -1)
                    : v == null ? 1 : u instanceof Row ur ? cmpStruct(ur, (Row) v) : cmpObj(u, v);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int cmpObj(Object x, Object y) {
        return ((Comparable) x).compareTo(y);
    }

    private static boolean test(Expr.BinaryOp op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    /** SQL three-valued AND/OR. */
    static Column logical(Expr.BinaryOp op, Column a, Column b) {
        int n = a.size();
        boolean[] x = ((BooleanColumn) a).values();
        boolean[] y = ((BooleanColumn) b).values();
        long[] na = a.nullBitmap();
        long[] nb = b.nullBitmap();
        boolean[] out = new boolean[n];
        long[] nulls = null;
        boolean and = op == Expr.BinaryOp.AND;
        for (int i = 0; i < n; i++) {
            boolean xn = Vectors.isNull(na, i);
            boolean yn = Vectors.isNull(nb, i);
            boolean xv = x[i] && !xn;
            boolean yv = y[i] && !yn;
            if (and) {
                boolean definiteFalse = (!xn && !x[i]) || (!yn && !y[i]);
                out[i] = xv && yv;
                if (!definiteFalse && (xn || yn)) {
                    nulls = setNull(nulls, i, n);
                }
            } else {
                out[i] = xv || yv;
                if (!out[i] && (xn || yn)) {
                    nulls = setNull(nulls, i, n);
                }
            }
        }
        return new BooleanColumn(out, n, nulls);
    }

    static Column unary(Expr.UnaryOp op, Column c) {
        int n = c.size();
        switch (op) {
            case NOT -> {
                boolean[] x = ((BooleanColumn) c).values();
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = !x[i];
                }
                return new BooleanColumn(out, n, c.nullBitmap());
            }
            case IS_NULL, IS_NOT_NULL -> {
                boolean[] out = new boolean[n];
                boolean want = op == Expr.UnaryOp.IS_NULL;
                for (int i = 0; i < n; i++) {
                    out[i] = c.isNull(i) == want;
                }
                return new BooleanColumn(out, n, null);
            }
            default -> {
                if (c instanceof DoubleColumn d) {
                    double[] out = new double[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = -d.values()[i];
                    }
                    return new DoubleColumn(out, n, c.nullBitmap());
                }
                // Spark's ANSI minus: the one value whose negation does not fit fails
                long[] out = Overflow.negateOrAbs(c, false);
                return c.type() == DataType.INT
                        ? new IntColumn(Vectors.toInts(out, n), n, c.nullBitmap())
                        : new LongColumn(c.type().isInterval() ? c.type() : DataType.LONG, out, n, c.nullBitmap());
            }
        }
    }

    static StringColumn strings(Column c) {
        return (StringColumn) c;
    }
}
