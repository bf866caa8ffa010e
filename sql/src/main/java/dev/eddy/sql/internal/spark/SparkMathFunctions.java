package dev.eddy.sql.internal.spark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.LongBinaryOperator;

/**
 * Spark's arithmetic and math functions (division, div, overflow-checked {@code + - *}, remainders, rounding,
 * logarithms).
 * Called by Calcite's generated code in batch queries and by the engine in streaming queries (public static, boxed
 * so SQL NULL arrives as null), with Eddy's values: TIMESTAMP as epoch microseconds (UTC), DATE as days since the
 * epoch. Errors carry Spark's error class.
 */
public final class SparkMathFunctions {
    /** {@code a / b} as Spark computes it: fractional, and an error for a zero divisor (ANSI mode). */
    public static Double divide(Double a, Double b) {
        return a == null || b == null ? null : a / divisor(b, b == 0);
    }

    /** {@code try_divide(a, b)}: as {@code /}, but NULL for a zero divisor. */
    public static Double tryDivide(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    /**
     * {@code a div b}: integral division truncating toward zero, an error for a zero divisor and for the one quotient
     * that overflows (Long.MIN_VALUE div -1), as Spark's ANSI mode has it.
     */
    public static Long div(Long a, Long b) {
        if (a == null || b == null) {
            return null;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] Overflow in integral divide. Use try_divide to"
                    + " tolerate overflow and return NULL instead.");
        }
        return a / divisor(b, b == 0);
    }

    /** DECIMAL {@code a / b} as Spark computes it: rounded HALF_UP to the result's scale, an error for zero. */
    public static BigDecimal decimalDivide(BigDecimal a, BigDecimal b, Integer scale) {
        if (a == null || b == null) {
            return null;
        }
        return a.divide(divisor(b, b.signum() == 0), scale, RoundingMode.HALF_UP);
    }

    /** The divisor, or Spark's [DIVIDE_BY_ZERO] error when it is zero. */
    private static <T> T divisor(T divisor, boolean zero) {
        if (zero) {
            throw new ArithmeticException(
                    "[DIVIDE_BY_ZERO] Division by zero. Use try_divide to tolerate divisor being 0"
                            + " and return NULL instead.");
        }
        return divisor;
    }

    /**
     * Spark's integral {@code + - *} and their try_ forms, one per {@link SparkOperators} operator: exact, and on
     * overflow an [ARITHMETIC_OVERFLOW] error (ANSI mode) or, for the try_ forms, NULL.
     */
    public enum Arithmetic {
        ADD(Math::addExact, false),
        SUBTRACT(Math::subtractExact, false),
        MULTIPLY(Math::multiplyExact, false),
        TRY_ADD(Math::addExact, true),
        TRY_SUBTRACT(Math::subtractExact, true),
        TRY_MULTIPLY(Math::multiplyExact, true);

        private final LongBinaryOperator exact;
        private final boolean orNull;

        Arithmetic(LongBinaryOperator exact, boolean orNull) {
            this.exact = exact;
            this.orNull = orNull;
        }

        private Long overflow(String what) {
            if (orNull) {
                return null;
            }
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] " + what
                    + ". Use try_add, try_subtract or try_multiply" + " to tolerate overflow and return NULL instead.");
        }
    }

    /** BIGINT {@code a op b}; {@code op} is an {@link Arithmetic}'s ordinal. */
    public static Long longArithmetic(Integer op, Long a, Long b) {
        if (a == null || b == null) {
            return null;
        }
        Arithmetic f = Arithmetic.values()[op];
        try {
            return f.exact.applyAsLong(a, b);
        } catch (ArithmeticException e) {
            return f.overflow("long overflow");
        }
    }

    /** INT {@code a op b}: computed exactly as a BIGINT (it cannot overflow there), then checked against INT's range. */
    public static Integer intArithmetic(Integer op, Integer a, Integer b) {
        Long r = a == null || b == null ? null : longArithmetic(op, a.longValue(), b.longValue());
        if (r == null || r == r.intValue()) {
            return r == null ? null : r.intValue();
        }
        Long overflow = Arithmetic.values()[op].overflow("integer overflow");
        return overflow == null ? null : overflow.intValue();
    }

    /** Whether {@code d} is NaN; NULL for NULL. */
    public static Boolean isNaN(Double d) {
        return d == null ? null : d.isNaN();
    }

    /** {@code sqrt(x)}: Java's square root (sqrt(-0.0) is -0.0, where Calcite's POWER(x, 0.5) gives 0.0). */
    public static Double sqrt(Double x) {
        return x == null ? null : Math.sqrt(x);
    }

    /** {@code sign(x)}, {@code signum(x)}: -1.0, 0.0 or 1.0 (NaN for NaN), a DOUBLE. */
    public static Double signum(Double x) {
        return x == null ? null : Math.signum(x);
    }

    /** {@code pmod(a, n)}: the remainder with n's sign made positive; a zero n fails the query (ANSI mode). */
    public static Long pmod(Long a, Long n) {
        if (a == null || n == null) {
            return null;
        }
        if (n == 0) {
            throw divideByZero();
        }
        long r = a % n;
        return r < 0 ? (r + n) % n : r;
    }

    public static Double pmod(Double a, Double n) {
        if (a == null || n == null) {
            return null;
        }
        if (n == 0) {
            throw divideByZero();
        }
        double r = a % n;
        return r < 0 ? (r + n) % n : r;
    }

    /** {@code a % n} of whole numbers: Java's remainder (the dividend's sign); a zero n fails the query (ANSI mode). */
    public static Long mod(Long a, Long n) {
        if (a == null || n == null) {
            return null;
        }
        if (n == 0) {
            throw divideByZero();
        }
        return a % n;
    }

    /** {@code a % n} of DOUBLEs: IEEE's remainder as Java's {@code %}; a zero n (or -0.0) fails the query. */
    public static Double mod(Double a, Double n) {
        if (a == null || n == null) {
            return null;
        }
        if (n == 0) {
            throw divideByZero();
        }
        return a % n;
    }

    /** {@code a % n} of DECIMALs: the exact remainder (the dividend's sign); a zero n fails the query. */
    public static BigDecimal mod(BigDecimal a, BigDecimal n) {
        if (a == null || n == null) {
            return null;
        }
        if (n.signum() == 0) {
            throw divideByZero();
        }
        return a.remainder(n);
    }

    /** {@code try_mod(a, n)}: {@code a % n}, NULL for a zero n. */
    public static Long tryMod(Long a, Long n) {
        return a == null || n == null || n == 0 ? null : a % n;
    }

    public static Double tryMod(Double a, Double n) {
        return a == null || n == null || n == 0 ? null : a % n;
    }

    /** Spark 4's error for pmod (and %) by zero. */
    private static ArithmeticException divideByZero() {
        return new ArithmeticException("[REMAINDER_BY_ZERO] Remainder by zero. Use try_mod to tolerate divisor being 0"
                + " and return NULL instead.");
    }

    /** {@code bround(x, d)}: rounded HALF_EVEN at d digits, the double read by its shortest text (as Spark). */
    public static Double bround(Double x, Integer digits) {
        if (x == null || digits == null) {
            return null;
        }
        if (x.isNaN() || x.isInfinite()) {
            return x;
        }
        return BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    public static Double bround(Double x) {
        return bround(x, 0);
    }

    /** {@code round(x, d)} of a DOUBLE: HALF_UP at d digits by its shortest text; NaN and infinities stay. */
    public static Double round(Double x, Integer digits) {
        if (x == null || digits == null) {
            return null;
        }
        if (x.isNaN() || x.isInfinite()) {
            return x;
        }
        return BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code ln(x)}: NULL for x <= 0, as Spark. */
    public static Double ln(Double x) {
        return x == null || x <= 0 ? null : StrictMath.log(x);
    }

    public static Double log10(Double x) {
        return x == null || x <= 0 ? null : StrictMath.log10(x);
    }

    public static Double log2(Double x) {
        return x == null || x <= 0 ? null : StrictMath.log(x) / StrictMath.log(2);
    }

    /** {@code log(base, x)}: NULL when either is <= 0. */
    public static Double log(Double base, Double x) {
        return base == null || x == null || base <= 0 || x <= 0 ? null : StrictMath.log(x) / StrictMath.log(base);
    }

    /** {@code pow(x, y)}, {@code power(x, y)}. */
    public static Double pow(Double x, Double y) {
        return x == null || y == null ? null : StrictMath.pow(x, y);
    }

    private SparkMathFunctions() {}
}
