package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Spark's order of evaluation for a binary operator (BinaryExpression.eval and its generated code): the left operand
 * first, the right one only for the rows whose left is not NULL; for {@code /} and {@code %} (DivModLike) the divisor
 * first, the dividend only where the divisor is not NULL; for AND the right only where the left is not false, for OR
 * only where it is not true. A second operand that would fail (a cast of text that is no number, a division by zero)
 * therefore fails the query only for a row that needs it. The second operand runs once over the rows that need it
 * (gathered into a smaller batch), never row by row; rows that do not need it see it as NULL, which leaves the
 * operator's answer as the first operand decided it.
 */
final class NullSafe {
    private NullSafe() {}

    /**
     * Whether an expression over {@code in} may fail for some row (a division, a function call, a checked cast, an
     * overflow): only then is the order worth keeping; columns, constants, comparisons and arithmetic that cannot
     * overflow never fail. Integral {@code + - *} and negation fail on overflow (Spark's ANSI mode), so they count, as
     * does a cast to INT or BIGINT of another type ([CAST_OVERFLOW]).
     */
    static boolean canFail(Expr e, Schema in) {
        if (e instanceof Expr.Col || e instanceof Expr.Lit) {
            return false;
        }
        if (e instanceof Expr.Alias a) {
            return canFail(a.child(), in);
        }
        if (e instanceof Expr.Cast c) {
            return canFail(c.child(), in) || narrowing(c, in);
        }
        if (e instanceof Expr.Unary u) {
            return canFail(u.child(), in) || (u.op() == Expr.UnaryOp.NEG && integral(ExprTypes.type(u.child(), in)));
        }
        if (e instanceof Expr.Binary b) {
            return b.op() == Expr.BinaryOp.DIV
                    || b.op() == Expr.BinaryOp.MOD
                    || canFail(b.left(), in)
                    || canFail(b.right(), in)
                    // typed only for + - *: typing every node of a long AND/OR chain again at each level is quadratic
                    // and recursed past the stack on a WHERE of 20,000 terms (SqlOnEngineTest)
                    || (arithmetic(b.op()) && Overflow.checks(b.op(), ExprTypes.type(b, in)));
        }
        if (e instanceof Expr.Call c && NEVER_FAIL.contains(c.function())) {
            for (Expr a : c.args()) {
                if (canFail(a, in)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean arithmetic(Expr.BinaryOp op) {
        return op == Expr.BinaryOp.ADD || op == Expr.BinaryOp.SUB || op == Expr.BinaryOp.MUL;
    }

    private static boolean integral(DataType t) {
        return t == DataType.INT || t == DataType.LONG;
    }

    /** A cast to INT or BIGINT of a value that may not fit (a wider or fractional number, text). */
    private static boolean narrowing(Expr.Cast c, Schema in) {
        DataType from = ExprTypes.type(c.child(), in);
        return integral(c.to()) && from != c.to() && !(from == DataType.INT && c.to() == DataType.LONG);
    }

    /** The engine's functions that answer every input (NULL at worst); others (bridged ones, checks) may fail. */
    private static final Set<String> NEVER_FAIL = Set.of(
            "lower",
            "upper",
            "trim",
            "length",
            "concat",
            "abs",
            "coalesce",
            "case_when",
            "in",
            "sqrt",
            "unix_seconds",
            "unix_millis",
            "unix_micros",
            "timestamp_micros",
            "try_divide",
            "try_mod");

    /** The operands of an operator or function over a batch, in their written order. */
    @FunctionalInterface
    interface Operands {
        Column[] eval(Batch b);
    }

    /** The operands {@code {left, right}} of {@code op}, the second in Spark's order computed only where needed. */
    static Operands lazy(Expr.BinaryOp op, Evaluator left, Evaluator right) {
        if (op == Expr.BinaryOp.DIV || op == Expr.BinaryOp.MOD) {
            return b -> {
                Column divisor = right.eval(b);
                return new Column[] {needed(op, left, divisor, b), divisor};
            };
        }
        return b -> {
            Column first = left.eval(b);
            return new Column[] {first, needed(op, right, first, b)};
        };
    }

    /** The second operand over the rows the first leaves undecided, NULL for the others. */
    private static Column needed(Expr.BinaryOp op, Evaluator second, Column first, Batch b) {
        int n = b.numRows();
        int[] rows = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (undecided(op, first, i)) {
                rows[count++] = i;
            }
        }
        return over(second, b, rows, count);
    }

    /**
     * The arguments of a null-intolerant function ({@link ArgumentOrder}), computed in Spark's order: argument
     * {@code order[k]} only over the rows where the arguments before it are all not NULL, NULL on the others (where
     * the function is NULL anyway). With {@code zeroStops} (try_divide, try_mod) a row whose first argument, the
     * divisor, is zero is left out as a NULL one is: the function is NULL there and Spark never computes the dividend.
     */
    static Operands inOrder(List<Evaluator> args, int[] order, boolean zeroStops) {
        return b -> {
            int n = b.numRows();
            Column[] out = new Column[args.size()];
            int[] rows = null; // the rows every argument so far is not NULL on; null while that is every row
            int count = n;
            for (int k = 0; k < order.length; k++) {
                Evaluator e = args.get(order[k]);
                Column c = rows == null ? e.eval(b) : over(e, b, rows, count);
                out[order[k]] = c;
                if (k + 1 < order.length) {
                    int[] next = new int[n];
                    int m = 0;
                    for (int i = 0; i < n; i++) {
                        if (!c.isNull(i) && !(zeroStops && k == 0 && isZero(c.get(i)))) {
                            next[m++] = i; // rows left out before are NULL in c
                        }
                    }
                    if (m < count) {
                        rows = next;
                        count = m;
                    }
                }
            }
            return out;
        };
    }

    private static boolean isZero(Object v) {
        if (v instanceof BigDecimal d) {
            return d.signum() == 0;
        }
        return v instanceof Number x && x.doubleValue() == 0;
    }

    /** {@code e} computed over {@code count} of the batch's rows (ascending), NULL on the others. */
    private static Column over(Evaluator e, Batch b, int[] rows, int count) {
        int n = b.numRows();
        if (count == n) {
            return e.eval(b);
        }
        if (count == 0) {
            return Vectors.constant(null, e.type(), n);
        }
        Column some = e.eval(b.gather(rows, count));
        BatchBuilder out = Batch.builder(Schema.of(Field.of("c", e.type())), n);
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (next < count && rows[next] == i) {
                out.setValue(0, some.get(next++));
            } else {
                out.setValue(0, null);
            }
            out.endRow();
        }
        return out.build().column(0);
    }

    private static boolean undecided(Expr.BinaryOp op, Column first, int i) {
        if (op == Expr.BinaryOp.AND || op == Expr.BinaryOp.OR) {
            return first.isNull(i) || ((BooleanColumn) first).values()[i] != (op == Expr.BinaryOp.OR);
        }
        return !first.isNull(i);
    }
}
