package dev.eddy.sql.internal.spark;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.SqlKind;

/**
 * The order in which Spark 4.2 computes the operands of a null-intolerant operator or function, each only for the rows
 * where the ones before it are not NULL: BinaryExpression, TernaryExpression, QuaternaryExpression and
 * SeptenaryExpression do so in their eval and generated code (nullSafeCodeGen), so {@code substring(s, a, CAST('x' AS
 * INT))} is NULL for a row whose {@code s} or {@code a} is NULL and fails only for the others. One table for batch
 * queries (SparkEvaluationOrder) and streaming ones (the engine gets each function's order when SQL registers it).
 *
 * <p>Written order, first to last: {@code + - *}, the comparisons, LIKE; substring/substr, left, right, instr,
 * position and locate of two arguments, lpad, rpad, replace, repeat, regexp_extract, regexp_replace; date_add,
 * date_sub, add_months, next_day, datediff, months_between, make_date, make_timestamp, date_format, from_unixtime,
 * to_date/to_timestamp/unix_timestamp with a format (GetTimestamp: the text, then the format), date_trunc (the unit,
 * then the time: TruncTimestamp reads the unit first); log(base, x), pow/power, atan2. The divisor first (DivModLike):
 * {@code / div %}, pmod, try_divide, try_mod. The digits first (RoundBase: a constant it reads before the number):
 * round, bround. Not listed, so every operand is computed for every row, as Spark does: concat and {@code ||}, concat_ws,
 * greatest, least, elt, format_string (they evaluate all their children); coalesce, nvl, if, CASE, nullif (their own
 * order, which Calcite's CASE keeps); locate with a start (StringLocate reads the start first and answers 0, not
 * NULL, where it is NULL).
 */
public final class SparkArgumentOrder {
    private static final int[] FIRST_TO_LAST_2 = {0, 1};
    private static final int[] DIVISOR_FIRST = {1, 0};

    /** Functions by their operator's name (Spark's function name, or Eddy's SPARK_ runtime name for an operator). */
    private static final Map<String, int[]> BY_NAME = Map.ofEntries(
            // SparkConvertlets' integral + - *: (op, a, b), op a constant
            Map.entry("SPARK_ADD", new int[] {0, 1, 2}),
            Map.entry("SPARK_SUBTRACT", new int[] {0, 1, 2}),
            Map.entry("SPARK_MULTIPLY", new int[] {0, 1, 2}),
            // try_add, try_subtract, try_multiply (TRY mode's Add, ...): the same order, try_add(NULL, a + b) is NULL
            Map.entry("SPARK_TRY_ADD", new int[] {0, 1, 2}),
            Map.entry("SPARK_TRY_SUBTRACT", new int[] {0, 1, 2}),
            Map.entry("SPARK_TRY_MULTIPLY", new int[] {0, 1, 2}),
            Map.entry("SPARK_DIVIDE", DIVISOR_FIRST),
            Map.entry("SPARK_DECIMAL_DIVIDE", new int[] {1, 0, 2}),
            Map.entry("SPARK_DIV", DIVISOR_FIRST),
            Map.entry("SPARK_MOD", DIVISOR_FIRST),
            Map.entry("SPARK_PMOD", DIVISOR_FIRST),
            Map.entry("SPARK_TRY_MOD", DIVISOR_FIRST),
            Map.entry("TRY_DIVIDE", DIVISOR_FIRST),
            Map.entry("SPARK_ROUND", DIVISOR_FIRST),
            Map.entry("BROUND", DIVISOR_FIRST),
            Map.entry("ROUND", DIVISOR_FIRST),
            // with a start, StringLocate answers 0 where the start is NULL: not null-intolerant
            Map.entry("LOCATE", FIRST_TO_LAST_2),
            Map.entry("POSITION", FIRST_TO_LAST_2));

    /** Functions whose operands Spark computes first to last. */
    private static final Set<String> FIRST_TO_LAST = Set.of(
            "SUBSTRING",
            "SUBSTR",
            "LEFT",
            "RIGHT",
            "INSTR",
            "LPAD",
            "RPAD",
            "REPLACE",
            "REPEAT",
            "REGEXP_EXTRACT",
            "REGEXP_REPLACE",
            "DATE_ADD",
            "DATE_SUB",
            "ADD_MONTHS",
            "NEXT_DAY",
            "DATEDIFF",
            "MONTHS_BETWEEN",
            "MAKE_DATE",
            "MAKE_TIMESTAMP",
            "DATE_FORMAT",
            "FROM_UNIXTIME",
            "TO_DATE",
            "TO_TIMESTAMP",
            "UNIX_TIMESTAMP",
            "DATE_TRUNC",
            "LOG",
            "POW",
            "POWER",
            "ATAN2");

    private SparkArgumentOrder() {}

    /**
     * The indexes of {@code call}'s operands in the order Spark computes them, each only where the ones before are not
     * NULL, or null for an operator or function that computes every operand (or has fewer than two).
     */
    public static int[] of(RexCall call) {
        int n = call.getOperands().size();
        if (n < 2) {
            return null;
        }
        SqlKind kind = call.getKind();
        switch (kind) {
            case PLUS:
            case MINUS:
            case TIMES:
            case EQUALS:
            case NOT_EQUALS:
            case LESS_THAN:
            case LESS_THAN_OR_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_OR_EQUAL:
            case LIKE:
                return n == 2 ? FIRST_TO_LAST_2 : null;
            case DIVIDE:
            case MOD:
                return n == 2 ? DIVISOR_FIRST : null;
            default:
                break;
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (FIRST_TO_LAST.contains(name)) {
            return firstToLast(n);
        }
        int[] order = BY_NAME.get(name);
        return order != null && order.length == n ? order : null;
    }

    /**
     * Whether {@code call} is NULL for a zero divisor without computing its dividend: Spark's try_divide and try_mod
     * (DivModLike in TRY mode reads the divisor first and answers NULL for zero, as for NULL), so {@code
     * try_divide(a * 1000000, length(''))} is NULL even for a row whose product overflows.
     */
    public static boolean zeroDivisorIsNull(RexCall call) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        return call.getOperands().size() == 2 && (name.equals("TRY_DIVIDE") || name.equals("SPARK_TRY_MOD"));
    }

    private static int[] firstToLast(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
