package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ScalarFunctions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which functions are null-intolerant in Spark's sense (NULL whenever an argument is NULL: Spark's BinaryExpression,
 * TernaryExpression and their kin with {@code NullIntolerant}) and in which order Spark computes their arguments: the
 * first one for every row, each next one only for the rows where the ones before it are not NULL (their eval and
 * nullSafeCodeGen). One table for the engine's own functions (the Java API's and those SQL translates to them) and,
 * through {@link ScalarFunctions.ScalarFunction#argumentOrder()}, for the functions a front end registers. Functions
 * that are not listed compute every argument for every row, as Spark's do that answer a NULL argument or evaluate
 * all their children first: concat, coalesce, case_when, in (and greatest, least, concat_ws in SQL).
 */
public final class ArgumentOrder {
    private static final int[] UNARY = {0};
    private static final int[] IN_ORDER_2 = {0, 1};
    private static final int[] IN_ORDER_3 = {0, 1, 2};
    /** Spark's DivModLike: the divisor first, the dividend only where the divisor is not NULL. */
    private static final int[] DIVISOR_FIRST = {1, 0};

    private static final Map<String, int[]> ENGINE = Map.ofEntries(
            Map.entry("date_add", IN_ORDER_2),
            Map.entry("date_sub", IN_ORDER_2),
            Map.entry("add_months", IN_ORDER_2),
            Map.entry("next_day", IN_ORDER_2),
            Map.entry("datediff", IN_ORDER_2),
            Map.entry("make_date", IN_ORDER_3),
            // TruncDate: the unit (second argument here) first, the date only for a known unit
            Map.entry("trunc", DIVISOR_FIRST),
            Map.entry("div", DIVISOR_FIRST),
            Map.entry("try_divide", DIVISOR_FIRST),
            Map.entry("try_mod", DIVISOR_FIRST),
            // (dividend, divisor, scale): Spark's DECIMAL Divide, divisor first; the scale is a constant
            Map.entry("decimal_divide", new int[] {1, 0, 2}));

    /** The engine's null-intolerant functions of one argument (only their null-intolerance matters). */
    private static final Set<String> ENGINE_UNARY = Set.of(
            "lower",
            "upper",
            "length",
            "abs",
            "sqrt",
            "to_date",
            "last_day",
            "timestamp_seconds",
            "timestamp_millis",
            "timestamp_micros",
            "unix_seconds",
            "unix_millis",
            "unix_micros",
            "decimal_round");

    private ArgumentOrder() {}

    /**
     * The indexes of {@code call}'s arguments in the order Spark computes them, each only where the ones before are
     * not NULL, for a null-intolerant function; null for a function that computes every argument (or is unknown).
     */
    public static int[] of(Expr.Call call) {
        String fn = call.function().toLowerCase(Locale.ROOT);
        int n = call.args().size();
        int[] order = ENGINE_UNARY.contains(fn) && n == 1 ? UNARY : ENGINE.get(fn);
        if (order == null) {
            ScalarFunctions.ScalarFunction registered = ScalarFunctions.get(call.function());
            order = registered == null ? null : registered.argumentOrder();
        }
        return order != null && order.length == n ? order : null;
    }

    /**
     * Whether {@code call} is NULL for a zero divisor without computing its dividend: Spark's try_divide and try_mod
     * (DivModLike in TRY mode reads the divisor first and answers NULL for zero as for NULL), so {@code
     * try_divide(a * 1000000, 0)} is NULL even where the product overflows.
     */
    public static boolean zeroDivisorIsNull(Expr.Call call) {
        String fn = call.function().toLowerCase(Locale.ROOT);
        return call.args().size() == 2 && (fn.equals("try_divide") || fn.equals("try_mod"));
    }

    /**
     * Whether {@code e} over {@code in} may fail for some row (a checked cast, a division, an overflow, a function that
     * checks its input): where Spark's order of evaluation decides whether a query fails.
     */
    public static boolean mayFail(Expr e, Schema in) {
        return NullSafe.canFail(e, in);
    }

    /**
     * Spark's scanNullIntolerantAttribute: the columns {@code e} reads through null-intolerant expressions only (an
     * operator other than AND/OR, NOT, a negation, a cast, a null-intolerant function), added to {@code out}; a row
     * whose value in such a column is NULL makes {@code e} NULL. Struct fields are not columns here.
     */
    public static void nullIntolerantColumns(Expr e, Set<String> out) {
        if (e instanceof Expr.Col c) {
            if (c.name().indexOf('.') < 0) {
                out.add(c.name());
            }
        } else if (e instanceof Expr.Alias a) {
            nullIntolerantColumns(a.child(), out);
        } else if (e instanceof Expr.Cast c) {
            nullIntolerantColumns(c.child(), out);
        } else if (e instanceof Expr.Unary u) {
            if (u.op() == Expr.UnaryOp.NOT || u.op() == Expr.UnaryOp.NEG) {
                nullIntolerantColumns(u.child(), out);
            }
        } else if (e instanceof Expr.Binary b) {
            if (b.op() != Expr.BinaryOp.AND && b.op() != Expr.BinaryOp.OR) {
                nullIntolerantColumns(b.left(), out);
                nullIntolerantColumns(b.right(), out);
            }
        } else if (e instanceof Expr.Call c && of(c) != null) {
            for (Expr a : c.args()) {
                nullIntolerantColumns(a, out);
            }
        }
    }
}
