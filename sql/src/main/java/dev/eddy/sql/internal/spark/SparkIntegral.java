package dev.eddy.sql.internal.spark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * Spark's ANSI rules for whole numbers where Calcite's Java code would wrap around or saturate: a cast to TINYINT,
 * SMALLINT, INT or BIGINT of a number that does not fit (NaN, an infinity, a DOUBLE or DECIMAL out of range once its
 * fraction is cut toward zero, a wider whole number out of range) fails with [CAST_OVERFLOW] ({@code try_cast}: NULL);
 * {@code -x} and {@code abs(x)} of the smallest INT or BIGINT fail with [ARITHMETIC_OVERFLOW]. The runtime methods
 * are public static, called by Calcite's generated code in batch queries; streaming queries run the engine's checks
 * ({@code RexTranslator}) or these methods.
 */
public final class SparkIntegral {
    /** {@code SPARK_TO_INTEGRAL(x, bits)}: x (a DOUBLE, DECIMAL or BIGINT) as a whole number of {@code bits} bits. */
    public static final List<SqlUserDefinedFunction> TO_INTEGRAL = List.of(
            udf("SPARK_TO_INTEGRAL", "toIntegral", SparkUdf.Arg.DBL),
            udf("SPARK_TO_INTEGRAL", "toIntegral", SparkUdf.Arg.DEC),
            udf("SPARK_TO_INTEGRAL", "toIntegral", SparkUdf.Arg.LONG));
    /** try_cast's form: NULL where the cast fails. */
    public static final List<SqlUserDefinedFunction> TRY_TO_INTEGRAL = List.of(
            udf("SPARK_TRY_TO_INTEGRAL", "tryToIntegral", SparkUdf.Arg.DBL),
            udf("SPARK_TRY_TO_INTEGRAL", "tryToIntegral", SparkUdf.Arg.DEC),
            udf("SPARK_TRY_TO_INTEGRAL", "tryToIntegral", SparkUdf.Arg.LONG));

    public static final SqlUserDefinedFunction NEGATE = SparkUdf.udf(
            SparkIntegral.class,
            "SPARK_NEGATE",
            "negate",
            ReturnTypes.BIGINT_NULLABLE,
            SparkUdf.Arg.LONG,
            SparkUdf.Arg.INT);
    public static final SqlUserDefinedFunction ABS = SparkUdf.udf(
            SparkIntegral.class, "SPARK_ABS", "abs", ReturnTypes.BIGINT_NULLABLE, SparkUdf.Arg.LONG, SparkUdf.Arg.INT);

    /** try_cast of a DOUBLE or DECIMAL to DECIMAL(p, s): rounded HALF_UP as CAST, NULL where CAST fails. */
    public static final List<SqlUserDefinedFunction> TRY_TO_DECIMAL = List.of(
            SparkUdf.udf(
                    SparkIntegral.class,
                    "SPARK_TRY_TO_DECIMAL",
                    "tryToDecimal",
                    ReturnTypes.DECIMAL_QUOTIENT_NULLABLE,
                    SparkUdf.Arg.DBL,
                    SparkUdf.Arg.INT,
                    SparkUdf.Arg.INT),
            SparkUdf.udf(
                    SparkIntegral.class,
                    "SPARK_TRY_TO_DECIMAL",
                    "tryToDecimal",
                    ReturnTypes.DECIMAL_QUOTIENT_NULLABLE,
                    SparkUdf.Arg.DEC,
                    SparkUdf.Arg.INT,
                    SparkUdf.Arg.INT));

    private SparkIntegral() {}

    /**
     * {@code try_cast(x AS DECIMAL(p, s))} of a DOUBLE or a DECIMAL with a larger scale: Spark's rounding (HALF_UP;
     * Calcite's try_cast cut the digits), NULL where the cast fails.
     */
    public static boolean isTryDecimal(RelDataType from, RelDataType to) {
        return to.getSqlTypeName() == SqlTypeName.DECIMAL
                && (SqlTypeUtil.isApproximateNumeric(from)
                        || SqlTypeUtil.isDecimal(from) && from.getScale() > to.getScale());
    }

    public static RexNode convertTryDecimal(SqlRexContext cx, SqlCall c, RelDataType from, RelDataType to) {
        RexBuilder rb = cx.getRexBuilder();
        var f = rb.getTypeFactory();
        RelDataType integer = f.createSqlType(SqlTypeName.INTEGER);
        RexNode x = cx.convertExpression(c.operand(0));
        boolean dbl = SqlTypeUtil.isApproximateNumeric(from);
        RexNode operand = dbl
                ? rb.makeCast(f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true), x, true, false)
                : x;
        return rb.makeCall(
                to,
                TRY_TO_DECIMAL.get(dbl ? 0 : 1),
                List.of(
                        operand,
                        rb.makeExactLiteral(BigDecimal.valueOf(to.getPrecision()), integer),
                        rb.makeExactLiteral(BigDecimal.valueOf(to.getScale()), integer)));
    }

    public static BigDecimal tryToDecimal(Double x, Integer precision, Integer scale) {
        return x == null || x.isNaN() || x.isInfinite() ? null : tryToDecimal(BigDecimal.valueOf(x), precision, scale);
    }

    public static BigDecimal tryToDecimal(BigDecimal x, Integer precision, Integer scale) {
        if (x == null) {
            return null;
        }
        BigDecimal r = x.setScale(scale, RoundingMode.HALF_UP);
        return r.precision() - r.scale() > precision - scale ? null : r;
    }

    private static SqlUserDefinedFunction udf(String name, String method, SparkUdf.Arg from) {
        return SparkUdf.udf(SparkIntegral.class, name, method, ReturnTypes.BIGINT_NULLABLE, from, SparkUdf.Arg.INT);
    }

    /** The number of bits of a whole-number type, or 0 for another type. */
    public static int bits(SqlTypeName t) {
        return switch (t) {
            case TINYINT -> 8;
            case SMALLINT -> 16;
            case INTEGER -> 32;
            case BIGINT -> 64;
            default -> 0;
        };
    }

    /**
     * Whether a cast from {@code from} to {@code to} can overflow: {@code to} is a whole number and {@code from} a
     * DOUBLE, FLOAT, DECIMAL or a wider whole number.
     */
    public static boolean mayOverflow(RelDataType from, RelDataType to) {
        int bits = bits(to.getSqlTypeName());
        if (bits == 0) {
            return false;
        }
        int fromBits = bits(from.getSqlTypeName());
        return fromBits > bits || SqlTypeUtil.isApproximateNumeric(from) || SqlTypeUtil.isDecimal(from);
    }

    /** {@code CAST(x AS to)} or {@code try_cast} ({@code orNull}) of a number that may not fit {@code to}. */
    public static RexNode convertCast(SqlRexContext cx, SqlCall c, RelDataType from, RelDataType to, boolean orNull) {
        RexBuilder rb = cx.getRexBuilder();
        var f = rb.getTypeFactory();
        RexNode x = cx.convertExpression(c.operand(0));
        int kind = SqlTypeUtil.isApproximateNumeric(from) ? 0 : SqlTypeUtil.isDecimal(from) ? 1 : 2;
        SqlTypeName arg = kind == 0 ? SqlTypeName.DOUBLE : kind == 1 ? null : SqlTypeName.BIGINT;
        RexNode operand =
                arg == null ? x : rb.makeCast(f.createTypeWithNullability(f.createSqlType(arg), true), x, true, false);
        RexNode bits = rb.makeExactLiteral(
                BigDecimal.valueOf(bits(to.getSqlTypeName())), f.createSqlType(SqlTypeName.INTEGER));
        SqlUserDefinedFunction fn = (orNull ? TRY_TO_INTEGRAL : TO_INTEGRAL).get(kind);
        return rb.makeCast(to, rb.makeCall(fn, operand, bits), true, false);
    }

    /** Whether {@code t} is an INT or a BIGINT (whose negation and abs Spark checks). */
    public static boolean isIntOrBigint(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.INTEGER || t.getSqlTypeName() == SqlTypeName.BIGINT;
    }

    /** {@code -x} ({@code abs} false) or {@code abs(x)} of an INT or BIGINT, checked as Spark's. */
    public static RexNode convertNegateOrAbs(SqlRexContext cx, SqlCall c, boolean abs) {
        RexBuilder rb = cx.getRexBuilder();
        var f = rb.getTypeFactory();
        RelDataType type = cx.getValidator().getValidatedNodeType(c);
        RexNode x = rb.makeCast(
                f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), true),
                cx.convertExpression(c.operand(0)),
                true,
                false);
        RexNode bits = rb.makeExactLiteral(
                BigDecimal.valueOf(bits(type.getSqlTypeName())), f.createSqlType(SqlTypeName.INTEGER));
        return rb.makeCast(type, rb.makeCall(abs ? ABS : NEGATE, x, bits), true, false);
    }

    // the runtime

    public static Long toIntegral(Double x, Integer bits) {
        return x == null ? null : check(x, bits, false);
    }

    public static Long tryToIntegral(Double x, Integer bits) {
        return x == null ? null : check(x, bits, true);
    }

    public static Long toIntegral(BigDecimal x, Integer bits) {
        return x == null ? null : check(x, bits, false);
    }

    public static Long tryToIntegral(BigDecimal x, Integer bits) {
        return x == null ? null : check(x, bits, true);
    }

    public static Long toIntegral(Long x, Integer bits) {
        return x == null ? null : fits(x, bits) ? x : overflow(x + "L", "BIGINT", bits, false);
    }

    public static Long tryToIntegral(Long x, Integer bits) {
        return x == null || !fits(x, bits) ? null : x;
    }

    /** Spark's test: the DOUBLE fits once its fraction is cut ({@code floor(x) <= max && ceil(x) >= min}). */
    private static Long check(double x, int bits, boolean orNull) {
        double max = bits == 64 ? (double) Long.MAX_VALUE : (double) ((1L << (bits - 1)) - 1);
        double min = bits == 64 ? (double) Long.MIN_VALUE : (double) -(1L << (bits - 1));
        if (Math.floor(x) <= max && Math.ceil(x) >= min) {
            return (long) x;
        }
        return overflow(x + "D", "DOUBLE", bits, orNull);
    }

    private static Long check(BigDecimal x, int bits, boolean orNull) {
        BigDecimal whole = x.setScale(0, RoundingMode.DOWN);
        if (whole.toBigInteger().bitLength() < bits) {
            return whole.longValue();
        }
        return overflow(x.toPlainString() + "BD", "DECIMAL", bits, orNull);
    }

    private static boolean fits(long x, int bits) {
        return bits == 64 || x >> (bits - 1) == 0 || x >> (bits - 1) == -1;
    }

    private static Long overflow(String value, String from, int bits, boolean orNull) {
        if (orNull) {
            return null;
        }
        String to = bits == 8 ? "TINYINT" : bits == 16 ? "SMALLINT" : bits == 32 ? "INT" : "BIGINT";
        throw new ArithmeticException("[CAST_OVERFLOW] The value " + value + " of the type \"" + from
                + "\" cannot be cast to \"" + to
                + "\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.");
    }

    /** Spark's ANSI {@code -x} of an INT ({@code bits} 32) or BIGINT: the smallest value fails. */
    public static Long negate(Long x, Integer bits) {
        if (x == null) {
            return null;
        }
        if (x == (bits == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE)) {
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] " + (bits == 32 ? "integer" : "long")
                    + " overflow in -(" + x + "). Use 'try_subtract' to tolerate overflow and return NULL instead.");
        }
        return -x;
    }

    /** Spark's ANSI {@code abs(x)} of an INT ({@code bits} 32) or BIGINT: the smallest value fails. */
    public static Long abs(Long x, Integer bits) {
        if (x == null) {
            return null;
        }
        if (x == (bits == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE)) {
            throw new ArithmeticException(
                    "[ARITHMETIC_OVERFLOW] " + (bits == 32 ? "integer" : "long") + " overflow in abs(" + x + ").");
        }
        return Math.abs(x);
    }
}
