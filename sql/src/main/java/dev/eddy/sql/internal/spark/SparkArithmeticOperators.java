package dev.eddy.sql.internal.spark;

import static dev.eddy.sql.internal.spark.SparkUdf.binary;
import static dev.eddy.sql.internal.spark.SparkUdf.udf;
import static dev.eddy.sql.internal.spark.SparkUdf.unlisted;

import dev.eddy.sql.internal.spark.SparkUdf.Arg;
import dev.eddy.streaming.api.data.IntervalFields;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.Optionality;

/**
 * Spark's arithmetic as Calcite operators run by {@link SparkMathFunctions}: {@code /} and {@code %} typed as Spark
 * types them, {@code div}, the overflow-checked integral {@code + - *} and their try_ forms, try_divide, try_sum.
 * The internal ones carry a SPARK_ prefix.
 */
public final class SparkArithmeticOperators {
    private static final Class<?> MATH = SparkMathFunctions.class;

    /** {@code a / b} (operands cast to DOUBLE by the rewrite). */
    public static final SqlUserDefinedFunction DIVIDE =
            udf(MATH, "SPARK_DIVIDE", "divide", ReturnTypes.DOUBLE_NULLABLE, Arg.DBL, Arg.DBL);

    /** {@code a div b} (operands cast to BIGINT by the rewrite). */
    public static final SqlUserDefinedFunction DIV =
            udf(MATH, "SPARK_DIV", "div", ReturnTypes.BIGINT_NULLABLE, Arg.LONG, Arg.LONG);

    /** NULL for a zero divisor whatever its operands' nullability, so its type is always nullable. */
    public static final SqlUserDefinedFunction TRY_DIVIDE = udf(
            MATH,
            "TRY_DIVIDE",
            "tryDivide",
            ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE),
            Arg.DBL,
            Arg.DBL);

    /** DECIMAL division rounded HALF_UP to the result's scale; the call's type is set by the convertlet. */
    public static final SqlUserDefinedFunction DECIMAL_DIVIDE = udf(
            MATH,
            "SPARK_DECIMAL_DIVIDE",
            "decimalDivide",
            ReturnTypes.DECIMAL_QUOTIENT_NULLABLE,
            Arg.DEC,
            Arg.DEC,
            Arg.INT);

    /**
     * Integral {@code + - *} and try_add/try_subtract/try_multiply as {@link SparkConvertlets} writes them for INT and
     * BIGINT results: {@code SPARK_ADD(op, a, b)}, {@code SPARK_TRY_ADD(op, a, b)}, ... where {@code op} is the
     * {@link SparkMathFunctions.Arithmetic}'s ordinal; one INT and one BIGINT runtime serve them all.
     */
    private static final Map<SparkMathFunctions.Arithmetic, SqlUserDefinedFunction> INT_ARITHMETIC = arithmetic(true);

    private static final Map<SparkMathFunctions.Arithmetic, SqlUserDefinedFunction> LONG_ARITHMETIC = arithmetic(false);

    /**
     * Spark's try_add/try_subtract/try_multiply: typed as + - *, NULL instead of an overflow error, so always nullable
     * (even over NOT NULL operands).
     */
    public static final SqlFunction TRY_ADD = tryArithmetic("TRY_ADD", ReturnTypes.NULLABLE_SUM);

    public static final SqlFunction TRY_SUBTRACT = tryArithmetic("TRY_SUBTRACT", ReturnTypes.NULLABLE_SUM);

    public static final SqlFunction TRY_MULTIPLY = tryArithmetic("TRY_MULTIPLY", ReturnTypes.PRODUCT_NULLABLE);

    /**
     * {@code a / b} before conversion (SparkRewrite puts it for Calcite's {@code /}): typed as Spark types it, a
     * DECIMAL when both sides are exact and one is a DECIMAL (Spark's precision and scale), otherwise a DOUBLE.
     * {@link SparkConvertlets} turns it into {@link #DIVIDE} or {@link #DECIMAL_DIVIDE}.
     */
    public static final SqlBinaryOperator SPARK_SLASH = binary(
            "/",
            SqlKind.OTHER,
            SparkArithmeticOperators::divideType,
            OperandTypes.or(
                    OperandTypes.NUMERIC_NUMERIC,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.NUMERIC),
                    OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.CHARACTER),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    OperandTypes.family(SqlTypeFamily.INTERVAL_DAY_TIME, SqlTypeFamily.NUMERIC),
                    OperandTypes.family(SqlTypeFamily.INTERVAL_YEAR_MONTH, SqlTypeFamily.NUMERIC)));

    /**
     * {@code a * b} before conversion (SparkRewrite puts it for Calcite's {@code *}): an interval times a number is
     * Spark's widest interval of its kind (MultiplyDTInterval, MultiplyYMInterval: {@code INTERVAL '3' HOUR * 2} is an
     * INTERVAL DAY TO SECOND), other operands are typed as Calcite's {@code *} types them. {@link SparkConvertlets}
     * turns an interval product into {@link SparkIntervals}' runtime and gives other products back to Calcite's.
     */
    public static final SqlBinaryOperator SPARK_STAR = binary(
            "*",
            SqlKind.TIMES,
            SparkArithmeticOperators::multiplyType,
            SqlStdOperatorTable.MULTIPLY.getOperandTypeChecker());

    /**
     * {@code a % b} (and {@code mod(a, b)}) before conversion (SparkRewrite puts it for Calcite's): typed as Spark types
     * it, a DOUBLE when an operand is a DOUBLE (Calcite's MOD takes exact numbers only and cast a DOUBLE to a DECIMAL),
     * Spark's DECIMAL when both are exact and one is a DECIMAL, otherwise the wider whole number.
     * {@link SparkConvertlets} runs it on Spark's remainder, [REMAINDER_BY_ZERO] for a zero divisor.
     */
    public static final SqlBinaryOperator SPARK_PERCENT =
            binary("%", SqlKind.MOD, SparkArithmeticOperators::remainderType, OperandTypes.NUMERIC_NUMERIC);

    /** Whether a DOUBLE is NaN (used by {@link #OR_NAN}'s conversion). */
    public static final SqlUserDefinedFunction IS_NAN =
            udf(MATH, "SPARK_ISNAN", "isNaN", ReturnTypes.BOOLEAN_NULLABLE, Arg.DBL);

    /**
     * {@code SPARK_OR_NAN(comparison, x)}: the comparison, or also true when {@code x} is NaN, which Spark orders
     * above every number (greatest/least, SparkRewrite). {@link SparkConvertlets} writes it as the comparison alone
     * unless {@code x} is floating, so only DOUBLE operands pay for the test.
     */
    public static final SqlFunction OR_NAN = unlisted(
            "SPARK_OR_NAN",
            ReturnTypes.BOOLEAN_NULLABLE,
            OperandTypes.family(SqlTypeFamily.BOOLEAN, SqlTypeFamily.ANY));

    /**
     * Spark's {@code try_sum(x)}: SUM with Spark's result type, NULL instead of an overflow error. Batch queries run
     * it as their checked SUM that gives NULL ({@code CheckedSums}).
     */
    public static final SqlAggFunction TRY_SUM = new SqlAggFunction(
            "TRY_SUM",
            null,
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.AGG_SUM.andThen(SqlTypeTransforms.FORCE_NULLABLE),
            null,
            OperandTypes.NUMERIC,
            SqlFunctionCategory.NUMERIC,
            false,
            false,
            Optionality.FORBIDDEN) {};

    /** The runtime of {@code op} for INT ({@code isInt}) or BIGINT operands. */
    public static SqlUserDefinedFunction arithmetic(SparkMathFunctions.Arithmetic op, boolean isInt) {
        return (isInt ? INT_ARITHMETIC : LONG_ARITHMETIC).get(op);
    }

    private static Map<SparkMathFunctions.Arithmetic, SqlUserDefinedFunction> arithmetic(boolean isInt) {
        Map<SparkMathFunctions.Arithmetic, SqlUserDefinedFunction> out =
                new EnumMap<>(SparkMathFunctions.Arithmetic.class);
        for (SparkMathFunctions.Arithmetic op : SparkMathFunctions.Arithmetic.values()) {
            out.put(
                    op,
                    isInt
                            ? udf(
                                    MATH,
                                    "SPARK_" + op.name(),
                                    "intArithmetic",
                                    ReturnTypes.INTEGER_NULLABLE,
                                    Arg.INT,
                                    Arg.INT,
                                    Arg.INT)
                            : udf(
                                    MATH,
                                    "SPARK_" + op.name(),
                                    "longArithmetic",
                                    ReturnTypes.BIGINT_NULLABLE,
                                    Arg.INT,
                                    Arg.LONG,
                                    Arg.LONG));
        }
        return out;
    }

    private static SqlFunction tryArithmetic(String name, SqlReturnTypeInference type) {
        return new SqlFunction(
                name,
                SqlKind.OTHER_FUNCTION,
                type.andThen(SqlTypeTransforms.FORCE_NULLABLE),
                InferTypes.FIRST_KNOWN,
                OperandTypes.NUMERIC_NUMERIC,
                SqlFunctionCategory.NUMERIC);
    }

    /** Spark's type of {@code a / b}: see {@link #SPARK_SLASH}. */
    private static RelDataType divideType(SqlOperatorBinding b) {
        RelDataTypeFactory f = b.getTypeFactory();
        Operands o = new Operands(b);
        IntervalFields interval = SparkIntervals.fields(o.x);
        if (interval != null) { // Spark's DivideDTInterval/DivideYMInterval: the widest interval of its kind
            return SparkIntervals.type(
                    f,
                    interval.isYearMonth() ? IntervalFields.YEAR_TO_MONTH : IntervalFields.DAY_TO_SECOND,
                    o.nullable);
        }
        if (!o.decimal()) {
            return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), o.nullable);
        }
        int[] px = o.px;
        int[] py = o.py;
        // Spark's DecimalPrecision for Divide, then DecimalType.adjustPrecisionScale (precision loss allowed)
        int scale = Math.max(6, px[1] + py[0] + 1);
        int precision = px[0] - px[1] + py[1] + scale;
        if (precision > 38) {
            int intDigits = precision - scale;
            scale = Math.max(38 - intDigits, Math.min(scale, 6));
            precision = 38;
        }
        return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, precision, scale), true);
    }

    /** Spark's type of {@code a * b}: see {@link #SPARK_STAR}. */
    private static RelDataType multiplyType(SqlOperatorBinding b) {
        for (int i = 0; i < 2; i++) {
            IntervalFields interval = SparkIntervals.fields(b.getOperandType(i));
            if (interval != null && SqlTypeUtil.isNumeric(b.getOperandType(1 - i))) {
                return SparkIntervals.type(
                        b.getTypeFactory(),
                        interval.isYearMonth() ? IntervalFields.YEAR_TO_MONTH : IntervalFields.DAY_TO_SECOND,
                        b.getOperandType(0).isNullable() || b.getOperandType(1).isNullable());
            }
        }
        return SqlStdOperatorTable.MULTIPLY.getReturnTypeInference().inferReturnType(b);
    }

    /** Spark's type of {@code a % b}: see {@link #SPARK_PERCENT}. */
    private static RelDataType remainderType(SqlOperatorBinding b) {
        RelDataTypeFactory f = b.getTypeFactory();
        Operands o = new Operands(b);
        if (o.decimal()) {
            // Spark's DecimalPrecision for Remainder (never wider than 38 digits)
            int scale = Math.max(o.px[1], o.py[1]);
            int precision = Math.min(o.px[0] - o.px[1], o.py[0] - o.py[1]) + scale;
            return f.createTypeWithNullability(
                    f.createSqlType(SqlTypeName.DECIMAL, Math.max(1, precision), scale), o.nullable);
        }
        RelDataType wider = f.leastRestrictive(List.of(o.x, o.y));
        if (wider == null || !SqlTypeUtil.isNumeric(wider)) {
            wider = f.createSqlType(SqlTypeName.DOUBLE);
        }
        return f.createTypeWithNullability(wider, o.nullable);
    }

    /** The two operands of {@code /} or {@code %} as Spark's decimal rules see them. */
    private static final class Operands {
        final RelDataType x;
        final RelDataType y;
        final boolean nullable;
        /** Precision and scale of each operand when it is exact, else null ({@link #exact}). */
        final int[] px;

        final int[] py;

        Operands(SqlOperatorBinding b) {
            x = b.getOperandType(0);
            y = b.getOperandType(1);
            nullable = x.isNullable() || y.isNullable();
            px = exact(b, 0);
            py = exact(b, 1);
        }

        /** Whether Spark's DECIMAL rule applies: both exact and one of them a DECIMAL. */
        boolean decimal() {
            boolean oneDecimal = x.getSqlTypeName() == SqlTypeName.DECIMAL || y.getSqlTypeName() == SqlTypeName.DECIMAL;
            return oneDecimal && px != null && py != null;
        }
    }

    /** Precision and scale of an exact operand as Spark sees it (an integer literal by its digits), else null. */
    private static int[] exact(SqlOperatorBinding b, int i) {
        RelDataType t = b.getOperandType(i);
        switch (t.getSqlTypeName()) {
            case DECIMAL:
                return new int[] {t.getPrecision(), t.getScale()};
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                if (b.isOperandLiteral(i, false)) {
                    BigDecimal v = b.getOperandLiteralValue(i, BigDecimal.class);
                    if (v != null) {
                        return new int[] {Math.max(1, v.precision()), 0};
                    }
                }
                int p = t.getSqlTypeName() == SqlTypeName.TINYINT
                        ? 3
                        : t.getSqlTypeName() == SqlTypeName.SMALLINT
                                ? 5
                                : t.getSqlTypeName() == SqlTypeName.INTEGER ? 10 : 20;
                return new int[] {p, 0};
            default:
                return null;
        }
    }

    private SparkArithmeticOperators() {}
}
