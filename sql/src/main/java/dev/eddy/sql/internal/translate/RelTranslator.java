package dev.eddy.sql.internal.translate;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.internal.batch.SparkWhereFacts;
import dev.eddy.sql.internal.catalog.CalciteTypes;
import dev.eddy.sql.internal.catalog.RelationTable;
import dev.eddy.sql.internal.validate.LeftSemiJoins;
import dev.eddy.sql.internal.window.WindowStruct;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.AssignWindows;
import dev.eddy.streaming.api.plan.Deduplicate;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Union;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Calcite's logical plan to the engine's. Supported: scans of streams and tables, projections,
 * filters, TUMBLE/HOP/SESSION followed by GROUP BY, aggregates (COUNT, SUM, AVG, MIN, MAX, COUNT(DISTINCT)
 * as approximate), DISTINCT as deduplication, inner, left and right outer joins, UNION [ALL] of streams, ORDER BY
 * [LIMIT] (run by the engine only after an aggregation in complete mode), and Spark's
 * explode(split(...)). Anything else is {@link Unsupported} with the reason.
 */
public final class RelTranslator {
    private final Function<Relation, LogicalPlan> sources;

    /** {@code sources} gives the engine plan that reads a catalog entry (a stream scan or a static table). */
    public RelTranslator(Function<Relation, LogicalPlan> sources) {
        this.sources = sources;
    }

    /** The engine plan of {@code rel} with output columns named {@code names}. */
    public LogicalPlan translate(RelNode rel, List<String> names) {
        return materialize(
                visit(FieldTrimming.trim(SparkWhereFacts.streaming(JoinFilterPushdown.apply(rel)))), names, true);
    }

    private Translated visit(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return scan(scan);
        }
        if (rel instanceof org.apache.calcite.rel.core.Project p) {
            return project(p);
        }
        if (rel instanceof org.apache.calcite.rel.core.Filter f) {
            Translated in = windowsComputed(visit(f.getInput()), f.getInput());
            Expr condition = rex(in, f, f.getCondition());
            // the engine's planner moves it below the watermark where Spark's optimizer would (FilterBelowWatermark)
            return new Translated(new Filter(in.plan(), condition), in.columns(), in.window());
        }
        if (rel instanceof TableFunctionScan tfs) {
            return windowFunction(tfs);
        }
        if (rel instanceof org.apache.calcite.rel.core.Aggregate a) {
            return aggregate(a);
        }
        if (rel instanceof org.apache.calcite.rel.core.Join j) {
            return join(j);
        }
        if (rel instanceof org.apache.calcite.rel.core.Union u) {
            return union(u);
        }
        if (rel instanceof Sort sort) {
            return sort(sort);
        }
        throw new Unsupported(
                rel.getRelTypeName().replace("Logical", "") + " is not supported by the streaming" + " engine yet");
    }

    private Translated scan(TableScan scan) {
        RelationTable table = scan.getTable().unwrap(RelationTable.class);
        if (table == null) {
            throw new Unsupported("table " + scan.getTable().getQualifiedName() + " is not in Eddy's catalog");
        }
        Relation r = table.relation();
        LogicalPlan plan = sources.apply(r);
        List<Expr> columns = new ArrayList<>();
        for (String name : r.schema().names()) {
            columns.add(new Expr.Col(name));
        }
        return new Translated(plan, columns, null);
    }

    private Translated project(org.apache.calcite.rel.core.Project p) {
        Translated in = windowsComputed(visit(p.getInput()), p.getInput());
        List<Expr> columns = new ArrayList<>();
        int explodeAt = -1;
        boolean windowTaken = false;
        for (RexNode e : p.getProjects()) {
            if (WindowStruct.is(e) && in.window() instanceof Expr.Window w) {
                columns.add(w); // window(ts, ...) as a select item: the engine's AssignWindows (materialize)
                windowTaken = true;
            } else if (e instanceof RexInputRef ref) {
                columns.add(in.columns().get(ref.getIndex())); // keeps window markers moving up to the GROUP BY
            } else if (e instanceof RexCall call && call.getOperator().getName().equalsIgnoreCase("EXPLODE")) {
                if (explodeAt >= 0) {
                    throw new Unsupported("only one explode(...) per SELECT");
                }
                explodeAt = columns.size();
                columns.add(null);
            } else {
                columns.add(rex(in, p, e));
            }
        }
        if (explodeAt < 0) {
            boolean markersLeft = columns.stream().anyMatch(Translated::isWindowMarker);
            // once its bounds are a column of their own, the window is no longer one a GROUP BY must take
            return windowTaken && !markersLeft ? new Translated(in.plan(), columns, null) : in.withColumns(columns);
        }
        return Explodes.generate(
                in,
                (RexCall) p.getProjects().get(explodeAt),
                columns,
                explodeAt,
                p.getRowType().getFieldNames().get(explodeAt),
                e -> rex(in, p, e));
    }

    /**
     * {@code in} with its projected windows (window(ts, ...) as a column) computed by the engine, so that an
     * expression above can read the struct's fields ({@code w.start}).
     */
    private Translated windowsComputed(Translated in, RelNode input) {
        if (in.columns().stream().noneMatch(e -> e instanceof Expr.Window)) {
            return in;
        }
        List<String> names = input.getRowType().getFieldNames();
        LogicalPlan computed = materialize(in, names, false);
        return new Translated(
                computed, names.stream().map(n -> (Expr) new Expr.Col(n)).toList(), null);
    }

    private Translated windowFunction(TableFunctionScan tfs) {
        if (tfs.getInputs().size() != 1 || !(tfs.getCall() instanceof RexCall call)) {
            throw new Unsupported("table function " + tfs.getCall() + " is not supported");
        }
        Translated in = visit(tfs.getInputs().get(0));
        String fn = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<RexNode> ops = call.getOperands();
        RexCall descriptor = (RexCall) ops.get(0);
        Expr time = in.columns().get(((RexInputRef) descriptor.getOperands().get(0)).getIndex());
        Expr window;
        switch (fn) {
            case "TUMBLE":
                long size = micros(ops.get(1));
                window = new Expr.Window(time, size, size, ops.size() > 2 ? micros(ops.get(2)) : 0);
                break;
            case "HOP":
                // Calcite's HOP is (slide, size); the engine's window is (size, slide)
                window = new Expr.Window(
                        time, micros(ops.get(2)), micros(ops.get(1)), ops.size() > 3 ? micros(ops.get(3)) : 0);
                break;
            case "SESSION":
                window = new Expr.SessionWindow(time, micros(ops.get(ops.size() - 1)));
                break;
            default:
                throw new Unsupported("table function " + fn + " is not supported");
        }
        List<Expr> columns = new ArrayList<>(in.columns());
        columns.add(Translated.WINDOW_START);
        columns.add(Translated.WINDOW_END);
        return new Translated(in.plan(), columns, window);
    }

    private static long micros(RexNode interval) {
        return ((RexLiteral) interval).getValueAs(Long.class) * 1000L;
    }

    private Translated aggregate(org.apache.calcite.rel.core.Aggregate a) {
        Translated in = visit(a.getInput());
        List<String> names = a.getRowType().getFieldNames();
        List<Expr> groupings = new ArrayList<>();
        List<Expr> out = new ArrayList<>();
        boolean windowed = false;
        int k = 0;
        for (int i : a.getGroupSet()) {
            Expr e = in.columns().get(i);
            if (e == Translated.WINDOW_START || e == Translated.WINDOW_END) {
                windowed = true;
                String struct = ExprTypes.name(in.window()); // "window" or "session_window"
                out.add(new Expr.Col(struct + (e == Translated.WINDOW_START ? ".start" : ".end")));
            } else {
                groupings.add(aliased(e, names.get(k)));
                out.add(new Expr.Col(names.get(k)));
            }
            k++;
        }
        if (windowed) {
            groupings.add(0, in.window());
        }
        if (a.getAggCallList().isEmpty()) {
            if (windowed) {
                throw new Unsupported(
                        "SELECT DISTINCT over window bounds is not supported; use GROUP BY with COUNT(*)");
            }
            return new Translated(new Deduplicate(new Project(in.plan(), groupings), List.of()), out, null);
        }
        List<Expr> aggs = new ArrayList<>();
        for (AggregateCall call : a.getAggCallList()) {
            Expr agg = Aggregates.of(call, in.columns());
            String name = names.get(k++);
            String outName = name.startsWith("EXPR$") ? agg.toString() : name;
            aggs.add(new Expr.Alias(agg, outName));
            out.add(new Expr.Col(outName));
        }
        return new Translated(new Aggregate(in.plan(), groupings, aggs), out, null);
    }

    private Translated join(org.apache.calcite.rel.core.Join j) {
        Translated l = visit(j.getLeft());
        Translated r = visit(j.getRight());
        if (l.window() != null || r.window() != null) {
            throw new Unsupported(
                    "joining windowed streams (TUMBLE/HOP/SESSION without GROUP BY) is not supported"
                            + " by the engine yet; join on a time range instead, e.g. a.ts BETWEEN b.ts AND b.ts + INTERVAL '1' MINUTE");
        }
        LogicalPlan left = materialize(l, j.getLeft().getRowType().getFieldNames(), false);
        LogicalPlan right = materialize(r, j.getRight().getRowType().getFieldNames(), false);
        if (j.getJoinType() == JoinRelType.RIGHT) {
            return rightOuterJoin(j, left, right);
        }
        RexNode semi = LeftSemiJoins.unmarked(j.getCondition());
        if (semi != null) {
            return leftSemiJoin(j, left, right, semi);
        }
        Join.JoinType type;
        if (j.getJoinType() == JoinRelType.INNER) {
            type = Join.JoinType.INNER;
        } else if (j.getJoinType() == JoinRelType.LEFT) {
            type = Join.JoinType.LEFT_OUTER;
        } else {
            throw new Unsupported(j.getJoinType() + " JOIN is not supported by the streaming engine yet");
        }
        List<Expr> columns = new ArrayList<>();
        Set<String> leftNames = new HashSet<>(left.schema().names());
        left.schema().names().forEach(n -> columns.add(new Expr.Col(n)));
        // the engine names a right column "right_<name>" when the left side already has <name>
        right.schema().names().forEach(n -> columns.add(new Expr.Col(leftNames.contains(n) ? "right_" + n : n)));
        Translated both = new Translated(left, columns, null);
        Expr condition = rex(both, j, j.getCondition());
        return new Translated(new Join(left, right, type, condition), columns, null);
    }

    /**
     * {@code a LEFT SEMI JOIN b ON c} (an inner join with a marked condition, {@link LeftSemiJoins}): the engine's left
     * semi join, whose rows have a's columns only; b's columns name no column of it, so reading one fails.
     */
    private Translated leftSemiJoin(
            org.apache.calcite.rel.core.Join j, LogicalPlan left, LogicalPlan right, RexNode semi) {
        List<Expr> columns = new ArrayList<>();
        Set<String> leftNames = new HashSet<>(left.schema().names());
        left.schema().names().forEach(n -> columns.add(new Expr.Col(n)));
        right.schema().names().forEach(n -> columns.add(new Expr.Col(leftNames.contains(n) ? "right_" + n : n)));
        Expr condition = rex(new Translated(left, columns, null), j, semi);
        List<Expr> out = new ArrayList<>(columns.subList(0, left.schema().size()));
        right.schema()
                .names()
                .forEach(n -> out.add(new Expr.Col(
                        n + " (the right side of a LEFT SEMI JOIN, whose result has its left side's columns only)")));
        return new Translated(new Join(left, right, Join.JoinType.LEFT_SEMI, condition), out, null);
    }

    /**
     * {@code a RIGHT JOIN b ON c} as {@code b LEFT JOIN a ON c}, its columns in a's and b's order again: the same rows
     * (a right row without a match comes out once, with nulls for a's columns, when no later a row can match it), and
     * Spark's rules for which side must be a stream or bounded by a watermark hold mirrored.
     */
    private Translated rightOuterJoin(org.apache.calcite.rel.core.Join j, LogicalPlan left, LogicalPlan right) {
        Schema swapped = Join.combine(right.schema(), left.schema());
        int nr = right.schema().size();
        List<Expr> columns = new ArrayList<>();
        for (int i = 0; i < left.schema().size(); i++) {
            columns.add(new Expr.Col(swapped.field(nr + i).name()));
        }
        for (int i = 0; i < nr; i++) {
            columns.add(new Expr.Col(swapped.field(i).name()));
        }
        Expr condition = rex(new Translated(right, columns, null), j, j.getCondition());
        return new Translated(new Join(right, left, Join.JoinType.LEFT_OUTER, condition), columns, null);
    }

    /**
     * ORDER BY [LIMIT] as the engine's Sort over the input's columns; the engine runs it only over an
     * aggregation in complete mode (checked when the query starts, with Spark's message).
     */
    private Translated sort(Sort sort) {
        if (sort.offset != null) {
            throw new Unsupported("OFFSET on a streaming query is not supported; use LIMIT");
        }
        List<String> names = sort.getInput().getRowType().getFieldNames();
        LogicalPlan in = materialize(visit(sort.getInput()), names, true); // keeps Spark's count(1)
        List<dev.eddy.streaming.api.plan.Sort.Order> orders = new ArrayList<>();
        for (RelFieldCollation c : sort.getCollation().getFieldCollations()) {
            boolean ascending = !c.getDirection().isDescending();
            boolean nullsFirst = c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                    ? ascending
                    : c.nullDirection == RelFieldCollation.NullDirection.FIRST;
            orders.add(new dev.eddy.streaming.api.plan.Sort.Order(
                    in.schema().field(c.getFieldIndex()).name(), ascending, nullsFirst));
        }
        long limit = sort.fetch == null ? -1 : ((RexLiteral) sort.fetch).getValueAs(Long.class);
        LogicalPlan sorted = new dev.eddy.streaming.api.plan.Sort(in, orders, limit);
        List<Expr> columns = new ArrayList<>();
        sorted.schema().names().forEach(n -> columns.add(new Expr.Col(n)));
        return new Translated(sorted, columns, null);
    }

    /**
     * UNION ALL is the engine's Union of the inputs, each computed to the union's columns; UNION (distinct)
     * deduplicates that, as SELECT DISTINCT does (state kept per distinct row).
     */
    private Translated union(org.apache.calcite.rel.core.Union u) {
        List<String> names = u.getRowType().getFieldNames();
        List<LogicalPlan> inputs = new ArrayList<>();
        for (RelNode input : u.getInputs()) {
            Translated t = visit(input);
            if (t.window() != null) {
                throw new Unsupported(
                        "UNION of windowed streams (TUMBLE/HOP/SESSION without GROUP BY) is not supported;"
                                + " aggregate each side first or window after the UNION");
            }
            inputs.add(conform(materialize(t, names, true), CalciteTypes.schemaOf(u.getRowType())));
        }
        if (inputs.stream().anyMatch(p -> !p.isStreaming())) {
            throw new Unsupported("UNION of a stream and a table is not supported; UNION ALL works between streams");
        }
        LogicalPlan union = new Union(inputs);
        List<Expr> columns = new ArrayList<>();
        union.schema().names().forEach(n -> columns.add(new Expr.Col(n)));
        return new Translated(u.all ? union : new Deduplicate(union, List.of()), columns, null);
    }

    /** Casts the columns whose engine type differs from the union's (Calcite widens, e.g. INT with BIGINT). */
    private static LogicalPlan conform(LogicalPlan p, Schema expected) {
        boolean same = true;
        List<Expr> exprs = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Field f = p.schema().field(i);
            DataType to = expected.field(i).type();
            same &= f.type() == to;
            exprs.add(
                    f.type() == to
                            ? new Expr.Col(f.name())
                            : new Expr.Alias(new Expr.Cast(new Expr.Col(f.name()), to), f.name()));
        }
        return same ? p : new Project(p, exprs);
    }

    private LogicalPlan materialize(Translated t, List<String> names, boolean preferShortNames) {
        List<Expr> exprs = new ArrayList<>();
        boolean projectsWindow = false;
        boolean identity = t.plan().schema().size() == names.size();
        for (int i = 0; i < names.size(); i++) {
            Expr e = t.columns().get(i);
            if (Translated.isWindowMarker(e)) {
                throw new Unsupported("window_start/window_end need GROUP BY window_start, window_end");
            }
            String name = names.get(i);
            if (preferShortNames && name.startsWith("EXPR$") && e instanceof Expr.Col c) {
                name = c.name();
            }
            projectsWindow |= e instanceof Expr.Window;
            identity = identity
                    && e instanceof Expr.Col c
                    && c.name().equals(name)
                    && t.plan().schema().field(i).name().equals(name);
            exprs.add(aliased(e, name));
        }
        if (identity) {
            return t.plan();
        }
        // window(ts, ...) as a column: rows are expanded per window below the projection, as Spark's analyzer does
        LogicalPlan child = projectsWindow ? AssignWindows.of(t.plan(), exprs) : t.plan();
        return new Project(child, exprs);
    }

    private static Expr aliased(Expr e, String name) {
        return e instanceof Expr.Col c && c.name().equals(name) ? e : new Expr.Alias(e, name);
    }

    private static Expr rex(Translated in, RelNode rel, RexNode e) {
        return new RexTranslator(in.columns(), rel.getCluster().getRexBuilder()).translate(e);
    }
}
