package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StructColumn;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Compiles expression trees into vectorized {@link Evaluator}s for one input schema. */
public final class ExprCompiler {
    private ExprCompiler() {}

    public static Evaluator compile(Expr e, Schema in) {
        DataType type = ExprTypes.type(e, in);
        if (e instanceof Expr.Alias a) {
            return compile(a.child(), in);
        }
        if (e instanceof Expr.Col c) {
            return column(c.name(), in, type);
        }
        if (e instanceof Expr.Lit l) {
            return of(type, b -> Vectors.constant(l.value(), type, b.numRows()));
        }
        if (e instanceof Expr.Cast c) {
            Evaluator child = compile(c.child(), in);
            return of(type, b -> Casts.ansiCast(child.eval(b), c.to()));
        }
        if (e instanceof Expr.Unary u) {
            Evaluator child = compile(u.child(), in);
            return of(type, b -> Ops.unary(u.op(), child.eval(b)));
        }
        if (e instanceof Expr.Binary bin) {
            return binary(bin, in, type);
        }
        if (e instanceof Expr.Call call
                && (call.function().equals("case_when") || call.function().equals("coalesce"))) {
            List<Evaluator> args = new ArrayList<>();
            for (Expr a : call.args()) {
                args.add(compile(a, in));
            }
            return call.function().equals("case_when")
                    ? of(type, b -> Conditionals.caseWhen(args, type, b))
                    : of(type, b -> Conditionals.coalesce(args, type, b));
        }
        if (e instanceof Expr.Call call) {
            List<Evaluator> args = new ArrayList<>();
            for (Expr a : call.args()) {
                args.add(compile(a, in));
            }
            String fn = call.function().toLowerCase(Locale.ROOT);
            NullSafe.Operands operands = operands(call, args, in);
            return of(type, b -> Calls.call(fn, operands.eval(b), type, b.numRows()));
        }
        throw new IllegalArgumentException(
                e + " cannot be used here (window and aggregate functions belong in groupBy/agg)");
    }

    /**
     * A function's arguments: for a null-intolerant one whose later arguments may fail, in Spark's order, each only
     * where the ones before are not NULL ({@link ArgumentOrder}); otherwise all of them for every row.
     */
    private static NullSafe.Operands operands(Expr.Call call, List<Evaluator> args, Schema in) {
        int[] order = ArgumentOrder.of(call);
        boolean laterMayFail = false;
        for (int k = 1; order != null && k < order.length; k++) {
            laterMayFail |= NullSafe.canFail(call.args().get(order[k]), in);
        }
        // try_divide, try_mod: the dividend only where the divisor is neither NULL nor zero, whatever it computes
        // (an integral product that overflows too)
        boolean zeroStops = order != null && ArgumentOrder.zeroDivisorIsNull(call);
        if (laterMayFail || zeroStops) {
            return NullSafe.inOrder(args, order, zeroStops);
        }
        return b -> {
            Column[] cols = new Column[args.size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = args.get(i).eval(b);
            }
            return cols;
        };
    }

    private static Evaluator binary(Expr.Binary bin, Schema in, DataType type) {
        Evaluator l = compile(bin.left(), in);
        Evaluator r = compile(bin.right(), in);
        boolean divisorFirst = bin.op() == Expr.BinaryOp.DIV || bin.op() == Expr.BinaryOp.MOD;
        // Spark computes an operator's second operand only for the rows its first leaves undecided (NullSafe)
        NullSafe.Operands both = NullSafe.canFail(divisorFirst ? bin.left() : bin.right(), in)
                ? NullSafe.lazy(bin.op(), l, r)
                : b -> new Column[] {l.eval(b), r.eval(b)};
        if (bin.op().isLogical()) {
            return of(type, b -> {
                Column[] c = both.eval(b);
                return Ops.logical(bin.op(), c[0], c[1]);
            });
        }
        if (bin.op().isComparison()) {
            DataType common = ExprTypes.commonType(l.type(), r.type());
            if (common != null && common.isDatetime() && (l.type() != common || r.type() != common)) {
                // a DATE beside a TIMESTAMP or date text: both sides as the common type, then compared as longs
                Evaluator lc = castTo(l, common);
                Evaluator rc = castTo(r, common);
                return of(type, b -> Ops.compare(bin.op(), common, lc.eval(b), rc.eval(b)));
            }
            if (bin.right() instanceof Expr.Lit lit
                    && lit.value() != null
                    && (common == DataType.LONG || common == DataType.TIMESTAMP || common == DataType.INT)
                    && !(lit.value() instanceof Double)) {
                long k = ((Number) lit.value()).longValue();
                return of(type, b -> Ops.compareLongScalar(bin.op(), l.eval(b), k));
            }
            return of(type, b -> {
                Column[] c = both.eval(b);
                return Ops.compare(bin.op(), common, c[0], c[1]);
            });
        }
        if (bin.op() == Expr.BinaryOp.SUB && l.type().isDatetime() && r.type().isDatetime()) {
            // Spark's interval between two times: their microseconds apart (a DATE as its midnight)
            Evaluator lt = castTo(l, DataType.TIMESTAMP);
            Evaluator rt = castTo(r, DataType.TIMESTAMP);
            return of(type, b -> Ops.arithmetic(bin.op(), type, lt.eval(b), rt.eval(b), bin.toString()));
        }
        if (type == DataType.DATE) { // date +/- n days
            String fn = bin.op() == Expr.BinaryOp.ADD ? "date_add" : "date_sub";
            return of(type, b -> Dates.call(fn, both.eval(b), b.numRows()));
        }
        if (bin.right() instanceof Expr.Lit lit
                && lit.value() instanceof Number k
                && !(k instanceof Double)
                && (type == DataType.LONG || type == DataType.TIMESTAMP)
                && l.type() != DataType.DOUBLE) {
            long kv = k.longValue();
            return of(type, b -> Ops.arithmeticLongScalar(bin.op(), type, l.eval(b), kv, bin.toString()));
        }
        return of(type, b -> {
            Column[] c = both.eval(b);
            return Ops.arithmetic(bin.op(), type, c[0], c[1], bin.toString());
        });
    }

    private static Evaluator castTo(Evaluator e, DataType to) {
        return e.type() == to ? e : of(to, b -> Casts.cast(e.eval(b), to));
    }

    private static Evaluator column(String name, Schema in, DataType type) {
        int idx = in.indexOf(name);
        if (idx >= 0) {
            return of(type, b -> b.column(idx));
        }
        int dot = name.indexOf('.');
        Evaluator parent = column(name.substring(0, dot), in, DataType.STRUCT);
        String child = name.substring(dot + 1);
        return of(type, b -> ((StructColumn) parent.eval(b)).child(child));
    }

    private static Evaluator of(DataType type, Function<Batch, Column> f) {
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
