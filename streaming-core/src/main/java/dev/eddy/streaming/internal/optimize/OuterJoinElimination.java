package dev.eddy.streaming.internal.optimize;

import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.AssignWindows;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Watermark;
import dev.eddy.streaming.internal.expr.ArgumentOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Spark's EliminateOuterJoin, with the filter Spark's analyzer puts below every {@code window(ts, ...)} and
 * {@code session_window(ts, ...)} ({@code isnotnull(ts)}, TimeWindowing): a left outer join whose null-extended rows
 * the plan above rejects anyway (a filter, or a window's time, that is NULL when a column of the null-supplying side
 * is) is an inner join. Results are the same either way; the state follows Spark's, since {@link JoinInferredFilters}
 * then infers {@code isnotnull} of the keys on both sides: a preserved side's row with a NULL key never enters the
 * join's state nor moves its watermark ({@code GROUP BY window(l.ts)} over a right outer join of lefts and rights).
 *
 * <p>Walking down, the rule carries the columns whose NULL the plan above rejects: a filter's null-intolerant columns
 * and a window's time column join them; a projection maps them onto its input (a column a computed item reads
 * null-intolerantly counts too); a watermark passes them on; an aggregation without a window, and every other node,
 * starts afresh.
 */
public final class OuterJoinElimination {
    private OuterJoinElimination() {}

    /** The plan with each outer join whose null-extended rows are rejected above it made inner. */
    public static LogicalPlan apply(LogicalPlan p) {
        return rewrite(p, Set.of());
    }

    private static LogicalPlan rewrite(LogicalPlan p, Set<String> rejected) {
        if (p instanceof Join j) {
            LogicalPlan n = FilterBelowWatermark.mapChildren(j, c -> rewrite(c, Set.of()));
            Join k = (Join) n;
            if (k.type() == Join.JoinType.LEFT_OUTER && readsRight(k, rejected)) {
                return new Join(k.left(), k.right(), Join.JoinType.INNER, k.condition(), k.schema());
            }
            return k;
        }
        Set<String> below = new LinkedHashSet<>();
        if (p instanceof Filter f) {
            below.addAll(rejected);
            for (Expr c : FilterBelowWatermark.conjuncts(f.condition(), new ArrayList<>())) {
                if (FilterBelowWatermark.deterministic(c)) {
                    ArgumentOrder.nullIntolerantColumns(
                            c instanceof Expr.Unary u && u.op() == Expr.UnaryOp.IS_NOT_NULL ? u.child() : c, below);
                }
            }
        } else if (p instanceof Watermark) {
            below.addAll(rejected);
        } else if (p instanceof AssignWindows w) {
            below.addAll(rejected);
            below.remove(w.outputName());
            ArgumentOrder.nullIntolerantColumns(w.window().time(), below);
        } else if (p instanceof Aggregate a) {
            for (Expr g : a.groupings()) {
                Expr u = ExprTypes.unalias(g);
                if (u instanceof Expr.Window w) {
                    ArgumentOrder.nullIntolerantColumns(w.time(), below);
                } else if (u instanceof Expr.SessionWindow s) {
                    ArgumentOrder.nullIntolerantColumns(s.time(), below);
                }
            }
        } else if (p instanceof Project x) {
            List<String> names = x.schema().names();
            for (int i = 0; i < names.size(); i++) {
                if (rejected.contains(names.get(i))
                        && FilterBelowWatermark.deterministic(x.exprs().get(i))) {
                    ArgumentOrder.nullIntolerantColumns(x.exprs().get(i), below);
                }
            }
        }
        return FilterBelowWatermark.mapChildren(p, c -> rewrite(c, below));
    }

    /** Whether one of {@code columns} is a column of the join's right (null-supplying) side. */
    private static boolean readsRight(Join j, Set<String> columns) {
        int leftWidth = j.left().schema().size();
        for (String c : columns) {
            int i = j.schema().indexOf(c);
            if (i >= leftWidth) {
                return true;
            }
        }
        return false;
    }
}
