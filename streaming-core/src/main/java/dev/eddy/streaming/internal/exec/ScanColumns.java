package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.AssignWindows;
import dev.eddy.streaming.api.plan.Deduplicate;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.Generate;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.api.plan.Watermark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of each streaming scan a query reads (column pruning): walked from the sink down, a node adds the
 * columns its expressions refer to and passes on only what its child must deliver. The list is in the order the
 * {@link Planner} numbers the scans (depth first, left to right). An entry is {@code null} when the query may
 * read every column: the sink sees the scan's rows as they are, or a Java lambda, a join or a union sits above it.
 * Errs only towards reading more (a name that may be a column is kept), so pruning never changes an answer.
 */
final class ScanColumns {
    private final List<Set<String>> out = new ArrayList<>();

    private ScanColumns() {}

    /** The read columns of each scan of {@code root}, in plan order; {@code null} for "all of them". */
    static List<Set<String>> of(LogicalPlan root) {
        ScanColumns s = new ScanColumns();
        s.visit(root, null);
        return Collections.unmodifiableList(s.out);
    }

    /** @param needed the columns of {@code n}'s output its parent reads; null for all */
    private void visit(LogicalPlan n, Set<String> needed) {
        if (n instanceof Scan) {
            out.add(needed == null ? null : Set.copyOf(needed));
        } else if (n instanceof Project p) {
            Set<String> in = new HashSet<>();
            p.exprs().forEach(e -> refs(e, in));
            visit(p.child(), in);
        } else if (n instanceof Filter f) {
            visit(f.child(), plus(needed, f.condition()));
        } else if (n instanceof Watermark w) {
            visit(w.child(), plusNames(needed, List.of(w.column())));
        } else if (n instanceof Aggregate a) {
            Set<String> in = new HashSet<>();
            a.groupings().forEach(e -> refs(e, in));
            a.aggregates().forEach(e -> refs(e, in));
            visit(a.child(), in);
        } else if (n instanceof Deduplicate d) {
            visit(d.child(), d.columns().isEmpty() ? null : plusNames(needed, d.columns()));
        } else if (n instanceof Sort s) {
            visit(
                    s.child(),
                    plusNames(
                            needed, s.orders().stream().map(Sort.Order::column).toList()));
        } else if (n instanceof Generate g) {
            Set<String> in = plus(needed, g.input());
            if (in != null) {
                in.remove(g.outputName());
            }
            visit(g.child(), in);
        } else if (n instanceof AssignWindows a) {
            Set<String> in = plus(needed, a.window().time());
            if (in != null) {
                in.removeIf(c -> c.equals(a.outputName()) || c.startsWith(a.outputName() + "."));
            }
            visit(a.child(), in);
        } else {
            // lambdas (MapRows, flatMapGroupsWithState) see whole rows; joins rename and unions match by position:
            // their inputs deliver every column
            for (LogicalPlan c : n.children()) {
                visit(c, null);
            }
        }
    }

    private static Set<String> plus(Set<String> needed, Expr e) {
        if (needed == null) {
            return null;
        }
        Set<String> in = new HashSet<>(needed);
        refs(e, in);
        return in;
    }

    private static Set<String> plusNames(Set<String> needed, List<String> names) {
        if (needed == null) {
            return null;
        }
        Set<String> in = new HashSet<>(needed);
        in.addAll(names);
        return in;
    }

    /** The column names {@code e} refers to; for {@code a.b} both the name itself and its struct {@code a}. */
    static void refs(Expr e, Set<String> into) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Col c) {
            into.add(c.name());
            int dot = c.name().indexOf('.');
            if (dot > 0) {
                into.add(c.name().substring(0, dot));
            }
        } else if (e instanceof Expr.Binary b) {
            refs(b.left(), into);
            refs(b.right(), into);
        } else if (e instanceof Expr.Unary u) {
            refs(u.child(), into);
        } else if (e instanceof Expr.Cast c) {
            refs(c.child(), into);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> refs(a, into));
        } else if (e instanceof Expr.Window w) {
            refs(w.time(), into);
        } else if (e instanceof Expr.SessionWindow w) {
            refs(w.time(), into);
        } else if (e instanceof Expr.Agg a) {
            refs(a.arg(), into);
        } else if (e instanceof Expr.Alias a) {
            refs(a.child(), into);
        }
        // Lit: no column
    }
}
