package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.expr.Expr;

/**
 * Spark's ANSI checks of whole numbers: {@code + - *}, unary minus, {@code abs} and {@code SUM} of INT and BIGINT
 * fail with [ARITHMETIC_OVERFLOW] where the exact answer does not fit the type (where Java would wrap around), and
 * a cast to INT or BIGINT of a number that does not fit (NaN, an infinity, a value out of range) fails with
 * [CAST_OVERFLOW]. Rows that are NULL are never checked (their slots hold anything).
 */
public final class Overflow {
    private Overflow() {}

    /**
     * {@code x op y} for every row, exact: the fast loop assumes no overflow; only when one happens somewhere (maybe
     * in a NULL row's slot) is the batch gone through again row by row.
     */
    static long[] exact(Expr.BinaryOp op, DataType type, long[] x, long[] y, long k, long[] nulls, int n, String expr) {
        long[] out = new long[n];
        try {
            for (int i = 0; i < n; i++) {
                out[i] = apply(op, x[i], y == null ? k : y[i]);
            }
            if (type != DataType.INT) {
                return out;
            }
        } catch (ArithmeticException e) {
            // checked below, row by row
        }
        for (int i = 0; i < n; i++) {
            if (Vectors.isNull(nulls, i)) {
                continue;
            }
            try {
                out[i] = apply(op, x[i], y == null ? k : y[i]);
            } catch (ArithmeticException e) {
                throw arithmetic(type, op, expr);
            }
            if (type == DataType.INT && out[i] != (int) out[i]) {
                throw arithmetic(type, op, expr);
            }
        }
        return out;
    }

    private static long apply(Expr.BinaryOp op, long a, long b) {
        return switch (op) {
            case ADD -> Math.addExact(a, b);
            case SUB -> Math.subtractExact(a, b);
            default -> Math.multiplyExact(a, b);
        };
    }

    /** Whether {@code op} over whole numbers of {@code type} is checked here. */
    static boolean checks(Expr.BinaryOp op, DataType type) {
        return (op == Expr.BinaryOp.ADD || op == Expr.BinaryOp.SUB || op == Expr.BinaryOp.MUL)
                && (type == DataType.INT || type == DataType.LONG || type == DataType.TIMESTAMP);
    }

    /** Spark's error for an overflow of {@code op} ({@code expr} names the expression). */
    static ArithmeticException arithmetic(DataType type, Expr.BinaryOp op, String expr) {
        String tryForm = switch (op) {
            case ADD -> "try_add";
            case SUB -> "try_subtract";
            default -> "try_multiply";
        };
        return new ArithmeticException("[ARITHMETIC_OVERFLOW] " + (type == DataType.INT ? "integer" : "long")
                + " overflow in " + expr + ". Use '" + tryForm + "' to tolerate overflow and return NULL instead.");
    }

    /** Spark's error for an overflow of a unary minus, {@code abs} or {@code SUM} ({@code what}). */
    public static ArithmeticException arithmetic(DataType type, String what) {
        return new ArithmeticException(
                "[ARITHMETIC_OVERFLOW] " + (type == DataType.INT ? "integer" : "long") + " overflow in " + what + ".");
    }

    /** {@code -x} or {@code abs(x)} of whole numbers, failing for the one value whose negation does not fit. */
    static long[] negateOrAbs(Column c, boolean abs) {
        int n = c.size();
        long[] x = Vectors.asLongs(c);
        long[] nulls = c.nullBitmap();
        long min = c.type() == DataType.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long v = x[i];
            if (v == min && !Vectors.isNull(nulls, i)) {
                throw arithmetic(c.type(), abs ? "abs(" + v + ")" : "-(" + v + ")");
            }
            out[i] = abs && v < 0 ? -v : abs ? v : -v;
        }
        return out;
    }

    /**
     * Fails with Spark's [CAST_OVERFLOW] when a non-NULL value of {@code c} does not fit {@code to} (INT or BIGINT):
     * a DOUBLE that is NaN, infinite or out of range once its fraction is cut (Spark's test: {@code floor(x) <= max
     * && ceil(x) >= min}), a BIGINT out of INT's range.
     */
    static void checkFits(Column c, DataType to) {
        if ((to != DataType.INT && to != DataType.LONG) || c.type() == to) {
            return;
        }
        int n = c.size();
        long[] nulls = c.nullBitmap();
        if (c instanceof DoubleColumn d) {
            double max = to == DataType.INT ? Integer.MAX_VALUE : (double) Long.MAX_VALUE;
            double min = to == DataType.INT ? Integer.MIN_VALUE : (double) Long.MIN_VALUE;
            double[] v = d.values();
            for (int i = 0; i < n; i++) {
                if (!(Math.floor(v[i]) <= max && Math.ceil(v[i]) >= min) && !Vectors.isNull(nulls, i)) {
                    throw castOverflow(Double.toString(v[i]) + "D", "DOUBLE", to);
                }
            }
        } else if (c.type() == DataType.LONG && to == DataType.INT) {
            long[] v = Vectors.asLongs(c);
            for (int i = 0; i < n; i++) {
                if (v[i] != (int) v[i] && !Vectors.isNull(nulls, i)) {
                    throw castOverflow(v[i] + "L", "BIGINT", to);
                }
            }
        }
    }

    private static ArithmeticException castOverflow(String value, String from, DataType to) {
        return new ArithmeticException("[CAST_OVERFLOW] The value " + value + " of the type \"" + from
                + "\" cannot be cast to \"" + (to == DataType.INT ? "INT" : "BIGINT")
                + "\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.");
    }
}
