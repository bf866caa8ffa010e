package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import java.util.function.Function;

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
     * Whether an expression may fail for some row (a division, a function call, a checked cast): only then is the
     * order worth keeping; columns, constants and plain arithmetic or comparisons of them never fail.
     */
    static boolean canFail(Expr e) {
        if (e instanceof Expr.Col || e instanceof Expr.Lit) {
            return false;
        }
        if (e instanceof Expr.Alias a) {
            return canFail(a.child());
        }
        if (e instanceof Expr.Cast c) {
            return canFail(c.child());
        }
        if (e instanceof Expr.Unary u) {
            return canFail(u.child());
        }
        if (e instanceof Expr.Binary b) {
            return b.op() == Expr.BinaryOp.DIV
                    || b.op() == Expr.BinaryOp.MOD
                    || canFail(b.left())
                    || canFail(b.right());
        }
        return true;
    }

    /** The operands {@code (left, right)} of {@code op}, the second of them evaluated lazily. */
    static Evaluator[] lazyOperands(Expr.BinaryOp op, Evaluator left, Evaluator right) {
        boolean divisorFirst = op == Expr.BinaryOp.DIV || op == Expr.BinaryOp.MOD;
        Evaluator first = divisorFirst ? right : left;
        Evaluator second = divisorFirst ? left : right;
        Once once = new Once(first);
        Evaluator firstOnce = evaluator(first.type(), once::get);
        Evaluator secondLazy = evaluator(second.type(), b -> needed(op, second, once.get(b), b));
        return divisorFirst ? new Evaluator[] {secondLazy, firstOnce} : new Evaluator[] {firstOnce, secondLazy};
    }

    /**
     * The first operand, computed once per batch for both of its readers (the operator and the second operand) in
     * whichever order they ask: the first to ask computes it, the second takes it and lets it go. A query's batches
     * run on its one thread.
     */
    private static final class Once {
        private final Evaluator first;
        private Batch batch;
        private Column value;

        Once(Evaluator first) {
            this.first = first;
        }

        Column get(Batch b) {
            if (batch == b) {
                Column v = value;
                batch = null;
                value = null;
                return v;
            }
            value = first.eval(b);
            batch = b;
            return value;
        }
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
        if (count == n) {
            return second.eval(b);
        }
        Column some = count == 0 ? null : second.eval(b.gather(rows, count));
        BatchBuilder out = Batch.builder(Schema.of(Field.of("c", second.type())), n);
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

    private static Evaluator evaluator(DataType type, Function<Batch, Column> f) {
        return new Evaluator() {
            @Override
            public DataType type() {
                return type;
            }

            @Override
            public Column eval(Batch batch) {
                return f.apply(batch);
            }
        };
    }
}
