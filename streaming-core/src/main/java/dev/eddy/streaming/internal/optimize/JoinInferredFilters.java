package dev.eddy.streaming.internal.optimize;

import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.AssignWindows;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Watermark;
import dev.eddy.streaming.internal.expr.ArgumentOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Spark's InferFiltersFromConstraints for a join, where it changes what a stream-stream join holds: the filters a
 * join's condition and its inputs' filters imply for a side are added on that side, and {@link FilterBelowWatermark}
 * then moves them below the side's watermark. Spark infers them for both sides of an inner or left semi join and for
 * the right side of a left outer one (the side whose rows only ever come out matched):
 *
 * <ul>
 *   <li>{@code isnotnull(c)} for every column the condition reads through null-intolerant expressions ({@code l.k =
 *       r.k} gives {@code isnotnull(k)} on both sides): a row with a NULL key never enters the join's state and never
 *       moves its side's watermark;
 *   <li>through an equality of a left and a right column, a filter on one of them holds for the other ({@code l.k =
 *       r.k} with {@code l.k = 'a'} below the left side gives {@code k = 'a'} on the right side); not a filter
 *       below a sliding window of the side's (Spark's Expand hides its input's constraints).
 * </ul>
 *
 * Results are the same either way; the state rows, the rows dropped as late and the watermarks follow Spark's.
 */
public final class JoinInferredFilters {
    private JoinInferredFilters() {}

    /** The plan with the filters Spark infers for its joins' inputs; the same plan when there is none. */
    public static LogicalPlan apply(LogicalPlan p) {
        LogicalPlan n = FilterBelowWatermark.mapChildren(p, JoinInferredFilters::apply);
        return n instanceof Join j ? infer(j) : n;
    }

    private static LogicalPlan infer(Join j) {
        boolean toLeft = j.type() != Join.JoinType.LEFT_OUTER;
        List<String> leftNames = j.left().schema().names();
        List<String> rightNames = j.right().schema().names();
        List<String> conditionNames = j.conditionSchema().names();
        // the condition's names for the right side's columns (right_ before a name the left side has)
        Map<String, String> rightOf = new HashMap<>();
        for (int i = 0; i < rightNames.size(); i++) {
            rightOf.put(conditionNames.get(leftNames.size() + i), rightNames.get(i));
        }
        Set<String> leftSet = new LinkedHashSet<>(leftNames);
        List<Expr> toL = new ArrayList<>();
        List<Expr> toR = new ArrayList<>();
        List<Expr> conjuncts = FilterBelowWatermark.conjuncts(j.condition(), new ArrayList<>());
        Set<String> notNull = new LinkedHashSet<>();
        for (Expr c : conjuncts) {
            if (FilterBelowWatermark.deterministic(c)) {
                ArgumentOrder.nullIntolerantColumns(c, notNull);
            }
        }
        for (String column : notNull) {
            if (leftSet.contains(column)) {
                toL.add(notNull(column));
            } else if (rightOf.containsKey(column)) {
                toR.add(notNull(rightOf.get(column)));
            }
        }
        List<Expr> leftHas = constraints(j.left());
        List<Expr> rightHas = constraints(j.right());
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Binary b
                    && b.op() == Expr.BinaryOp.EQ
                    && b.left() instanceof Expr.Col x
                    && b.right() instanceof Expr.Col y) {
                String l = leftSet.contains(x.name()) ? x.name() : leftSet.contains(y.name()) ? y.name() : null;
                String rc = l == x.name() ? y.name() : x.name();
                String r = l == null ? null : rightOf.get(rc);
                if (l == null || r == null || leftSet.contains(rc)) {
                    continue;
                }
                for (Expr lc : leftHas) {
                    Expr moved = onlyColumn(lc, l, r);
                    if (moved != null) {
                        toR.add(moved);
                    }
                }
                for (Expr rc2 : rightHas) {
                    Expr moved = onlyColumn(rc2, r, l);
                    if (moved != null) {
                        toL.add(moved);
                    }
                }
            }
        }
        LogicalPlan left = toLeft ? withFilters(j.left(), toL, leftHas) : j.left();
        LogicalPlan right = withFilters(j.right(), toR, rightHas);
        return left == j.left() && right == j.right() ? j : new Join(left, right, j.type(), j.condition(), j.schema());
    }

    private static Expr notNull(String column) {
        return new Expr.Unary(Expr.UnaryOp.IS_NOT_NULL, new Expr.Col(column));
    }

    /** {@code side} under a filter of the inferred conjuncts it does not have yet; {@code side} when none is new. */
    private static LogicalPlan withFilters(LogicalPlan side, List<Expr> inferred, List<Expr> has) {
        List<Expr> fresh = new ArrayList<>();
        for (Expr e : inferred) {
            if (!has.contains(e) && !fresh.contains(e)) {
                fresh.add(e);
            }
        }
        return fresh.isEmpty() ? side : new Filter(side, FilterBelowWatermark.and(fresh));
    }

    /**
     * The deterministic conjuncts of the filters a side's rows have passed, in the side's column names: through
     * filters, watermarks and projections that pass a column on under its own name.
     */
    private static List<Expr> constraints(LogicalPlan side) {
        List<Expr> out = new ArrayList<>();
        LogicalPlan n = side;
        Set<String> visible = null; // the columns whose names still mean the same (null: all)
        while (true) {
            if (n instanceof Filter f) {
                for (Expr c : FilterBelowWatermark.conjuncts(f.condition(), new ArrayList<>())) {
                    if (FilterBelowWatermark.deterministic(c) && (visible == null || readsOnly(c, visible))) {
                        out.add(c);
                    }
                }
                n = f.child();
            } else if (n instanceof Watermark w) {
                n = w.child();
            } else if (n instanceof AssignWindows a
                    && a.window().sizeMicros() == a.window().slideMicros()) {
                n = a.child(); // Spark's tumbling window is a projection, which keeps its input's constraints
            } else if (n instanceof AssignWindows a) {
                // Spark's sliding window is an Expand, which keeps none: its optimizer has pushed the filters that do
                // not read the window below it before it infers (a sliding window join's WHERE r.k = 'a' gives the
                // other side nothing)
                out.removeIf(c -> !readsWindow(c, a.outputName()));
                return out;
            } else if (n instanceof Project p) {
                Set<String> passed = new LinkedHashSet<>();
                List<String> names = p.schema().names();
                for (int i = 0; i < names.size(); i++) {
                    if (p.exprs().get(i) instanceof Expr.Col c
                            && c.name().equals(names.get(i))
                            && (visible == null || visible.contains(c.name()))) {
                        passed.add(c.name());
                    }
                }
                visible = passed;
                n = p.child();
            } else {
                return out;
            }
        }
    }

    private static boolean readsWindow(Expr e, String window) {
        Set<String> read = new LinkedHashSet<>();
        columnsOf(e, read);
        return read.stream().anyMatch(c -> c.equals(window) || c.startsWith(window + "."));
    }

    private static boolean readsOnly(Expr e, Set<String> columns) {
        Set<String> read = new LinkedHashSet<>();
        columnsOf(e, read);
        return columns.containsAll(read);
    }

    /** {@code e} with {@code from} as {@code to}, when {@code from} is the only column it reads; otherwise null. */
    private static Expr onlyColumn(Expr e, String from, String to) {
        Set<String> read = new LinkedHashSet<>();
        if (!columnsOf(e, read) || !read.equals(Set.of(from))) {
            return null;
        }
        return FilterBelowWatermark.rename(e, Map.of(from.toLowerCase(Locale.ROOT), to));
    }

    /** Adds the columns {@code e} reads; false for a form whose columns are not known (a struct field, a lambda). */
    private static boolean columnsOf(Expr e, Set<String> out) {
        if (e instanceof Expr.Col c) {
            out.add(c.name());
            return c.name().indexOf('.') < 0;
        }
        if (e instanceof Expr.Lit) {
            return true;
        }
        if (e instanceof Expr.Binary b) {
            return columnsOf(b.left(), out) & columnsOf(b.right(), out);
        }
        if (e instanceof Expr.Unary u) {
            return columnsOf(u.child(), out);
        }
        if (e instanceof Expr.Cast c) {
            return columnsOf(c.child(), out);
        }
        if (e instanceof Expr.Call c) {
            boolean known = true;
            for (Expr a : c.args()) {
                known &= columnsOf(a, out);
            }
            return known;
        }
        return false;
    }
}
