package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Group-by aggregation. Grouping expressions may include one {@code window(...)} or
 * {@code session_window(...)}; aggregates are {@link Expr.Agg} calls, optionally aliased. Output: the
 * grouping columns, then one column per aggregate.
 */
public record Aggregate(LogicalPlan child, List<Expr> groupings, List<Expr> aggregates, Schema schema)
        implements UnaryPlan {

    public Aggregate(LogicalPlan child, List<Expr> groupings, List<Expr> aggregates) {
        this(child, List.copyOf(groupings), List.copyOf(aggregates), resolve(child.schema(), groupings, aggregates));
    }

    private static Schema resolve(Schema in, List<Expr> groupings, List<Expr> aggregates) {
        List<Field> out = new ArrayList<>();
        int windows = 0;
        for (Expr g : groupings) {
            Expr u = ExprTypes.unalias(g);
            if (u instanceof Expr.Window || u instanceof Expr.SessionWindow) {
                windows++;
            }
            if (ExprTypes.containsAgg(g)) {
                throw new IllegalArgumentException("cannot group by an aggregate: " + g);
            }
            out.add(ExprTypes.field(g, in));
        }
        if (windows > 1) {
            throw new IllegalArgumentException("only one window(...) or session_window(...) per groupBy");
        }
        if (aggregates.isEmpty()) {
            throw new IllegalArgumentException("agg(...) needs at least one aggregate");
        }
        for (Expr a : aggregates) {
            if (!(ExprTypes.unalias(a) instanceof Expr.Agg)) {
                throw new IllegalArgumentException("not an aggregate function: " + a
                        + " (use count, sum, avg, min, max or approx_count_distinct)");
            }
            out.add(ExprTypes.field(a, in));
        }
        return Schema.of(out);
    }

    @Override
    public String describe() {
        return "Aggregate keys=" + groupings + " aggs=" + aggregates;
    }
}
