package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ScalarFunctions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Scalar functions, evaluated row by row (strings are objects anyway). */
final class Calls {
    private Calls() {}

    static Column call(String fn, Column[] a, DataType type, int n) {
        if (fn.equals("abs")) {
            return abs(a[0]);
        }
        if (fn.equals(BatchTime.CURRENT_TIMESTAMP) || fn.equals(BatchTime.CURRENT_DATE)) {
            return BatchTime.column(fn, n);
        }
        if (fn.equals("case_when")) {
            return caseWhen(a, type, n);
        }
        if (fn.equals("div")) {
            return Ops.integralDivide(a[0], a[1]);
        }
        if (fn.equals("try_divide") || fn.equals("try_mod")) {
            return Ops.tryArithmetic(fn.equals("try_divide") ? Expr.BinaryOp.DIV : Expr.BinaryOp.MOD, type, a[0], a[1]);
        }
        if (fn.equals("in")) {
            return in(a, n);
        }
        if (fn.equals("cast_check")) {
            return castCheck(a, n);
        }
        if (Dates.FUNCTIONS.contains(fn)) {
            return Dates.call(fn, a, n);
        }
        BatchBuilder b = Batch.builder(Schema.of(Field.of("c", type)), n);
        ScalarFunctions.ScalarFunction registered = ScalarFunctions.get(fn);
        if (registered != null) {
            Object[] args = new Object[a.length];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < a.length; k++) {
                    args[k] = a[k].get(i);
                }
                b.setValue(0, registered.apply(args)).endRow();
            }
            return b.build().column(0);
        }
        for (int i = 0; i < n; i++) {
            b.setValue(0, one(fn, a, i)).endRow();
        }
        return b.build().column(0);
    }

    private static Object one(String fn, Column[] a, int i) {
        if (fn.equals("coalesce")) {
            for (Column c : a) {
                if (!c.isNull(i)) {
                    return c.get(i);
                }
            }
            return null;
        }
        if (fn.equals("concat")) {
            StringBuilder sb = new StringBuilder();
            for (Column c : a) {
                if (c.isNull(i)) {
                    return null;
                }
                sb.append(c.type() == DataType.TIMESTAMP ? Casts.formatTimestamp((Long) c.get(i)) : c.get(i));
            }
            return sb.toString();
        }
        Object v = a[0].get(i);
        if (v == null) {
            return null;
        }
        switch (fn) {
            case "timestamp_seconds":
                return v instanceof Double d
                        ? secondsToMicros(d)
                        : Math.multiplyExact(((Number) v).longValue(), 1_000_000L);
            case "timestamp_millis":
                return Math.multiplyExact(((Number) v).longValue(), 1000L);
            case "timestamp_micros":
                return ((Number) v).longValue();
            case "unix_seconds":
                return Math.floorDiv((Long) v, 1_000_000L);
            case "unix_millis":
                return Math.floorDiv((Long) v, 1000L);
            case "unix_micros":
                return v;
            case "sqrt": // Spark's: NaN for a negative number
                return Math.sqrt(((Number) v).doubleValue());
            case "decimal_divide":
                return a[1].isNull(i) ? null : decimalDivide((Number) v, (Number) a[1].get(i), (Number) a[2].get(i));
            // (x, scale[, precision[, orNull]]): with a precision, Spark's ANSI cast to DECIMAL(p, s) (try_cast's:
            // NULL)
            case "decimal_round":
                return decimalRound(
                        v,
                        ((Number) a[1].get(i)).intValue(),
                        a.length > 2 ? (Number) a[2].get(i) : null,
                        a.length > 3 && Boolean.TRUE.equals(a[3].get(i)));
            default:
                break;
        }
        String s = v.toString();
        return switch (fn) {
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "trim" -> s.trim();
            case "length" -> s.length();
            default -> throw new IllegalArgumentException("unknown function '" + fn + "'");
        };
    }

    /**
     * Spark's DECIMAL quotient: the operands' decimal values divided and rounded HALF_UP to the result's scale (the
     * engine holds a DECIMAL in a DOUBLE: the nearest double to Spark's exact decimal answer, not a double quotient).
     */
    private static double decimalDivide(Number a, Number b, Number scale) {
        BigDecimal divisor = decimal(b);
        if (divisor.signum() == 0) {
            throw new ArithmeticException(
                    "[DIVIDE_BY_ZERO] Division by zero. Use try_divide to tolerate divisor being 0"
                            + " and return NULL instead.");
        }
        return decimal(a)
                .divide(divisor, scale.intValue(), RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** The decimal a DECIMAL (held as a double) or a whole number stands for: its shortest text, as Spark wrote it. */
    /**
     * {@code v} rounded HALF_UP to {@code scale}; with a {@code precision}, a value with more whole digits than
     * DECIMAL(precision, scale) holds fails with Spark's [NUMERIC_VALUE_OUT_OF_RANGE] (ANSI mode), and NaN or an
     * infinity with [CAST_OVERFLOW]; for try_cast ({@code orNull}) they are NULL.
     */
    private static Double decimalRound(Object v, int scale, Number precision, boolean orNull) {
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            if (orNull) {
                return null;
            }
            throw new ArithmeticException("[CAST_OVERFLOW] The value " + d + "D of the type \"DOUBLE\" cannot be cast"
                    + " to \"DECIMAL(" + precision + "," + scale + ")\" due to an overflow. Use `try_cast` to tolerate"
                    + " overflow and return NULL instead.");
        }
        BigDecimal r = decimal(v).setScale(scale, RoundingMode.HALF_UP);
        if (precision != null && r.precision() - r.scale() > precision.intValue() - scale) {
            if (orNull) {
                return null;
            }
            throw new ArithmeticException(
                    "[NUMERIC_VALUE_OUT_OF_RANGE] " + decimal(v).toPlainString()
                            + " cannot be represented as Decimal(" + precision + ", " + scale
                            + "). Use try_cast to tolerate overflow and return NULL instead.");
        }
        return r.doubleValue();
    }

    private static BigDecimal decimal(Object v) {
        return v instanceof Double d ? BigDecimal.valueOf(d) : BigDecimal.valueOf(((Number) v).longValue());
    }

    /** Spark's timestamp_seconds of a fractional number: the seconds to whole microseconds, an error past the range. */
    private static long secondsToMicros(double seconds) {
        double micros = seconds * 1_000_000d;
        if (Double.isNaN(micros) || micros >= 0x1p63 || micros < -0x1p63) {
            throw new ArithmeticException("timestamp_seconds(" + seconds + ") is out of the timestamp range");
        }
        return (long) micros;
    }

    /**
     * in(x, v1, v2, ...): SQL's {@code x IN (v1, v2, ...)} over constant values (a long IN list from SQL), with a
     * hash set; NULL for a NULL x, and NULL instead of false when a value is NULL.
     */
    private static Column in(Column[] a, int n) {
        BatchBuilder b = Batch.builder(Schema.of(Field.of("c", DataType.BOOLEAN)), n);
        if (n == 0) {
            return b.build().column(0);
        }
        Set<Object> values = new HashSet<>();
        boolean nullValue = false;
        for (int k = 1; k < a.length; k++) {
            Object v = a[k].get(0);
            if (v == null) {
                nullValue = true;
            } else {
                values.add(comparable(v));
            }
        }
        for (int i = 0; i < n; i++) {
            Object x = a[0].get(i);
            Boolean r =
                    x == null ? null : values.contains(comparable(x)) ? Boolean.TRUE : nullValue ? null : Boolean.FALSE;
            b.setValue(0, r).endRow();
        }
        return b.build().column(0);
    }

    /**
     * cast_check(cast(x as t), x, 'T', 'CAST(x AS T)'): the cast's column, or Spark's ANSI error (the query fails)
     * when a value of x is not null but its cast is, i.e. the text does not cast to t.
     */
    private static Column castCheck(Column[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (a[0].isNull(i) && !a[1].isNull(i)) {
                throw new IllegalArgumentException("[CAST_INVALID_INPUT] The value '" + a[1].get(i)
                        + "' of the type \"STRING\" cannot be cast to \"" + a[2].get(0)
                        + "\" because it is malformed (in " + a[3].get(0)
                        + "). Use try_cast to tolerate malformed input and return NULL instead.");
            }
        }
        return a[0];
    }

    /** Numbers of any Java type compare by value (2 = 2L = 2.0). */
    private static Object comparable(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)).stripTrailingZeros() : v;
        }
        if (v instanceof Number num) {
            return BigDecimal.valueOf(num.longValue()).stripTrailingZeros();
        }
        return v;
    }

    /** case_when(cond1, value1, ..., otherwise): the value of the first true condition (null counts as false). */
    private static Column caseWhen(Column[] a, DataType type, int n) {
        Column[] values = new Column[a.length];
        for (int k = 1; k < a.length; k += 2) {
            values[k] = a[k].type() == type ? a[k] : Casts.cast(a[k], type);
        }
        Column otherwise = a[a.length - 1].type() == type ? a[a.length - 1] : Casts.cast(a[a.length - 1], type);
        BatchBuilder b = Batch.builder(Schema.of(Field.of("c", type)), n);
        for (int i = 0; i < n; i++) {
            Column chosen = otherwise;
            for (int k = 0; k + 1 < a.length; k += 2) {
                if (!a[k].isNull(i) && Boolean.TRUE.equals(a[k].get(i))) {
                    chosen = values[k + 1];
                    break;
                }
            }
            b.setValue(0, chosen.get(i)).endRow();
        }
        return b.build().column(0);
    }

    private static Column abs(Column c) {
        int n = c.size();
        if (c.type() == DataType.DOUBLE) {
            double[] v = Vectors.asDoubles(c);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = Math.abs(v[i]);
            }
            return new DoubleColumn(out, n, c.nullBitmap());
        }
        // Spark's ANSI abs: abs of the smallest INT or BIGINT does not fit and fails
        long[] out = Overflow.negateOrAbs(c, true);
        return Casts.cast(new LongColumn(DataType.LONG, out, n, c.nullBitmap()), c.type());
    }
}
