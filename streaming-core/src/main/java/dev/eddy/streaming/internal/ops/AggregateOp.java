package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StructColumn;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.internal.expr.Casts;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.expr.Vectors;
import dev.eddy.streaming.internal.ops.agg.Accumulator;
import dev.eddy.streaming.internal.ops.agg.Accumulators;
import dev.eddy.streaming.internal.state.GroupStore;
import dev.eddy.streaming.internal.state.GroupTable;
import dev.eddy.streaming.internal.state.KeyColumns;
import dev.eddy.streaming.internal.state.Keys;
import dev.eddy.streaming.internal.state.RawState;
import dev.eddy.streaming.internal.window.WindowAssigner;
import java.util.List;
import java.util.Set;

/**
 * Streaming group-by aggregation, optionally over a tumbling or sliding time window, with state in a
 * {@link GroupTable} and column-wise {@link Accumulator}s. Spark's rules: with a watermark on the window's
 * (or a key's) time column and in append/update mode, a (window, key) row with window.end <= the previous batch's
 * watermark is dropped (counted per group), and state with window.end <= this batch's watermark is evicted after
 * the batch ({@link BatchContext}); append mode emits groups as they
 * are evicted, update mode the groups changed by the batch, complete mode all groups (never evicting).
 * Sliding windows over exactly mergeable aggregates go through {@link SlicedWindows} (same state, fewer probes).
 */
public final class AggregateOp extends AbstractOperator implements StatefulOperator {
    private final Aggregate node;
    private final OutputMode mode;
    private final WindowAssigner windows;
    private final int windowPos;
    private final Evaluator windowTime;
    private final Evaluator[] keyEvals;
    private final DataType[] keyTypes;
    private final Evaluator[] aggArgs;
    private final Accumulator[] accs;
    private final int evictKey;
    private final long evictOffset;
    private final LateGroups lateGroups = new LateGroups();
    private final GroupStore store;
    /** The pane-sliced path for sliding windows, or null (per-row path). */
    private final SlicedWindows sliced;

    public AggregateOp(Operator child, Aggregate node, OutputMode mode, Set<String> watermarkedColumns) {
        this(child, node, mode, watermarkedColumns, true);
    }

    /** {@code slicing == false} keeps sliding windows on the per-row path (what tests compare the sliced one with). */
    AggregateOp(Operator child, Aggregate node, OutputMode mode, Set<String> watermarkedColumns, boolean slicing) {
        super(node.schema(), child);
        this.node = node;
        this.mode = mode;
        Schema in = child.schema();
        List<Expr> gs = node.groupings();
        int k = gs.size();
        keyEvals = new Evaluator[k];
        keyTypes = new DataType[k];
        WindowAssigner w = null;
        int wpos = -1;
        Evaluator wtime = null;
        int ek = -1;
        long eoff = 0;
        for (int i = 0; i < k; i++) {
            Expr g = ExprTypes.unalias(gs.get(i));
            if (g instanceof Expr.Window win) {
                w = WindowAssigner.of(win.sizeMicros(), win.slideMicros(), win.offsetMicros());
                wpos = i;
                wtime = ExprCompiler.compile(win.time(), in);
                keyTypes[i] = DataType.TIMESTAMP;
                if (win.time() instanceof Expr.Col c && watermarkedColumns.contains(c.name())) {
                    ek = i;
                    eoff = win.sizeMicros();
                }
            } else if (g instanceof Expr.SessionWindow) {
                throw new IllegalArgumentException("session_window is planned by SessionWindowOp");
            } else {
                keyEvals[i] = ExprCompiler.compile(g, in);
                keyTypes[i] = keyEvals[i].type();
                if (keyTypes[i] == DataType.STRUCT) {
                    throw new IllegalArgumentException("cannot group by struct column " + g);
                }
                if (ek < 0 && g instanceof Expr.Col c && watermarkedColumns.contains(c.name())) {
                    ek = i;
                }
            }
        }
        windows = w;
        windowPos = wpos;
        windowTime = wtime;
        aggArgs = new Evaluator[node.aggregates().size()];
        for (int a = 0; a < aggArgs.length; a++) {
            Expr.Agg agg = (Expr.Agg) ExprTypes.unalias(node.aggregates().get(a));
            aggArgs[a] = agg.arg() == null ? null : ExprCompiler.compile(agg.arg(), in);
        }
        evictKey = ek;
        evictOffset = eoff;
        accs = newAccumulators();
        store = new GroupStore("stateStoreSave", keyTypes, RawState.keyFields(keyTypes), accs, ek, eoff);
        sliced = slicing && SlicedWindows.applies(windows, accs, ek, windowPos)
                ? new SlicedWindows(windows, windowPos, keyTypes, this::newAccumulators)
                : null;
    }

    private Accumulator[] newAccumulators() {
        Accumulator[] out = new Accumulator[aggArgs.length];
        for (int a = 0; a < out.length; a++) {
            Expr.Agg agg = (Expr.Agg) ExprTypes.unalias(node.aggregates().get(a));
            out[a] = Accumulators.create(agg.fn(), aggArgs[a] == null ? null : aggArgs[a].type());
        }
        return out;
    }

    /** True if sliding windows take the pane-sliced path ({@link SlicedWindows}). */
    boolean slicesPanes() {
        return sliced != null;
    }

    /** True if a watermark bounds this aggregation's state (what append mode needs). */
    public boolean hasEventTimeEviction() {
        return store.evictsByWatermark();
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = withWindowTime(inputs.get(0));
        store.beginBatch(ctx.batchId(), ctx.watermark(), ctx.lateWatermark());
        boolean evicts = store.evictsByWatermark() && ctx.hasWatermark() && mode != OutputMode.COMPLETE;
        long wm = evicts ? ctx.watermark() : BatchContext.NO_WATERMARK;
        // rows are late by the previous batch's watermark; groups are evicted by this batch's (BatchContext)
        long lateWm = evicts ? ctx.lateWatermark() : BatchContext.NO_WATERMARK;
        long dropped = 0;
        int[] groups;
        if (sliced != null) {
            Keys panes = sliced.paneKeys(in, windowTime, keyEvals);
            if (evicts) {
                dropped = sliced.dropLate(in, panes, ctx.batchId(), lateWm, lateGroups, store.lateRows());
            }
            SlicedWindows.Folded f = sliced.fold(panes, argColumns(in), lateWm);
            groups = store.findOrInsert(f.keys());
            for (int a = 0; a < accs.length; a++) {
                accs[a].mergeFrom(f.partials()[a], f.panes(), groups, groups.length);
            }
        } else {
            Keys keys = GroupingKeys.of(in, windows, windowPos, windowTime, keyEvals, keyTypes);
            if (evicts) {
                dropped = lateGroups.dropRows(in, keys, evictKey, evictOffset, ctx.batchId(), lateWm, store.lateRows());
            }
            groups = store.findOrInsert(keys);
            Column[] args = argColumns(in);
            for (int a = 0; a < accs.length; a++) {
                accs[a].update(groups, keys.rows, keys.n, args[a]);
            }
        }
        int updated = store.markUpdated(groups, groups.length);
        int[] expired = evicts ? store.expired(wm) : new int[0];
        Batch out = output(
                switch (mode) {
                    case COMPLETE -> store.allGroups();
                    case UPDATE -> store.updatedGroups();
                    case APPEND -> expired;
                });
        store.evict(expired);
        store.endBatch(updated, expired.length, dropped);
        return out;
    }

    /**
     * The rows whose window time is not null: Spark's TimeWindowing puts {@code isnotnull(ts)} under every window
     * aggregation, so a row without a time (the null side of an outer join) never reaches an aggregate expression, a
     * late-row count or the state (an expression that fails on such a row must not fail the query).
     */
    private Batch withWindowTime(Batch in) {
        if (windows == null) {
            return in;
        }
        long[] nulls = windowTime.eval(in).nullBitmap();
        if (nulls == null) {
            return in;
        }
        int n = in.numRows();
        int[] keep = new int[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (!Vectors.isNull(nulls, r)) {
                keep[m++] = r;
            }
        }
        return m == n ? in : in.gather(keep, m);
    }

    private Column[] argColumns(Batch in) {
        Column[] args = new Column[aggArgs.length];
        for (int a = 0; a < args.length; a++) {
            args[a] = aggArgs[a] == null ? null : aggArgs[a].eval(in);
        }
        return args;
    }

    private Batch output(int[] groups) {
        int n = groups.length;
        GroupTable table = store.table();
        Schema s = node.schema();
        Column[] cols = new Column[s.size()];
        for (int i = 0; i < keyTypes.length; i++) {
            if (i == windowPos) {
                long[] starts = new long[n];
                long[] ends = new long[n];
                long[] keys = table.longKeys(i);
                for (int j = 0; j < n; j++) {
                    starts[j] = keys[groups[j]];
                    ends[j] = starts[j] + windows.size();
                }
                cols[i] = new StructColumn(
                        s.field(i).children(),
                        new Column[] {
                            new LongColumn(DataType.TIMESTAMP, starts, n, null),
                            new LongColumn(DataType.TIMESTAMP, ends, n, null)
                        },
                        n,
                        null);
            } else {
                cols[i] = KeyColumns.fromTable(table, i, keyTypes[i], groups, n);
            }
        }
        for (int a = 0; a < accs.length; a++) {
            cols[keyTypes.length + a] = Casts.cast(
                    accs[a].result(groups, n), s.field(keyTypes.length + a).type());
        }
        return Batch.of(s, cols);
    }

    @Override
    public GroupStore store() {
        return store;
    }

    @Override
    public Batch stateRows() {
        return output(store.allGroups());
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        return store.evictsByWatermark() && mode != OutputMode.COMPLETE && store.watermarkAdvances(newWatermark);
    }

    @Override
    public String describe() {
        return "StatefulAggregate " + node.groupings() + " " + node.aggregates() + " mode=" + mode
                + (store.evictsByWatermark() ? " (watermark evicts state)" : "");
    }
}
