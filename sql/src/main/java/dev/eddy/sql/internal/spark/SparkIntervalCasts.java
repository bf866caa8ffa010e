package dev.eddy.sql.internal.spark;

import dev.eddy.sql.internal.spark.SparkUdf.Arg;
import dev.eddy.streaming.api.data.IntervalFields;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlCastFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * Spark's casts to and from its ANSI interval types (SparkConvertlets calls {@link #cast}): between intervals of one
 * kind, from whole numbers and DECIMALs (a count of the target's last field, any fields: {@code CAST(3 AS INTERVAL DAY
 * TO HOUR)} is three hours), from text ({@link IntervalTexts}), to text, and from an interval to a whole number or a
 * DECIMAL (its count of its last field: {@code CAST(INTERVAL '1 02' DAY TO HOUR AS INT)} is 26). Values as {@link
 * SparkIntervals} holds them: microseconds for day-time intervals, months for year-month ones.
 */
public final class SparkIntervalCasts {
    private SparkIntervalCasts() {}

    private static final Set<SqlTypeName> EXACT = EnumSet.of(
            SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL);

    /**
     * Spark's {@code CAST} (SparkRewrite puts it in place of Calcite's): Calcite's, but a whole number or a DECIMAL
     * casts to an interval of any fields and back (Calcite's check allows an interval of one field only, whatever the
     * validator's rules).
     */
    static final SqlCastFunction CAST = new SparkCast("CAST", SqlKind.CAST);

    /** Spark's {@code try_cast}, as {@link #CAST}. */
    static final SqlCastFunction TRY_CAST = new SparkCast("TRY_CAST", SqlKind.SAFE_CAST);

    /** {@code call}, or Calcite's cast of the same operands for Spark's (to find Calcite's conversion of it). */
    static SqlCall calciteForm(SqlCall call) {
        if (call.getOperator() instanceof SparkCast) {
            SqlFunction calcite =
                    call.getKind() == SqlKind.CAST ? SqlStdOperatorTable.CAST : SqlLibraryOperators.TRY_CAST;
            return calcite.createCall(call.getParserPosition(), call.getOperandList());
        }
        return call;
    }

    private static final class SparkCast extends SqlCastFunction {
        SparkCast(String name, SqlKind kind) {
            super(name, kind);
        }

        /** Validated as this operator: SqlFunction's look-up by name would put Calcite's cast back. */
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                validator.deriveType(scope, operand);
            }
            return validateOperands(validator, scope, call);
        }

        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            RelDataType from = binding.getOperandType(0);
            RelDataType to = binding.getOperandType(1);
            boolean numbers = SqlTypeUtil.isInterval(to) && EXACT.contains(from.getSqlTypeName())
                    || SqlTypeUtil.isInterval(from) && EXACT.contains(to.getSqlTypeName());
            return numbers || super.checkOperandTypes(binding, throwOnFailure);
        }
    }

    private static final SqlUserDefinedFunction CAST_MICROS = runtime("castMicros", Arg.LONG, Arg.INT);
    private static final SqlUserDefinedFunction CAST_MONTHS = runtime("castMonths", Arg.INT, Arg.INT);
    private static final SqlUserDefinedFunction MICROS_OF_NUMBER =
            runtime("microsOfNumber", Arg.LONG, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction MONTHS_OF_NUMBER =
            runtime("monthsOfNumber", Arg.LONG, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction MICROS_OF_DECIMAL =
            runtime("microsOfDecimal", Arg.DEC, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction MONTHS_OF_DECIMAL =
            runtime("monthsOfDecimal", Arg.DEC, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction MICROS_TEXT = runtime("intervalString", Arg.LONG, Arg.INT);
    private static final SqlUserDefinedFunction MONTHS_TEXT = runtime("monthsString", Arg.INT, Arg.INT);
    private static final SqlUserDefinedFunction MICROS_OF_TEXT = runtime("microsOfText", Arg.STR, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction MONTHS_OF_TEXT = runtime("monthsOfText", Arg.STR, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction WHOLE_OF_MICROS =
            runtime("wholeOfMicros", Arg.LONG, Arg.INT, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction WHOLE_OF_MONTHS =
            runtime("wholeOfMonths", Arg.INT, Arg.INT, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction DECIMAL_OF_MICROS =
            runtime("decimalOfMicros", Arg.LONG, Arg.INT, Arg.INT, Arg.INT, Arg.BOOL);
    private static final SqlUserDefinedFunction DECIMAL_OF_MONTHS =
            runtime("decimalOfMonths", Arg.INT, Arg.INT, Arg.INT, Arg.INT, Arg.BOOL);

    private static SqlUserDefinedFunction runtime(String method, Arg... args) {
        return SparkIntervals.runtime(SparkIntervalCasts.class, "SPARK_INTERVAL_CAST", method, args);
    }

    /**
     * {@code CAST(x AS type)} (or {@code try_cast}, {@code tryCast}) as Spark casts to or from an interval: an interval
     * of the same kind cut to the target's last field ({@code CAST(INTERVAL '1 02:03' DAY TO MINUTE AS INTERVAL HOUR)}
     * is 26 hours), a whole number or DECIMAL as a count of the target's last field, text in Spark's forms, an interval
     * to text, or to a whole number or DECIMAL; null for another cast. The call's type is the target, so {@code typeof}
     * names it.
     */
    static RexNode cast(SqlRexContext cx, SqlCall c, RelDataType from, RelDataType to, boolean tryCast) {
        IntervalFields target = SparkIntervals.fields(to);
        RexBuilder rb = cx.getRexBuilder();
        RelDataTypeFactory f = rb.getTypeFactory();
        IntervalFields source = SparkIntervals.fields(from);
        if (target == null) {
            return source == null ? null : fromInterval(cx, c, source, from, to, tryCast);
        }
        RexNode ordinal = integer(rb, target.ordinal());
        RexNode x = cx.convertExpression(c.operand(0));
        RelDataType type = tryCast ? f.createTypeWithNullability(to, true) : to;
        if (source != null) {
            if (source.isYearMonth() != target.isYearMonth()) {
                return null; // refused by the validator
            }
            return rb.makeCall(to, target.isYearMonth() ? CAST_MONTHS : CAST_MICROS, List.of(x, ordinal));
        }
        if (SqlTypeUtil.isIntType(from)) {
            RexNode n =
                    rb.makeCast(f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), from.isNullable()), x);
            return rb.makeCall(
                    type,
                    target.isYearMonth() ? MONTHS_OF_NUMBER : MICROS_OF_NUMBER,
                    List.of(n, ordinal, rb.makeLiteral(tryCast)));
        }
        if (SqlTypeUtil.isDecimal(from)) {
            return rb.makeCall(
                    type,
                    target.isYearMonth() ? MONTHS_OF_DECIMAL : MICROS_OF_DECIMAL,
                    List.of(x, ordinal, rb.makeLiteral(tryCast)));
        }
        if (SqlTypeUtil.isCharacter(from)) {
            return rb.makeCall(
                    type,
                    target.isYearMonth() ? MONTHS_OF_TEXT : MICROS_OF_TEXT,
                    List.of(x, ordinal, rb.makeLiteral(tryCast)));
        }
        return null;
    }

    /** An interval of {@code source}'s fields to text, a whole number or a DECIMAL; null for another target. */
    private static RexNode fromInterval(
            SqlRexContext cx, SqlCall c, IntervalFields source, RelDataType from, RelDataType to, boolean tryCast) {
        RexBuilder rb = cx.getRexBuilder();
        RelDataTypeFactory f = rb.getTypeFactory();
        RexNode x = cx.convertExpression(c.operand(0));
        RexNode ordinal = integer(rb, source.ordinal());
        if (SqlTypeUtil.isCharacter(to)) {
            // Spark's text, also of a literal (Calcite's convertlet would make Calcite's text of it, "+1 02")
            RexNode text = rb.makeCall(
                    f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), from.isNullable()),
                    source.isYearMonth() ? MONTHS_TEXT : MICROS_TEXT,
                    List.of(x, ordinal));
            return rb.makeCast(to, text, true, false);
        }
        boolean nullable = from.isNullable() || tryCast;
        if (SqlTypeUtil.isIntType(to)) {
            RexNode bits = integer(rb, bits(to.getSqlTypeName()));
            RexNode whole = rb.makeCall(
                    f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), nullable),
                    source.isYearMonth() ? WHOLE_OF_MONTHS : WHOLE_OF_MICROS,
                    List.of(x, ordinal, bits, rb.makeLiteral(tryCast)));
            return rb.makeCast(f.createTypeWithNullability(to, nullable), whole, true, false);
        }
        if (SqlTypeUtil.isDecimal(to)) {
            return rb.makeCall(
                    f.createTypeWithNullability(to, nullable),
                    source.isYearMonth() ? DECIMAL_OF_MONTHS : DECIMAL_OF_MICROS,
                    List.of(
                            x,
                            ordinal,
                            integer(rb, to.getPrecision()),
                            integer(rb, to.getScale()),
                            rb.makeLiteral(tryCast)));
        }
        return null;
    }

    private static int bits(SqlTypeName t) {
        return switch (t) {
            case TINYINT -> 8;
            case SMALLINT -> 16;
            case INTEGER -> 32;
            default -> 64;
        };
    }

    private static RexNode integer(RexBuilder rb, int n) {
        return rb.makeExactLiteral(BigDecimal.valueOf(n), rb.getTypeFactory().createSqlType(SqlTypeName.INTEGER));
    }

    /** A day-time interval cut (toward zero) to the last field of {@code fields} (an IntervalFields ordinal). */
    public static Long castMicros(Long micros, Integer fields) {
        if (micros == null) {
            return null;
        }
        long unit = SparkIntervals.unitMicros(IntervalFields.values()[fields].end());
        return micros - micros % unit;
    }

    /** A year-month interval cut (toward zero) to whole years when {@code fields} ends with YEAR. */
    public static Integer castMonths(Integer months, Integer fields) {
        if (months == null) {
            return null;
        }
        return IntervalFields.values()[fields].end() == IntervalFields.Unit.YEAR ? months - months % 12 : months;
    }

    /** The microseconds of one of the last field of {@code f} (a whole second for SECOND). */
    private static long lastFieldMicros(IntervalFields f) {
        return f.end() == IntervalFields.Unit.SECOND ? 1_000_000L : SparkIntervals.unitMicros(f.end());
    }

    /** {@code n} of the last field of a day-time interval of {@code fields}, in microseconds; NULL on overflow under try_cast. */
    public static Long microsOfNumber(Long n, Integer fields, Boolean tryCast) {
        if (n == null) {
            return null;
        }
        IntervalFields f = IntervalFields.values()[fields];
        try {
            return Math.multiplyExact(n, lastFieldMicros(f));
        } catch (ArithmeticException e) {
            return overflow(n + "L", "BIGINT", f, tryCast);
        }
    }

    /** {@code n} years (an interval ending with YEAR) or months, in months; NULL on overflow under try_cast. */
    public static Integer monthsOfNumber(Long n, Integer fields, Boolean tryCast) {
        if (n == null) {
            return null;
        }
        IntervalFields f = IntervalFields.values()[fields];
        try {
            return Math.toIntExact(f.end() == IntervalFields.Unit.YEAR ? Math.multiplyExact(n, 12L) : n);
        } catch (ArithmeticException e) {
            return overflow(n + "L", "BIGINT", f, tryCast);
        }
    }

    /**
     * A DECIMAL count of the last field of a day-time interval of {@code fields}: its microseconds rounded HALF_UP (as
     * Spark: {@code CAST(1.2345675 AS INTERVAL SECOND)} is 1.234568 seconds), then cut to that field as a cast between
     * intervals cuts ({@code CAST(2.9 AS INTERVAL DAY TO HOUR)} is 2 hours).
     */
    public static Long microsOfDecimal(BigDecimal n, Integer fields, Boolean tryCast) {
        if (n == null) {
            return null;
        }
        IntervalFields f = IntervalFields.values()[fields];
        try {
            long micros = n.multiply(BigDecimal.valueOf(lastFieldMicros(f)))
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            return castMicros(micros, fields);
        } catch (ArithmeticException e) {
            return overflow(n.toPlainString() + "BD", "DECIMAL", f, tryCast);
        }
    }

    /**
     * A DECIMAL count of years or months: its months rounded HALF_UP ({@code CAST(2.5 AS INTERVAL MONTH)} is 3
     * months, {@code CAST(2.5 AS INTERVAL YEAR TO MONTH)} {@code 0-3}), cut to whole years for an interval ending with
     * YEAR ({@code CAST(2.5 AS INTERVAL YEAR)} is 2 years).
     */
    public static Integer monthsOfDecimal(BigDecimal n, Integer fields, Boolean tryCast) {
        if (n == null) {
            return null;
        }
        IntervalFields f = IntervalFields.values()[fields];
        try {
            BigDecimal months = f.end() == IntervalFields.Unit.YEAR ? n.multiply(BigDecimal.valueOf(12)) : n;
            return castMonths(months.setScale(0, RoundingMode.HALF_UP).intValueExact(), fields);
        } catch (ArithmeticException e) {
            return overflow(n.toPlainString() + "BD", "DECIMAL", f, tryCast);
        }
    }

    private static <T> T overflow(String value, String type, IntervalFields f, Boolean tryCast) {
        if (Boolean.TRUE.equals(tryCast)) {
            return null;
        }
        throw new ArithmeticException("[CAST_OVERFLOW] The value " + value + " of the type \"" + type + "\" cannot be"
                + " cast to \"" + f.sqlText() + "\" due to an overflow. Use `try_cast` to tolerate overflow and return"
                + " NULL instead.");
    }

    /**
     * A day-time interval of {@code fields} as a whole count of its last field (cut toward zero: {@code
     * CAST(INTERVAL '3.5' SECOND AS INT)} is 3, {@code CAST(d1 - d2 AS INT)} the days), which must fit a whole number
     * of {@code bits} ([CAST_OVERFLOW], or NULL under try_cast).
     */
    public static Long wholeOfMicros(Long micros, Integer fields, Integer bits, Boolean tryCast) {
        if (micros == null) {
            return null;
        }
        IntervalFields f = IntervalFields.values()[fields];
        return fits(micros / lastFieldMicros(f), bits, micros, f, tryCast);
    }

    /** A year-month interval of {@code fields} as whole years (ending with YEAR) or months, within {@code bits}. */
    public static Long wholeOfMonths(Integer months, Integer fields, Integer bits, Boolean tryCast) {
        if (months == null) {
            return null;
        }
        IntervalFields f = IntervalFields.values()[fields];
        long n = f.end() == IntervalFields.Unit.YEAR ? months / 12 : months;
        return fits(n, bits, months, f, tryCast);
    }

    private static Long fits(long n, int bits, long value, IntervalFields f, Boolean tryCast) {
        long max = bits >= 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        if (n >= -max - 1 && n <= max) {
            return n;
        }
        if (Boolean.TRUE.equals(tryCast)) {
            return null;
        }
        String target = switch (bits) {
            case 8 -> "TINYINT";
            case 16 -> "SMALLINT";
            case 32 -> "INT";
            default -> "BIGINT";
        };
        throw new ArithmeticException("[CAST_OVERFLOW] The value " + f.format(value) + " of the type \""
                + f.sqlText() + "\" cannot be cast to \"" + target + "\" due to an overflow. Use `try_cast` to"
                + " tolerate overflow and return NULL instead.");
    }

    /**
     * A day-time interval of {@code fields} as a DECIMAL(precision, scale) count of its last field, rounded HALF_UP to
     * the scale ({@code CAST(INTERVAL '3.5' SECOND AS DECIMAL(10, 0))} is 4); [NUMERIC_VALUE_OUT_OF_RANGE] (NULL
     * under try_cast) past the precision.
     */
    public static BigDecimal decimalOfMicros(
            Long micros, Integer fields, Integer precision, Integer scale, Boolean tryCast) {
        if (micros == null) {
            return null;
        }
        IntervalFields f = IntervalFields.values()[fields];
        BigDecimal n = f.end() == IntervalFields.Unit.SECOND
                ? BigDecimal.valueOf(micros, 6)
                : BigDecimal.valueOf(micros / lastFieldMicros(f));
        return decimal(n, precision, scale, tryCast);
    }

    /** A year-month interval of {@code fields} as a DECIMAL count of its years (ending with YEAR) or months. */
    public static BigDecimal decimalOfMonths(
            Integer months, Integer fields, Integer precision, Integer scale, Boolean tryCast) {
        if (months == null) {
            return null;
        }
        IntervalFields f = IntervalFields.values()[fields];
        return decimal(
                BigDecimal.valueOf(f.end() == IntervalFields.Unit.YEAR ? months / 12 : months),
                precision,
                scale,
                tryCast);
    }

    private static BigDecimal decimal(BigDecimal n, int precision, int scale, Boolean tryCast) {
        BigDecimal v = n.setScale(scale, RoundingMode.HALF_UP);
        if (v.precision() - v.scale() <= precision - scale || v.signum() == 0) {
            return v;
        }
        if (Boolean.TRUE.equals(tryCast)) {
            return null;
        }
        throw new ArithmeticException("[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION] " + n.toPlainString()
                + " cannot be represented as Decimal(" + precision + ", " + scale + "). If necessary set"
                + " \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead.");
    }

    /** Spark's text of a day-time interval of {@code fields} as microseconds; NULL for bad text under try_cast. */
    public static Long microsOfText(String text, Integer fields, Boolean tryCast) {
        if (text == null) {
            return null;
        }
        try {
            return IntervalTexts.parse(text, IntervalFields.values()[fields]);
        } catch (IllegalArgumentException | ArithmeticException e) {
            if (Boolean.TRUE.equals(tryCast)) {
                return null;
            }
            throw e;
        }
    }

    /** Spark's text of a year-month interval of {@code fields} as months; NULL for bad text under try_cast. */
    public static Integer monthsOfText(String text, Integer fields, Boolean tryCast) {
        Long months = microsOfText(text, fields, tryCast);
        return months == null ? null : Math.toIntExact(months);
    }

    /** Spark's text of an interval value ({@code CAST(i AS STRING)}); {@code fields} is the IntervalFields ordinal. */
    public static String intervalString(Long value, Integer fields) {
        return SparkIntervals.intervalString(value, fields);
    }

    /** Spark's text of a year-month interval's months. */
    public static String monthsString(Integer months, Integer fields) {
        return SparkIntervals.monthsString(months, fields);
    }
}
