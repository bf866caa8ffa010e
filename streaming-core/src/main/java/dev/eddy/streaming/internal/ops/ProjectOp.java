package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.internal.expr.Casts;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import java.util.List;

/** Computes output columns; plain column references pass the input column through without copying. */
public final class ProjectOp extends AbstractOperator {
    private final Schema schema;
    private final Evaluator[] evals;
    private final List<Expr> exprs;

    public ProjectOp(Operator child, List<Expr> exprs, Schema schema) {
        super(schema, child);
        this.schema = schema;
        this.exprs = exprs;
        this.evals = new Evaluator[exprs.size()];
        for (int i = 0; i < evals.length; i++) {
            evals[i] = ExprCompiler.compile(exprs.get(i), child.schema());
        }
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        Column[] cols = new Column[evals.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = Casts.cast(evals[i].eval(in), schema.field(i).type());
        }
        return Batch.of(schema, cols);
    }

    @Override
    public String describe() {
        return "Project " + exprs;
    }
}
