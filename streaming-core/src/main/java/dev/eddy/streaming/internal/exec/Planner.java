package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.function.GroupStateTimeout;
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
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.api.plan.StaticScan;
import dev.eddy.streaming.api.plan.Union;
import dev.eddy.streaming.api.plan.Watermark;
import dev.eddy.streaming.internal.ops.AggregateOp;
import dev.eddy.streaming.internal.ops.AssignWindowsOp;
import dev.eddy.streaming.internal.ops.DeduplicateOp;
import dev.eddy.streaming.internal.ops.FilterOp;
import dev.eddy.streaming.internal.ops.FlatMapGroupsWithStateOp;
import dev.eddy.streaming.internal.ops.GenerateOp;
import dev.eddy.streaming.internal.ops.MapRowsOp;
import dev.eddy.streaming.internal.ops.Operator;
import dev.eddy.streaming.internal.ops.ProjectOp;
import dev.eddy.streaming.internal.ops.RefusedAtRunOp;
import dev.eddy.streaming.internal.ops.ScanOp;
import dev.eddy.streaming.internal.ops.SessionWindowOp;
import dev.eddy.streaming.internal.ops.SortOp;
import dev.eddy.streaming.internal.ops.StatefulOperator;
import dev.eddy.streaming.internal.ops.StaticScanOp;
import dev.eddy.streaming.internal.ops.StreamStaticJoinOp;
import dev.eddy.streaming.internal.ops.StreamStreamJoinOp;
import dev.eddy.streaming.internal.ops.StructKeysOp;
import dev.eddy.streaming.internal.ops.UnionOp;
import dev.eddy.streaming.internal.ops.WatermarkOp;
import dev.eddy.streaming.internal.optimize.FilterBelowWatermark;
import dev.eddy.streaming.internal.optimize.JoinInferredFilters;
import dev.eddy.streaming.internal.optimize.OuterJoinElimination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a logical plan into operators for one output mode, then checks the combination is supported. */
public final class Planner {
    private final OutputMode mode;
    private final Clock clock;
    private final List<Scan> scans = new ArrayList<>();
    private final List<WatermarkOp> watermarks = new ArrayList<>();
    private final List<StatefulOperator> stateful = new ArrayList<>();
    private final Set<String> watermarked = new HashSet<>();
    /** The delay (micros) of each watermarked column's watermark; the first input's where a union has several. */
    private final Map<String, Long> delays = new HashMap<>();

    private List<String> keyColumns = List.of();

    /**
     * Spark's message for update mode over a session window. Spark refuses it because a session's bounds move when
     * it merges with later rows, so an updated row could not replace the one emitted before.
     */
    static final String SESSION_WINDOW_UPDATE = "Update output mode not supported for session window on streaming "
            + "DataFrames/DataSets (as in Spark: a session's start and end change when sessions merge); use append "
            + "(with a watermark) or complete";

    private Planner(OutputMode mode, Clock clock) {
        this.mode = mode;
        this.clock = clock;
    }

    /** Plans a streaming query; throws UnsupportedOperationException naming the rule it breaks. */
    public static PhysicalPlan plan(LogicalPlan logical, OutputMode mode, Clock clock) {
        if (!logical.isStreaming()) {
            throw new UnsupportedOperationException(
                    "writeStream() needs a streaming Dataset (one read with readStream())");
        }
        Planner p = new Planner(mode, clock);
        // Spark's optimizer moves filters below the watermark (the rows they drop never move it): one place for
        // the Java API and SQL; before that, the filters it infers for a join's inputs (InferFiltersFromConstraints),
        // and before those the outer joins it makes inner (EliminateOuterJoin, also through a window's isnotnull(ts))
        logical = FilterBelowWatermark.apply(JoinInferredFilters.apply(OuterJoinElimination.apply(logical)));
        Operator root = p.build(logical);
        PhysicalPlan plan = new PhysicalPlan(
                root,
                List.copyOf(p.scans),
                List.copyOf(p.watermarks),
                List.copyOf(p.stateful),
                p.keyColumns,
                ScanColumns.of(logical));
        OutputModeChecker.check(logical, plan, mode);
        return plan;
    }

    private Operator build(LogicalPlan n) {
        if (n instanceof Scan s) {
            scans.add(s);
            return new ScanOp(scans.size() - 1, s.schema(), s.format() + " " + s.options());
        }
        if (n instanceof StaticScan s) {
            return new StaticScanOp(s.name(), s.data(), s.refresh());
        }
        if (n instanceof Project p) {
            Operator child = build(p.child());
            keepKeys(p);
            carryWatermarks(p);
            return new ProjectOp(child, p.exprs(), p.schema());
        }
        if (n instanceof Filter f) {
            return new FilterOp(build(f.child()), f.condition());
        }
        if (n instanceof Generate g) {
            return new GenerateOp(build(g.child()), g);
        }
        if (n instanceof AssignWindows a) {
            Operator child = build(a.child());
            // the window carries its time column's watermark (Spark copies the event-time metadata onto it)
            if (a.window().time() instanceof Expr.Col c && watermarked.contains(c.name())) {
                watermarked.add(a.outputName());
                carryDelay(c.name(), a.outputName());
            }
            return new AssignWindowsOp(child, a);
        }
        if (n instanceof MapRows m) {
            return new MapRowsOp(build(m.child()), m);
        }
        if (n instanceof Watermark w) {
            WatermarkOp op = new WatermarkOp(build(w.child()), w.column(), w.delayMicros());
            watermarks.add(op);
            watermarked.add(w.column());
            delays.putIfAbsent(w.column(), w.delayMicros());
            return op;
        }
        if (n instanceof Aggregate a
                && a.groupings().stream().anyMatch(g -> ExprTypes.unalias(g) instanceof Expr.SessionWindow)) {
            if (mode == OutputMode.UPDATE) {
                // Spark's UnsupportedOperationChecker refuses this before planning (so before the key check below)
                throw new UnsupportedOperationException(SESSION_WINDOW_UPDATE);
            }
            Operator child = build(a.child());
            if (a.groupings().size() == 1) {
                // Spark's AggUtils, when it plans the first batch: a streaming session window needs a key besides it
                return new RefusedAtRunOp(
                        a.schema(),
                        "Global aggregation with session window in streaming query is not supported (as in Spark:"
                                + " group by session_window(...) and at least one key column)",
                        List.of(child));
            }
            SessionWindowOp op = new SessionWindowOp(child, a, mode, watermarked);
            stateful.add(op);
            keyColumns = a.groupings().stream().map(ExprTypes::name).toList();
            return op;
        }
        if (n instanceof Aggregate a) {
            Operator child = build(a.child());
            // a struct key (a join's window w) is grouped by its fields, put back together above
            Aggregate flat = StructKeysOp.flatten(a);
            AggregateOp op = new AggregateOp(
                    child, flat, mode, flat == a ? watermarked : StructKeysOp.watermarked(a, watermarked));
            stateful.add(op);
            List<String> keys = new ArrayList<>();
            for (Expr g : a.groupings()) {
                keys.add(ExprTypes.name(g));
            }
            keyColumns = keys;
            return flat == a ? op : StructKeysOp.over(op, a);
        }
        if (n instanceof Deduplicate d) {
            Operator child = build(d.child());
            DeduplicateOp op = d.withinWatermark() && d.child().isStreaming()
                    ? DeduplicateOp.withinWatermark(child, d, watermarked, delays)
                    : new DeduplicateOp(child, d, watermarked);
            stateful.add(op);
            return op;
        }
        if (n instanceof Join j) {
            return join(j);
        }
        if (n instanceof Union u) {
            List<Operator> ins = new ArrayList<>();
            for (LogicalPlan c : u.inputs()) {
                ins.add(build(c));
            }
            return new UnionOp(ins, u.schema());
        }
        if (n instanceof Sort s) {
            return new SortOp(build(s.child()), s);
        }
        if (n instanceof FlatMapGroupsWithState f) {
            Operator child = build(f.child());
            if (f.timeout() == GroupStateTimeout.EVENT_TIME_TIMEOUT && watermarks.isEmpty()) {
                throw new UnsupportedOperationException("Watermark must be specified in the query using "
                        + "withWatermark() for using event-time timeout in flatMapGroupsWithState");
            }
            FlatMapGroupsWithStateOp op = new FlatMapGroupsWithStateOp(child, f, clock, watermarked);
            stateful.add(op);
            return op;
        }
        throw new UnsupportedOperationException("cannot plan " + n.describe());
    }

    private Operator join(Join j) {
        boolean ls = j.left().isStreaming();
        boolean rs = j.right().isStreaming();
        if (ls && rs) {
            // each side's watermarked columns by its own subtree: Spark keeps the watermark on the attribute, so a
            // right column named like a left event-time column (both sides' window w) has none of its own
            Set<String> before = Set.copyOf(watermarked);
            Operator l = build(j.left());
            Set<String> leftSide = Set.copyOf(watermarked);
            watermarked.retainAll(before);
            Operator r = build(j.right());
            Set<String> rightSide = Set.copyOf(watermarked);
            StreamStreamJoinOp op;
            try {
                op = new StreamStreamJoinOp(l, r, j, leftSide, rightSide);
            } catch (StreamStreamJoinOp.TwoEventTimeColumns e) {
                return new RefusedAtRunOp(j.schema(), e.getMessage(), List.of(l, r)); // Spark's moment
            }
            stateful.add(op);
            watermarked.addAll(leftSide);
            watermarked.removeAll(j.schema().names());
            for (String name : j.left().schema().names()) {
                if (leftSide.contains(name)) {
                    watermarked.add(name);
                }
            }
            if (j.type() != Join.JoinType.LEFT_SEMI) { // a semi join passes on the left columns only
                carryRenamedWatermarks(j, rightSide);
            }
            return op;
        }
        if (!ls) {
            throw new UnsupportedOperationException("a static table must be the right side of a join with a stream "
                    + "(static-stream " + j.type() + " joins are not supported)");
        }
        if (j.type() == Join.JoinType.LEFT_SEMI) {
            throw new UnsupportedOperationException("a left semi join of a stream with a static table is not supported"
                    + " yet (a left semi join of two streams is)");
        }
        return new StreamStaticJoinOp(build(j.left()), build(j.right()), j);
    }

    /**
     * A right event-time column keeps its watermark when the join renames it ({@code right_ts}), as an aggregation
     * above the join may window by it (Spark keeps the watermark on the attribute, whatever its name); {@code
     * rightSide}: the right input's watermarked columns.
     */
    private void carryRenamedWatermarks(Join j, Set<String> rightSide) {
        int nl = j.left().schema().size();
        for (int i = 0; i < j.right().schema().size(); i++) {
            String original = j.right().schema().field(i).name();
            String joined = j.schema().field(nl + i).name();
            if (rightSide.contains(original)) {
                watermarked.add(joined);
                carryDelay(original, joined);
            }
        }
    }

    /** An event-time column keeps its watermark under a new name ({@code select(col("ts").as("time"))}). */
    private void carryWatermarks(Project p) {
        for (Expr e : p.exprs()) {
            if (e instanceof Expr.Alias a && a.child() instanceof Expr.Col c && watermarked.contains(c.name())) {
                watermarked.add(a.name());
                carryDelay(c.name(), a.name());
            }
        }
    }

    private void carryDelay(String from, String to) {
        Long d = delays.get(from);
        if (d != null) {
            delays.putIfAbsent(to, d);
        }
    }

    /** A projection keeps the key columns it passes on, also renamed or as all the fields of a struct key. */
    private void keepKeys(Project p) {
        keyColumns = ProjectedKeys.through(p, keyColumns);
    }
}
