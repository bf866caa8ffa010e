package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.expr.Vectors;
import java.util.List;

/** Keeps rows whose condition is true (null is false); returns the input unchanged when all pass. */
public final class FilterOp extends AbstractOperator {
    private final Evaluator condition;
    private final Expr expr;

    public FilterOp(Operator child, Expr condition) {
        super(child.schema(), child);
        this.expr = condition;
        this.condition = ExprCompiler.compile(condition, child.schema());
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        return keep(inputs.get(0), condition);
    }

    /** The rows of {@code in} whose {@code condition} is true (null is false); {@code in} itself when all pass. */
    static Batch keep(Batch in, Evaluator condition) {
        int n = in.numRows();
        BooleanColumn c = (BooleanColumn) condition.eval(in);
        boolean[] v = c.values();
        long[] nulls = c.nullBitmap();
        int[] keep = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            keep[m] = i;
            m += (v[i] && !Vectors.isNull(nulls, i)) ? 1 : 0;
        }
        return m == n ? in : in.gather(keep, m);
    }

    @Override
    public String describe() {
        return "Filter " + expr;
    }
}
