package dev.eddy.streaming.internal.optimize;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.AssignWindows;
import dev.eddy.streaming.api.plan.Deduplicate;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.FlatMapGroupsWithState;
import dev.eddy.streaming.api.plan.Generate;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.MapRows;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.api.plan.Union;
import dev.eddy.streaming.api.plan.Watermark;
import dev.eddy.streaming.internal.expr.ArgumentOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Spark's PushPredicateThroughNonJoin where it changes answers: a filter above {@code withWatermark} moves below it
 * for its conjuncts that are deterministic and do not read the event-time column, and a filter above a union moves
 * into every input for its deterministic conjuncts (columns renamed by position); on the way down it passes
 * deterministic projections (columns replaced by what they name) and aggregations (conjuncts on plain grouping
 * columns: a HAVING on a key) and window assignments (conjuncts that do not read the window: Spark's Expand) and merges
 * with deterministic filters. So the rows
 * such a filter removes never move the watermark, as in Spark; the other conjuncts stay where they were written.
 * Before a filter passes the watermark, the {@code isnotnull} checks Spark infers from its null-intolerant conjuncts
 * (InferFiltersFromConstraints) join it, so that those on columns other than the event time go below as well.
 */
public final class FilterBelowWatermark {
    /** Functions whose value is not fixed by their arguments (Spark's non-deterministic expressions). */
    private static final Set<String> NON_DETERMINISTIC = Set.of(
            "rand",
            "random",
            "randn",
            "uuid",
            "shuffle",
            "current_timestamp",
            "now",
            "current_date",
            "localtimestamp",
            "monotonically_increasing_id");

    private FilterBelowWatermark() {}

    /** The plan with every filter pushed as far as the rules above allow; the same plan if none moves. */
    public static LogicalPlan apply(LogicalPlan p) {
        LogicalPlan n = withChildren(p);
        if (!(n instanceof Filter f)) {
            return n;
        }
        LogicalPlan r = push(f.condition(), f.child());
        return r instanceof Filter same && same.child() == f.child() && same.condition() == f.condition() ? n : r;
    }

    private static LogicalPlan push(Expr condition, LogicalPlan below) {
        if (below instanceof Watermark w) {
            Split s = Split.of(condition, c -> deterministic(c) && !reads(c, w.column()) ? c : null);
            // checks Spark infers from the conjuncts that go below come first in that filter
            // (InferFiltersFromConstraints:
            // And(inferred, condition)), so a conjunct that may fail (CAST(s AS INT) > v) is computed only for rows
            // whose
            // columns are not NULL; checks inferred only from conjuncts that stay above reach it later, pushed down and
            // combined after what is there (CombineFilters keeps the lower filter first): under `date_add(to_date(ts),
            // v)
            // <> d AND coalesce(v, CAST(s AS INT)) > 0` Spark computes the cast for a row with a NULL v and fails
            List<Expr> first = inferredNotNull(
                    List.of(), s.down(), s.up(), s.down(), w.column(), w.child().schema());
            List<Expr> after = new ArrayList<>(inferredNotNull(
                    s.up(), List.of(), s.up(), s.down(), w.column(), w.child().schema()));
            after.removeAll(first);
            s.down().addAll(0, first);
            s.down().addAll(after);
            return s.over(below, condition, d -> new Watermark(push(d, w.child()), w.column(), w.delayMicros()));
        }
        if (below instanceof Union u) {
            List<String> names = u.schema().names();
            return Split.of(condition, c -> deterministic(c) ? c : null).over(below, condition, d -> {
                List<LogicalPlan> inputs = new ArrayList<>();
                for (LogicalPlan in : u.inputs()) {
                    Map<String, String> byPosition = new HashMap<>();
                    List<String> own = in.schema().names();
                    for (int i = 0; i < names.size(); i++) {
                        byPosition.put(names.get(i).toLowerCase(Locale.ROOT), own.get(i));
                    }
                    inputs.add(push(rename(d, byPosition), in));
                }
                return new Union(inputs);
            });
        }
        if (below instanceof Filter f && deterministic(condition) && deterministic(f.condition())) {
            // Spark's CombineFilters: two deterministic filters are one, which may then move down
            LogicalPlan merged = push(new Expr.Binary(Expr.BinaryOp.AND, f.condition(), condition), f.child());
            return merged instanceof Filter m && m.child() == f.child() ? new Filter(below, condition) : merged;
        }
        if (below instanceof Aggregate a && !a.groupings().isEmpty()) {
            // Spark's: a HAVING conjunct on plain grouping columns only filters whole groups, so it goes below
            Map<String, Expr> byName = new HashMap<>();
            List<String> names = a.schema().names();
            for (int i = 0; i < a.groupings().size(); i++) {
                Expr g = a.groupings().get(i) instanceof Expr.Alias al
                        ? al.child()
                        : a.groupings().get(i);
                if (g instanceof Expr.Col) {
                    byName.put(names.get(i).toLowerCase(Locale.ROOT), g);
                }
            }
            return Split.of(condition, c -> deterministic(c) ? substitute(c, byName) : null)
                    .over(
                            below,
                            condition,
                            d -> new Aggregate(push(d, a.child()), a.groupings(), a.aggregates(), a.schema()));
        }
        if (below instanceof AssignWindows w) {
            // Spark's window is a projection (tumbling) or an Expand (sliding) over its input: a filter that does not
            // read the window passes it (so a join's inferred isnotnull(k) on a side of windows reaches the watermark)
            return Split.of(condition, c -> deterministic(c) && !reads(c, w.outputName()) ? c : null)
                    .over(below, condition, d -> new AssignWindows(push(d, w.child()), w.window(), w.outputName()));
        }
        if (below instanceof Project p && p.exprs().stream().allMatch(FilterBelowWatermark::deterministic)) {
            // through a projection by substituting its expressions for the columns it names
            Map<String, Expr> byName = new HashMap<>();
            List<String> names = p.schema().names();
            for (int i = 0; i < names.size(); i++) {
                Expr e = p.exprs().get(i);
                byName.put(names.get(i).toLowerCase(Locale.ROOT), e instanceof Expr.Alias a ? a.child() : e);
            }
            return Split.of(condition, c -> substitute(c, byName))
                    .over(below, condition, d -> new Project(push(d, p.child()), p.exprs(), p.schema()));
        }
        return new Filter(below, condition);
    }

    /** A filter's conjuncts split at a node it may pass: those that go below it, in their form there, and the rest. */
    private record Split(List<Expr> down, List<Expr> up) {
        /** Each conjunct {@code downForm} gives a form for (the conjunct over the node's input) goes down in it. */
        static Split of(Expr condition, UnaryOperator<Expr> downForm) {
            Split s = new Split(new ArrayList<>(), new ArrayList<>());
            for (Expr c : conjuncts(condition, new ArrayList<>())) {
                Expr d = downForm.apply(c);
                if (d == null) {
                    s.up.add(c);
                } else {
                    s.down.add(d);
                }
            }
            return s;
        }

        /**
         * The node {@code below} as {@code rebuild} makes it over the conjuncts that go down (its input filtered by
         * them), under a filter of those that stay; {@code condition} over {@code below} as written if none goes down.
         */
        LogicalPlan over(LogicalPlan below, Expr condition, Function<Expr, LogicalPlan> rebuild) {
            if (down.isEmpty()) {
                return new Filter(below, condition);
            }
            LogicalPlan pushed = rebuild.apply(and(down));
            return up.isEmpty() ? pushed : new Filter(pushed, and(up));
        }
    }

    /**
     * Spark's InferFiltersFromConstraints before PushPredicateThroughNonJoin: a conjunct that stays above the watermark
     * (it reads the event time) and is NULL whenever a column it reads through null-intolerant expressions is NULL
     * ({@code date_add(to_date(ts), v) <> DATE '1970-01-03'}) implies {@code isnotnull(v)}, which reads no event time
     * and so goes below the watermark: a row with a NULL v never moves it. So does a conjunct that goes below when it
     * may fail for a row ({@code CAST(s AS DOUBLE) + v > 0}): Spark tests {@code isnotnull(s)} and {@code isnotnull(v)}
     * before it, so a row with a NULL v never computes the cast (a conjunct that cannot fail needs no check: its
     * answer is NULL for such a row anyway). The columns' checks not already there; {@code fromUp} and {@code fromDown}
     * are the conjuncts read for columns, {@code up} and {@code down} all of them.
     */
    private static List<Expr> inferredNotNull(
            List<Expr> fromUp, List<Expr> fromDown, List<Expr> up, List<Expr> down, String eventTime, Schema in) {
        Set<String> columns = new LinkedHashSet<>();
        for (Expr c : fromUp) {
            if (deterministic(c)) {
                ArgumentOrder.nullIntolerantColumns(
                        c instanceof Expr.Unary u && u.op() == Expr.UnaryOp.IS_NOT_NULL ? u.child() : c, columns);
            }
        }
        if (fromDown.stream().anyMatch(c -> ArgumentOrder.mayFail(c, in))) {
            for (Expr c : fromDown) {
                ArgumentOrder.nullIntolerantColumns(c, columns);
            }
        }
        List<Expr> inferred = new ArrayList<>();
        for (String column : columns) {
            Expr check = new Expr.Unary(Expr.UnaryOp.IS_NOT_NULL, new Expr.Col(column));
            if (!head(column).equalsIgnoreCase(eventTime) && !down.contains(check) && !up.contains(check)) {
                inferred.add(check);
            }
        }
        return inferred;
    }

    /** {@code e} over a projection's input, or null where it reads a struct field of a computed column. */
    private static Expr substitute(Expr e, Map<String, Expr> byName) {
        if (e instanceof Expr.Col c) {
            String head = head(c.name());
            Expr to = byName.get(head.toLowerCase(Locale.ROOT));
            if (to == null) {
                return null;
            }
            if (head.length() == c.name().length()) {
                return to;
            }
            return to instanceof Expr.Col tc ? new Expr.Col(tc.name() + c.name().substring(head.length())) : null;
        }
        if (e instanceof Expr.Lit) {
            return e;
        }
        if (e instanceof Expr.Binary b) {
            Expr l = substitute(b.left(), byName);
            Expr r = substitute(b.right(), byName);
            return l == null || r == null ? null : new Expr.Binary(b.op(), l, r);
        }
        if (e instanceof Expr.Unary u) {
            Expr c = substitute(u.child(), byName);
            return c == null ? null : new Expr.Unary(u.op(), c);
        }
        if (e instanceof Expr.Cast c) {
            Expr x = substitute(c.child(), byName);
            return x == null ? null : new Expr.Cast(x, c.to());
        }
        if (e instanceof Expr.Call c) {
            List<Expr> args = new ArrayList<>();
            for (Expr x : c.args()) {
                Expr a = substitute(x, byName);
                if (a == null) {
                    return null;
                }
                args.add(a);
            }
            return new Expr.Call(c.function(), args);
        }
        return null;
    }

    private static LogicalPlan withChildren(LogicalPlan p) {
        return mapChildren(p, FilterBelowWatermark::apply);
    }

    /** {@code p} with {@code pass} applied to each child; {@code p} itself when no child changed. */
    static LogicalPlan mapChildren(LogicalPlan p, UnaryOperator<LogicalPlan> pass) {
        List<LogicalPlan> kids = p.children();
        if (kids.isEmpty()) {
            return p;
        }
        List<LogicalPlan> fresh = new ArrayList<>();
        boolean changed = false;
        for (LogicalPlan k : kids) {
            LogicalPlan r = pass.apply(k);
            changed |= r != k;
            fresh.add(r);
        }
        return changed ? copy(p, fresh) : p;
    }

    /** {@code p} over {@code fresh} children. */
    static LogicalPlan copy(LogicalPlan p, List<LogicalPlan> fresh) {
        LogicalPlan c = fresh.get(0);
        if (p instanceof Filter f) {
            return new Filter(c, f.condition());
        } else if (p instanceof Project x) {
            return new Project(c, x.exprs(), x.schema());
        } else if (p instanceof Watermark x) {
            return new Watermark(c, x.column(), x.delayMicros());
        } else if (p instanceof Aggregate x) {
            return new Aggregate(c, x.groupings(), x.aggregates(), x.schema());
        } else if (p instanceof Deduplicate x) {
            return new Deduplicate(c, x.columns(), x.withinWatermark());
        } else if (p instanceof Generate x) {
            return new Generate(c, x.input(), x.regex(), x.outputName());
        } else if (p instanceof AssignWindows x) {
            return new AssignWindows(c, x.window(), x.outputName());
        } else if (p instanceof MapRows x) {
            return new MapRows(c, x.function(), x.schema(), x.description(), x.onError());
        } else if (p instanceof FlatMapGroupsWithState x) {
            return new FlatMapGroupsWithState(c, x.keyColumns(), x.function(), x.schema(), x.timeout(), x.codec());
        } else if (p instanceof Sort x) {
            return new Sort(c, x.orders(), x.limit());
        } else if (p instanceof Union) {
            return new Union(fresh);
        } else if (p instanceof Join x) {
            return new Join(c, fresh.get(1), x.type(), x.condition(), x.schema());
        }
        return p; // a leaf
    }

    static List<Expr> conjuncts(Expr e, List<Expr> out) {
        if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
            conjuncts(b.left(), out);
            conjuncts(b.right(), out);
        } else {
            out.add(e);
        }
        return out;
    }

    static Expr and(List<Expr> es) {
        Expr e = es.get(0);
        for (int i = 1; i < es.size(); i++) {
            e = new Expr.Binary(Expr.BinaryOp.AND, e, es.get(i));
        }
        return e;
    }

    static boolean deterministic(Expr e) {
        if (e instanceof Expr.Call c) {
            return !NON_DETERMINISTIC.contains(c.function().toLowerCase(Locale.ROOT))
                    && c.args().stream().allMatch(FilterBelowWatermark::deterministic);
        }
        if (e instanceof Expr.Binary b) {
            return deterministic(b.left()) && deterministic(b.right());
        }
        if (e instanceof Expr.Unary u) {
            return deterministic(u.child());
        }
        if (e instanceof Expr.Cast c) {
            return deterministic(c.child());
        }
        if (e instanceof Expr.Alias a) {
            return deterministic(a.child());
        }
        return e instanceof Expr.Col || e instanceof Expr.Lit;
    }

    /** Whether {@code e} reads {@code column} (a struct column's fields count); unknown forms count as reading it. */
    private static boolean reads(Expr e, String column) {
        if (e instanceof Expr.Col c) {
            return head(c.name()).equalsIgnoreCase(column);
        }
        if (e instanceof Expr.Lit) {
            return false;
        }
        if (e instanceof Expr.Binary b) {
            return reads(b.left(), column) || reads(b.right(), column);
        }
        if (e instanceof Expr.Unary u) {
            return reads(u.child(), column);
        }
        if (e instanceof Expr.Cast c) {
            return reads(c.child(), column);
        }
        if (e instanceof Expr.Alias a) {
            return reads(a.child(), column);
        }
        if (e instanceof Expr.Call c) {
            return c.args().stream().anyMatch(x -> reads(x, column));
        }
        return true;
    }

    private static String head(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** {@code e} with its columns renamed (by lower-case name; only the forms deterministic() lets through). */
    static Expr rename(Expr e, Map<String, String> names) {
        if (e instanceof Expr.Col c) {
            String head = head(c.name());
            String to = names.get(head.toLowerCase(Locale.ROOT));
            return to == null ? c : new Expr.Col(to + c.name().substring(head.length()));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), rename(b.left(), names), rename(b.right(), names));
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), rename(u.child(), names));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(rename(c.child(), names), c.to());
        }
        if (e instanceof Expr.Alias a) {
            return new Expr.Alias(rename(a.child(), names), a.name());
        }
        if (e instanceof Expr.Call c) {
            List<Expr> args = new ArrayList<>();
            for (Expr x : c.args()) {
                args.add(rename(x, names));
            }
            return new Expr.Call(c.function(), args);
        }
        return e;
    }
}
