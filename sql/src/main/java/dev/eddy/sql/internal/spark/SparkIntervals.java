package dev.eddy.sql.internal.spark;

import dev.eddy.sql.internal.spark.SparkUdf.Arg;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.streaming.api.data.IntervalFields;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Spark's ANSI interval types in Eddy's SQL. A day-time interval is Calcite's INTERVAL DAY TO SECOND (and its
 * narrower forms) holding <em>microseconds</em>, as Spark's DayTimeIntervalType and the engine do (Calcite's own
 * runtime counts milliseconds; {@link SparkMicros} turns interval literals into microseconds before a batch plan
 * runs, and rewrites the few places Calcite's runtime reads an interval); a year-month interval is Calcite's INTERVAL
 * YEAR TO MONTH holding months, as in Spark. {@code DATE - DATE} is an INTERVAL DAY and {@code TIMESTAMP - TIMESTAMP}
 * an INTERVAL DAY TO SECOND ({@link SparkDateArithmetic} puts these functions in); a result shows them as Spark does.
 */
public final class SparkIntervals {
    private SparkIntervals() {}

    /** {@code end - start} of two DATEs: an INTERVAL DAY (microseconds of whole days). */
    static final SqlUserDefinedFunction DATE_DIFF =
            function("SPARK_DATE_DIFF", "dateDiff", type(IntervalFields.DAY), Arg.DATE, Arg.DATE);

    /** {@code end - start} of two TIMESTAMPs: an INTERVAL DAY TO SECOND (microseconds). */
    static final SqlUserDefinedFunction TIMESTAMP_DIFF =
            function("SPARK_TIMESTAMP_DIFF", "timestampDiff", type(IntervalFields.DAY_TO_SECOND), Arg.TS, Arg.TS);

    // SparkMicros' operators (batch plans only; the call's type is given where it is made)
    static final SqlUserDefinedFunction DATE_PLUS_MICROS =
            udf("SPARK_DATE_PLUS_MICROS", "datePlusMicros", SqlTypeName.DATE, Arg.DATE, Arg.LONG);
    static final SqlUserDefinedFunction INTERVAL_STRING =
            udf("SPARK_INTERVAL_STRING", "intervalString", SqlTypeName.VARCHAR, Arg.LONG, Arg.INT);
    static final SqlUserDefinedFunction INTERVAL_FIELD =
            udf("SPARK_INTERVAL_FIELD", "intervalField", SqlTypeName.BIGINT, Arg.LONG, Arg.STR);

    // Spark's interval / number (SparkConvertlets): by the divisor's kind, its months or microseconds; not folded
    // as constants, since Calcite's planner would compute a literal's milliseconds (Eddy's hold microseconds)
    private static final SqlUserDefinedFunction DIVIDE_BY_WHOLE =
            runtime("SPARK_INTERVAL_DIVIDE", "divideByWhole", Arg.LONG, Arg.LONG);
    private static final SqlUserDefinedFunction DIVIDE_BY_DECIMAL =
            runtime("SPARK_INTERVAL_DIVIDE", "divideByDecimal", Arg.LONG, Arg.DEC);
    private static final SqlUserDefinedFunction DIVIDE_BY_DOUBLE =
            runtime("SPARK_INTERVAL_DIVIDE", "divideByDouble", Arg.LONG, Arg.DBL);
    private static final SqlUserDefinedFunction MONTHS_BY_WHOLE =
            runtime("SPARK_INTERVAL_DIVIDE", "divideMonthsByWhole", Arg.INT, Arg.LONG);
    private static final SqlUserDefinedFunction MONTHS_BY_DECIMAL =
            runtime("SPARK_INTERVAL_DIVIDE", "divideMonthsByDecimal", Arg.INT, Arg.DEC);
    private static final SqlUserDefinedFunction MONTHS_BY_DOUBLE =
            runtime("SPARK_INTERVAL_DIVIDE", "divideMonthsByDouble", Arg.INT, Arg.DBL);

    /**
     * {@code EXTRACT(SECOND FROM i)} of a day-time interval (SparkDateForms writes it {@code SPARK_SECOND(i)}): Spark's
     * DECIMAL(8, 6) of its seconds with their fraction; an interval whose last field is not SECOND has none, as in
     * Spark ([INVALID_EXTRACT_FIELD]).
     */
    static final SqlUserDefinedFunction SECONDS = SparkUdf.udf(
            SparkIntervals.class,
            "SPARK_SECOND",
            "intervalSeconds",
            b -> {
                IntervalFields f = fields(b.getOperandType(0));
                if (f != null && f.end() != IntervalFields.Unit.SECOND && b instanceof SqlCallBinding c) {
                    throw ErrorMessages.at(
                            c.getCall().getParserPosition(),
                            "[INVALID_EXTRACT_FIELD] Cannot extract `SECOND` from \"" + f.sparkName() + "\"",
                            "an interval's seconds are in a DAY TO SECOND, HOUR TO SECOND, MINUTE TO SECOND or"
                                    + " SECOND interval");
                }
                return b.getTypeFactory()
                        .createTypeWithNullability(b.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 8, 6), true);
            },
            Arg.DAY_TIME);

    static long unitMicros(IntervalFields.Unit u) {
        return switch (u) {
            case DAY -> IntervalFields.MICROS_PER_DAY;
            case HOUR -> 3_600_000_000L;
            case MINUTE -> 60_000_000L;
            default -> 1L;
        };
    }

    /** Spark's {@code EXTRACT(SECOND FROM i)}: the seconds and their fraction, with the interval's sign. */
    public static BigDecimal intervalSeconds(Long micros) {
        return micros == null ? null : BigDecimal.valueOf(micros % 60_000_000L, 6);
    }

    /**
     * {@code i / n} as Spark's DivideDTInterval and DivideYMInterval compute it: {@code type} is the call's (an INTERVAL
     * DAY TO SECOND or YEAR TO MONTH), {@code interval} and {@code n} the converted operands.
     */
    static RexNode divide(RexBuilder rb, RelDataType type, RexNode interval, RexNode n) {
        boolean months = SqlTypeName.YEAR_INTERVAL_TYPES.contains(type.getSqlTypeName());
        SqlUserDefinedFunction op;
        SqlTypeName as;
        if (SqlTypeUtil.isApproximateNumeric(n.getType())) {
            op = months ? MONTHS_BY_DOUBLE : DIVIDE_BY_DOUBLE;
            as = SqlTypeName.DOUBLE;
        } else if (SqlTypeUtil.isDecimal(n.getType())) {
            op = months ? MONTHS_BY_DECIMAL : DIVIDE_BY_DECIMAL;
            as = null;
        } else {
            op = months ? MONTHS_BY_WHOLE : DIVIDE_BY_WHOLE;
            as = SqlTypeName.BIGINT;
        }
        RelDataTypeFactory f = rb.getTypeFactory();
        RexNode divisor = as == null || n.getType().getSqlTypeName() == as
                ? n
                : rb.makeCast(
                        f.createTypeWithNullability(
                                f.createSqlType(as), n.getType().isNullable()),
                        n);
        return rb.makeCall(type, op, List.of(interval, divisor));
    }

    // Spark's interval * number (SparkConvertlets), as the divisions: not folded as constants
    private static final SqlUserDefinedFunction TIMES_WHOLE =
            runtime("SPARK_INTERVAL_MULTIPLY", "multiplyByWhole", Arg.LONG, Arg.LONG);
    private static final SqlUserDefinedFunction TIMES_DECIMAL =
            runtime("SPARK_INTERVAL_MULTIPLY", "multiplyByDecimal", Arg.LONG, Arg.DEC);
    private static final SqlUserDefinedFunction TIMES_DOUBLE =
            runtime("SPARK_INTERVAL_MULTIPLY", "multiplyByDouble", Arg.LONG, Arg.DBL);
    private static final SqlUserDefinedFunction MONTHS_TIMES_WHOLE =
            runtime("SPARK_INTERVAL_MULTIPLY", "multiplyMonthsByWhole", Arg.INT, Arg.LONG);
    private static final SqlUserDefinedFunction MONTHS_TIMES_DECIMAL =
            runtime("SPARK_INTERVAL_MULTIPLY", "multiplyMonthsByDecimal", Arg.INT, Arg.DEC);
    private static final SqlUserDefinedFunction MONTHS_TIMES_DOUBLE =
            runtime("SPARK_INTERVAL_MULTIPLY", "multiplyMonthsByDouble", Arg.INT, Arg.DBL);

    /**
     * {@code i * n} (or {@code n * i}) as Spark's MultiplyDTInterval and MultiplyYMInterval compute it: {@code type} is
     * the call's (an INTERVAL DAY TO SECOND or YEAR TO MONTH); a fractional product is rounded HALF_UP, an overflow
     * fails.
     */
    static RexNode multiply(RexBuilder rb, RelDataType type, RexNode interval, RexNode n) {
        boolean months = SqlTypeName.YEAR_INTERVAL_TYPES.contains(type.getSqlTypeName());
        if (SqlTypeUtil.isApproximateNumeric(n.getType())) {
            return call(rb, type, months ? MONTHS_TIMES_DOUBLE : TIMES_DOUBLE, interval, n, SqlTypeName.DOUBLE);
        }
        if (SqlTypeUtil.isDecimal(n.getType())) {
            return call(rb, type, months ? MONTHS_TIMES_DECIMAL : TIMES_DECIMAL, interval, n, null);
        }
        return call(rb, type, months ? MONTHS_TIMES_WHOLE : TIMES_WHOLE, interval, n, SqlTypeName.BIGINT);
    }

    private static RexNode call(
            RexBuilder rb, RelDataType type, SqlUserDefinedFunction op, RexNode interval, RexNode n, SqlTypeName as) {
        RelDataTypeFactory f = rb.getTypeFactory();
        RexNode number = as == null || n.getType().getSqlTypeName() == as
                ? n
                : rb.makeCast(
                        f.createTypeWithNullability(
                                f.createSqlType(as), n.getType().isNullable()),
                        n);
        return rb.makeCall(type, op, List.of(interval, number));
    }

    public static Long multiplyByWhole(Long micros, Long n) {
        if (micros == null || n == null) {
            return null;
        }
        try {
            return Math.multiplyExact(micros, n);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("long overflow (an interval multiplied by " + n + ")");
        }
    }

    public static Long multiplyByDecimal(Long micros, BigDecimal n) {
        if (micros == null || n == null) {
            return null;
        }
        return exact(BigDecimal.valueOf(micros).multiply(n).setScale(0, RoundingMode.HALF_UP));
    }

    public static Long multiplyByDouble(Long micros, Double n) {
        if (micros == null || n == null) {
            return null;
        }
        double p = micros * n;
        if (Double.isNaN(p) || Double.isInfinite(p)) {
            throw overflow();
        }
        return exact(new BigDecimal(p).setScale(0, RoundingMode.HALF_UP));
    }

    public static Integer multiplyMonthsByWhole(Integer months, Long n) {
        if (months == null || n == null) {
            return null;
        }
        long p = multiplyByWhole(months.longValue(), n);
        if (p != (int) p) {
            throw new ArithmeticException("integer overflow (an interval multiplied by " + n + ")");
        }
        return (int) p;
    }

    public static Integer multiplyMonthsByDecimal(Integer months, BigDecimal n) {
        return months == null || n == null ? null : toMonths(multiplyByDecimal(months.longValue(), n));
    }

    public static Integer multiplyMonthsByDouble(Integer months, Double n) {
        return months == null || n == null ? null : toMonths(multiplyByDouble(months.longValue(), n));
    }

    /**
     * Whether {@code call} is an interval divided or multiplied by a number, or a cast to an interval, of constants: Spark folds it while planning (a zero
     * divisor fails the query whatever the rows), while Calcite leaves it to each row, since its function is not
     * marked deterministic (that keeps Calcite's planner from computing a literal's milliseconds).
     */
    static boolean isConstantDivision(RexCall call) {
        String name = call.getOperator().getName();
        if (!name.equals("SPARK_INTERVAL_DIVIDE")
                && !name.equals("SPARK_INTERVAL_MULTIPLY")
                && !name.equals("SPARK_INTERVAL_CAST")) {
            return false;
        }
        for (RexNode o : call.getOperands()) {
            if (!RexUtil.isConstant(o)) {
                return false;
            }
        }
        return true;
    }

    public static Long divideByWhole(Long micros, Long n) {
        if (micros == null || n == null) {
            return null;
        }
        checkDivisor(n == 0);
        if (micros == Long.MIN_VALUE && n == -1) {
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] Overflow in integral divide. Use `try_divide` to"
                    + " tolerate overflow and return NULL instead.");
        }
        return halfUp(micros, n);
    }

    public static Long divideByDecimal(Long micros, BigDecimal n) {
        if (micros == null || n == null) {
            return null;
        }
        checkDivisor(n.signum() == 0);
        return exact(
                BigDecimal.valueOf(micros).divide(n, MathContext.DECIMAL128).setScale(0, RoundingMode.HALF_UP));
    }

    public static Long divideByDouble(Long micros, Double n) {
        if (micros == null || n == null) {
            return null;
        }
        checkDivisor(n == 0);
        double q = micros / n;
        if (Double.isNaN(q) || Double.isInfinite(q)) {
            throw overflow();
        }
        return exact(new BigDecimal(q).setScale(0, RoundingMode.HALF_UP));
    }

    public static Integer divideMonthsByWhole(Integer months, Long n) {
        return months == null || n == null ? null : toMonths(divideByWhole(months.longValue(), n));
    }

    public static Integer divideMonthsByDecimal(Integer months, BigDecimal n) {
        return months == null || n == null ? null : toMonths(divideByDecimal(months.longValue(), n));
    }

    public static Integer divideMonthsByDouble(Integer months, Double n) {
        return months == null || n == null ? null : toMonths(divideByDouble(months.longValue(), n));
    }

    /** {@code x / n} rounded half away from zero (Guava's LongMath.divide HALF_UP, which Spark uses). */
    private static long halfUp(long x, long n) {
        return BigDecimal.valueOf(x)
                .divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    private static void checkDivisor(boolean zero) {
        if (zero) {
            throw new ArithmeticException("[INTERVAL_DIVIDED_BY_ZERO] Division by zero. Use `try_divide` to tolerate"
                    + " divisor being 0 and return NULL instead.");
        }
    }

    private static long exact(BigDecimal v) {
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw overflow();
        }
    }

    private static Integer toMonths(long months) {
        if (months != (int) months) {
            throw overflow();
        }
        return (int) months;
    }

    private static ArithmeticException overflow() {
        return new ArithmeticException("[INTERVAL_ARITHMETIC_OVERFLOW] Integer overflow while operating with"
                + " intervals. Use `try_divide` to tolerate overflow and return NULL instead.");
    }

    /**
     * Fails as Spark does ([INVALID_EXTRACT_FIELD]) when a day-time interval of {@code type} has no {@code unit} field
     * (DAY, HOUR or MINUTE): {@code EXTRACT(HOUR FROM d1 - d2)} of an INTERVAL DAY, {@code EXTRACT(MINUTE FROM
     * INTERVAL '3' HOUR)}.
     */
    public static void checkExtract(String unit, RelDataType type) {
        IntervalFields f = fields(type);
        if (f == null || f.isYearMonth()) {
            return;
        }
        IntervalFields.Unit u = IntervalFields.Unit.valueOf(unit);
        if (u.compareTo(f.start()) < 0 || u.compareTo(f.end()) > 0) {
            throw new IllegalArgumentException("[INVALID_EXTRACT_FIELD] Cannot extract `" + unit + "` from \""
                    + f.sparkName() + "\": an " + f.sparkName() + " has no " + unit + " field");
        }
    }

    /** Spark's {@code EXTRACT(DAY|HOUR|MINUTE FROM i)} of a day-time interval: the field, with the interval's sign. */
    public static Long intervalField(Long micros, String unit) {
        if (micros == null || unit == null) {
            return null;
        }
        return switch (unit) {
            case "DAY" -> micros / IntervalFields.MICROS_PER_DAY;
            case "HOUR" -> micros % IntervalFields.MICROS_PER_DAY / 3_600_000_000L;
            default -> micros % 3_600_000_000L / 60_000_000L;
        };
    }

    /** {@code make_dt_interval()}: Spark's zero INTERVAL DAY TO SECOND. */
    public static Long makeDtInterval() {
        return 0L;
    }

    public static Long makeDtInterval(Long days) {
        return makeDtInterval(days, 0L, 0L, 0.0);
    }

    public static Long makeDtInterval(Long days, Long hours) {
        return makeDtInterval(days, hours, 0L, 0.0);
    }

    public static Long makeDtInterval(Long days, Long hours, Long mins) {
        return makeDtInterval(days, hours, mins, 0.0);
    }

    /**
     * Spark's {@code make_dt_interval(days, hours, mins, secs)}: an INTERVAL DAY TO SECOND of the sum, the seconds
     * rounded HALF_UP to the microsecond (Spark's DECIMAL(18, 6)); NULL if any is NULL; [INTERVAL_ARITHMETIC_OVERFLOW]
     * past its range.
     */
    public static Long makeDtInterval(Long days, Long hours, Long mins, Double secs) {
        if (days == null || hours == null || mins == null || secs == null) {
            return null;
        }
        try {
            long micros = BigDecimal.valueOf(secs)
                    .setScale(6, RoundingMode.HALF_UP)
                    .movePointRight(6)
                    .longValueExact();
            micros = Math.addExact(micros, Math.multiplyExact(mins, 60_000_000L));
            micros = Math.addExact(micros, Math.multiplyExact(hours, 3_600_000_000L));
            return Math.addExact(micros, Math.multiplyExact(days, IntervalFields.MICROS_PER_DAY));
        } catch (ArithmeticException e) {
            throw makeOverflow();
        }
    }

    /** {@code make_ym_interval()}: Spark's zero INTERVAL YEAR TO MONTH. */
    public static Integer makeYmInterval() {
        return 0;
    }

    public static Integer makeYmInterval(Long years) {
        return makeYmInterval(years, 0L);
    }

    /** Spark's {@code make_ym_interval(years, months)}: the months of both; NULL if either is NULL. */
    public static Integer makeYmInterval(Long years, Long months) {
        if (years == null || months == null) {
            return null;
        }
        try {
            return Math.toIntExact(Math.addExact(Math.multiplyExact(years, 12L), months));
        } catch (ArithmeticException e) {
            throw makeOverflow();
        }
    }

    private static ArithmeticException makeOverflow() {
        return new ArithmeticException("[INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION] Integer overflow while"
                + " operating with intervals. Try devising appropriate values for the interval parameters.");
    }

    public static Long dateDiff(Integer end, Integer start) {
        if (end == null || start == null) {
            return null;
        }
        return ((long) end - start) * IntervalFields.MICROS_PER_DAY;
    }

    public static Long timestampDiff(Long end, Long start) {
        if (end == null || start == null) {
            return null;
        }
        try {
            return Math.subtractExact(end, start);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("[DATETIME_OVERFLOW] Datetime operation overflow: subtracting two"
                    + " timestamps overflows an INTERVAL DAY TO SECOND.");
        }
    }

    /** A DATE plus a day-time interval of whole days (a DATE plus hours is a TIMESTAMP, SparkDateArithmetic). */
    public static Integer datePlusMicros(Integer date, Long micros) {
        if (date == null || micros == null) {
            return null;
        }
        return Math.toIntExact(date + Math.floorDiv(micros, IntervalFields.MICROS_PER_DAY));
    }

    /** Spark's text of an interval value ({@code CAST(i AS STRING)}); {@code fields} is the IntervalFields ordinal. */
    public static String intervalString(Long value, Integer fields) {
        return value == null ? null : IntervalFields.values()[fields].format(value);
    }

    /** Spark's text of a year-month interval's months. */
    public static String monthsString(Integer months, Integer fields) {
        return months == null ? null : IntervalFields.values()[fields].format(months);
    }

    /** The interval fields of a Calcite interval type, or null for another type. */
    public static IntervalFields fields(RelDataType t) {
        if (!SqlTypeUtil.isInterval(t)) {
            return null;
        }
        SqlIntervalQualifier q = t.getIntervalQualifier();
        return IntervalFields.of(
                unit(q.getStartUnit()), unit(q.getEndUnit() == null ? q.getStartUnit() : q.getEndUnit()));
    }

    private static IntervalFields.Unit unit(TimeUnit u) {
        return switch (u) {
            case YEAR -> IntervalFields.Unit.YEAR;
            case MONTH -> IntervalFields.Unit.MONTH;
            case DAY -> IntervalFields.Unit.DAY;
            case HOUR -> IntervalFields.Unit.HOUR;
            case MINUTE -> IntervalFields.Unit.MINUTE;
            default -> IntervalFields.Unit.SECOND;
        };
    }

    private static TimeUnit timeUnit(IntervalFields.Unit u) {
        return TimeUnit.valueOf(u.name());
    }

    /** Calcite's type of {@code fields}, nullable or not. */
    public static RelDataType type(RelDataTypeFactory f, IntervalFields fields, boolean nullable) {
        TimeUnit end = timeUnit(fields.end());
        SqlIntervalQualifier q = new SqlIntervalQualifier(
                timeUnit(fields.start()), fields.start() == fields.end() ? null : end, SqlParserPos.ZERO);
        return f.createTypeWithNullability(f.createSqlIntervalType(q), nullable);
    }

    static SqlReturnTypeInference type(IntervalFields fields) {
        return b -> {
            boolean nullable = false;
            for (int i = 0; i < b.getOperandCount(); i++) {
                nullable |= b.getOperandType(i).isNullable();
            }
            return type(b.getTypeFactory(), fields, nullable);
        };
    }

    /** One of this class's runtime methods, typed {@code returns} (nullable) where it is validated. */
    private static SqlUserDefinedFunction udf(String name, String method, SqlTypeName returns, Arg... args) {
        return SparkUdf.udf(
                SparkIntervals.class,
                name,
                method,
                b -> b.getTypeFactory()
                        .createTypeWithNullability(b.getTypeFactory().createSqlType(returns), true),
                args);
    }

    /**
     * One of this class's runtime methods, called with the type it is made with ({@code RexBuilder.makeCall}) and never
     * computed ahead as a constant.
     */
    private static SqlUserDefinedFunction runtime(String name, String method, Arg... args) {
        return runtime(SparkIntervals.class, name, method, args);
    }

    /** {@link #runtime(String, String, Arg...)} of {@code owner}'s method. */
    static SqlUserDefinedFunction runtime(Class<?> owner, String name, String method, Arg... args) {
        SqlUserDefinedFunction u = SparkUdf.udf(owner, name, method, ReturnTypes.ARG0, args);
        return new SqlUserDefinedFunction(
                u.getSqlIdentifier(),
                u.getKind(),
                ReturnTypes.ARG0,
                u.getOperandTypeInference(),
                (SqlOperandMetadata) u.getOperandTypeChecker(),
                u.getFunction()) {
            @Override
            public boolean isDeterministic() {
                return false;
            }
        };
    }

    /**
     * A function put into a validated call's operands: it derives its type from its operands without looking its name
     * up in the operator table (it is not one a query can call).
     */
    private static SqlUserDefinedFunction function(
            String name, String method, SqlReturnTypeInference returns, Arg... args) {
        SqlUserDefinedFunction u = SparkUdf.udf(SparkIntervals.class, name, method, returns, args);
        return new SqlUserDefinedFunction(
                u.getSqlIdentifier(),
                u.getKind(),
                returns,
                u.getOperandTypeInference(),
                (SqlOperandMetadata) u.getOperandTypeChecker(),
                u.getFunction()) {
            @Override
            public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
                for (SqlNode operand : call.getOperandList()) {
                    validator.deriveType(scope, operand);
                }
                return validateOperands(validator, scope, call);
            }
        };
    }
}
