package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;

/** Keeps the rows whose boolean condition is true (null counts as false). */
public record Filter(LogicalPlan child, Expr condition) implements SameColumnsPlan {
    public Filter {
        DataType t = ExprTypes.type(condition, child.schema());
        if (t != DataType.BOOLEAN) {
            throw new IllegalArgumentException(
                    "filter condition " + condition + " is " + t.sqlName() + ", not boolean");
        }
    }

    @Override
    public String describe() {
        return "Filter " + condition;
    }
}
