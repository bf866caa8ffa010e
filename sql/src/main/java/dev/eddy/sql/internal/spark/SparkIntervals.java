package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.data.IntervalFields;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
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
            function("SPARK_DATE_DIFF", "dateDiff", type(IntervalFields.DAY), SparkUdf.Arg.DATE, SparkUdf.Arg.DATE);

    /** {@code end - start} of two TIMESTAMPs: an INTERVAL DAY TO SECOND (microseconds). */
    static final SqlUserDefinedFunction TIMESTAMP_DIFF = function(
            "SPARK_TIMESTAMP_DIFF",
            "timestampDiff",
            type(IntervalFields.DAY_TO_SECOND),
            SparkUdf.Arg.TS,
            SparkUdf.Arg.TS);

    // SparkMicros' operators (batch plans only; the call's type is given where it is made)
    static final SqlUserDefinedFunction DATE_PLUS_MICROS = SparkUdf.udf(
            SparkIntervals.class,
            "SPARK_DATE_PLUS_MICROS",
            "datePlusMicros",
            b -> b.getTypeFactory().createSqlType(SqlTypeName.DATE),
            SparkUdf.Arg.DATE,
            SparkUdf.Arg.LONG);
    static final SqlUserDefinedFunction INTERVAL_STRING = SparkUdf.udf(
            SparkIntervals.class,
            "SPARK_INTERVAL_STRING",
            "intervalString",
            b -> b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR),
            SparkUdf.Arg.LONG,
            SparkUdf.Arg.INT);

    static final SqlUserDefinedFunction INTERVAL_FIELD = SparkUdf.udf(
            SparkIntervals.class,
            "SPARK_INTERVAL_FIELD",
            "intervalField",
            b -> b.getTypeFactory().createSqlType(SqlTypeName.BIGINT),
            SparkUdf.Arg.LONG,
            SparkUdf.Arg.STR);

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

    private static SqlReturnTypeInference type(IntervalFields fields) {
        return b -> {
            boolean nullable = false;
            for (int i = 0; i < b.getOperandCount(); i++) {
                nullable |= b.getOperandType(i).isNullable();
            }
            return type(b.getTypeFactory(), fields, nullable);
        };
    }

    /**
     * A function put into a validated call's operands: it derives its type from its operands without looking its name
     * up in the operator table (it is not one a query can call).
     */
    private static SqlUserDefinedFunction function(
            String name, String method, SqlReturnTypeInference returns, SparkUdf.Arg... args) {
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
