package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import java.util.ArrayList;
import java.util.List;

/** Computes one output column per expression (no aggregates, no generators). */
public record Project(LogicalPlan child, List<Expr> exprs, Schema schema) implements UnaryPlan {

    public Project(LogicalPlan child, List<Expr> exprs) {
        this(child, List.copyOf(exprs), resolve(child.schema(), exprs));
    }

    private static Schema resolve(Schema in, List<Expr> exprs) {
        List<Field> out = new ArrayList<>();
        for (Expr e : exprs) {
            if (ExprTypes.containsAgg(e)) {
                throw new IllegalArgumentException("aggregate " + e + " is only allowed in groupBy(...).agg(...)");
            }
            out.add(ExprTypes.field(e, in));
        }
        return Schema.of(out);
    }

    @Override
    public String describe() {
        return "Project " + exprs;
    }
}
