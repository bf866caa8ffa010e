package dev.eddy.sql.internal.spark;

import static dev.eddy.sql.internal.spark.SparkUdf.DATE;
import static dev.eddy.sql.internal.spark.SparkUdf.udf;

import dev.eddy.sql.internal.spark.SparkUdf.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * Spark's date functions of a DATE computed on the date itself ({@code dayofweek}, {@code day}, {@code dayofyear},
 * {@code weekofyear}, {@code quarter}, {@code last_day}, {@code next_day}, {@code date_add}, {@code date_sub}, {@code
 * add_months}, {@code datediff}, {@code trunc}; {@code to_date(d)} is the date), as Spark computes them: Eddy's
 * functions take a TIMESTAMP, so the validator casts a DATE argument to one, which fails past the TIMESTAMP's range
 * (about ±290,000 years: {@code date_add(DATE '2024-01-01', 2147483647)} is -5877587-06-21). {@link
 * SparkConvertlets} converts such a call whose time arguments are all DATEs to the function of the days ({@link
 * SparkDateFunctions}' overloads taking an Integer), in batch and streaming queries alike.
 */
final class SparkDateOperands {
    private SparkDateOperands() {}

    private static final Class<?> DATES = SparkDateFunctions.class;
    private static final SqlReturnTypeInference INT = ReturnTypes.INTEGER_NULLABLE;

    /** Spark's field of a DATE ({@code year(d)}, {@code EXTRACT(DOY FROM d)}, ...) on the date (SparkMicros). */
    static final SqlUserDefinedFunction DATE_PART = udf(DATES, "SPARK_DATE_PART", "datePart", INT, Arg.STR, Arg.DATE);

    /** {@code last_day(d)} of a DATE on the date (SparkMicros: in place of Calcite's LAST_DAY, wrong before -4713). */
    static final SqlUserDefinedFunction LAST_DAY = udf(DATES, "LAST_DAY", "lastDay", DATE, Arg.DATE);

    /** Each function by name: its form over days, the positions of its time arguments. */
    private record OnDate(SqlUserDefinedFunction function, int times) {}

    private static final Map<String, OnDate> ON_DATES = Map.ofEntries(
            one("DAY", udf(DATES, "DAY", "dayOfMonth", INT, Arg.DATE)),
            one("DAYOFMONTH", udf(DATES, "DAYOFMONTH", "dayOfMonth", INT, Arg.DATE)),
            one("DAYOFWEEK", udf(DATES, "DAYOFWEEK", "dayOfWeek", INT, Arg.DATE)),
            one("WEEKDAY", udf(DATES, "WEEKDAY", "weekday", INT, Arg.DATE)),
            one("DAYOFYEAR", udf(DATES, "DAYOFYEAR", "dayOfYear", INT, Arg.DATE)),
            one("WEEKOFYEAR", udf(DATES, "WEEKOFYEAR", "weekOfYear", INT, Arg.DATE)),
            one("QUARTER", udf(DATES, "QUARTER", "quarter", INT, Arg.DATE)),
            one("LAST_DAY", udf(DATES, "LAST_DAY", "lastDay", DATE, Arg.DATE)),
            one("NEXT_DAY", udf(DATES, "NEXT_DAY", "nextDay", DATE, Arg.DATE, Arg.STR)),
            one("DATE_ADD", udf(DATES, "DATE_ADD", "dateAdd", DATE, Arg.DATE, Arg.INT)),
            one("DATE_SUB", udf(DATES, "DATE_SUB", "dateSub", DATE, Arg.DATE, Arg.INT)),
            one("ADD_MONTHS", udf(DATES, "ADD_MONTHS", "addMonths", DATE, Arg.DATE, Arg.INT)),
            one("TRUNC", udf(DATES, "TRUNC", "trunc", DATE, Arg.DATE, Arg.STR)),
            Map.entry("DATEDIFF", new OnDate(udf(DATES, "DATEDIFF", "dateDiff", INT, Arg.DATE, Arg.DATE), 2)));

    private static Map.Entry<String, OnDate> one(String name, SqlUserDefinedFunction f) {
        return Map.entry(name, new OnDate(f, 1));
    }

    /** Whether {@code call} is one of the functions this class converts (of a DATE or not). */
    static boolean handles(SqlCall call) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        return call.getOperator() instanceof SqlUserDefinedFunction
                        && (ON_DATES.containsKey(name) || name.equals("TO_DATE") && call.operandCount() == 1)
                || name.equals("LAST_DAY") && call.operandCount() == 1;
    }

    /** The call over the DATEs themselves when its time arguments are all DATEs; null to convert it as it is. */
    static RexNode convert(SqlRexContext cx, SqlCall c) {
        String name = c.getOperator().getName().toUpperCase(Locale.ROOT);
        if (name.equals("TO_DATE")) {
            return date(cx, c.operand(0)); // Spark's to_date of a DATE is the date
        }
        if (name.equals("LAST_DAY") && !(c.getOperator() instanceof SqlUserDefinedFunction)) {
            // Calcite's own LAST_DAY of a DATE (wrong before year -4713; the streaming engine lacks it)
            RexNode x = cx.convertExpression(c.operand(0));
            return x.getType().getSqlTypeName() == SqlTypeName.DATE
                    ? cx.getRexBuilder().makeCall(cx.getValidator().getValidatedNodeType(c), LAST_DAY, List.of(x))
                    : null;
        }
        OnDate f = ON_DATES.get(name);
        if (f == null || c.operandCount() < f.times()) {
            return null;
        }
        List<RexNode> operands = new ArrayList<>();
        for (int i = 0; i < c.operandCount(); i++) {
            RexNode o = i < f.times() ? date(cx, c.operand(i)) : cx.convertExpression(c.operand(i));
            if (o == null) {
                return null;
            }
            operands.add(o);
        }
        RelDataType type = cx.getValidator().getValidatedNodeType(c);
        return cx.getRexBuilder().makeCall(type, f.function(), operands);
    }

    /**
     * {@code o} converted, when it is a DATE the validator cast to a TIMESTAMP or text (a cast it made, at no
     * position; not one the query writes, which Spark computes); else null.
     */
    private static RexNode date(SqlRexContext cx, SqlNode o) {
        if (o instanceof SqlCall cast
                && cast.getKind() == SqlKind.CAST
                && cast.getParserPosition().getLineNum() == 0
                && cast.getParserPosition().getColumnNum() == 0) {
            RexNode inner = cx.convertExpression(cast.operand(0));
            return inner.getType().getSqlTypeName() == SqlTypeName.DATE ? inner : null;
        }
        return null;
    }
}
