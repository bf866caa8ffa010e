package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StructColumn;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.ops.agg.Accumulator;
import dev.eddy.streaming.internal.ops.agg.Accumulators;
import dev.eddy.streaming.internal.state.GroupTable;
import dev.eddy.streaming.internal.window.WindowAssigner;

import java.util.List;
import java.util.Set;

/**
 * Streaming group-by aggregation, optionally over a tumbling or sliding time window, with state in a
 * {@link GroupTable} and column-wise {@link Accumulator}s. Spark's rules: with a watermark on the window's
 * (or a key's) time column and in append/update mode, a (window, key) row with window.end <= watermark is
 * dropped (counted per group) and such state is evicted after the batch; append mode emits groups as they
 * are evicted, update mode the groups changed by the batch, complete mode all groups (never evicting).
 * Sliding windows over exactly mergeable aggregates go through {@link SlicedWindows} (same state, fewer probes).
 */
public final class AggregateOp implements StatefulOperator {
    private final Operator child;
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
    private final GroupTable table;
    private final LateRows late = new LateRows(100);
    private final LateGroups lateGroups;
    private long[] stamp = new long[16];
    private long lastWatermark = BatchContext.NO_WATERMARK;
    /** The stamp of the last batch's updated groups, and the keys it evicted (null: none): its state delta. */
    private long lastStamp = -1;
    private Batch removedKeys;
    private long version = -1;
    private StateMetrics metrics;
    /** The pane-sliced path for sliding windows, or null (per-row path). */
    private final SlicedWindows sliced;

    public AggregateOp(Operator child, Aggregate node, OutputMode mode, Set<String> watermarkedColumns) {
        this(child, node, mode, watermarkedColumns, true);
    }

    /** {@code slicing == false} keeps sliding windows on the per-row path (what tests compare the sliced one with). */
    AggregateOp(Operator child, Aggregate node, OutputMode mode, Set<String> watermarkedColumns, boolean slicing) {
        this.child = child;
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
        evictKey = ek;
        evictOffset = eoff;
        table = new GroupTable(keyTypes);
        lateGroups = new LateGroups();
        aggArgs = new Evaluator[node.aggregates().size()];
        for (int a = 0; a < aggArgs.length; a++) {
            Expr.Agg agg = (Expr.Agg) ExprTypes.unalias(node.aggregates().get(a));
            aggArgs[a] = agg.arg() == null ? null : ExprCompiler.compile(agg.arg(), in);
        }
        accs = newAccumulators();
        sliced = slicing && SlicedWindows.applies(windows, accs, evictKey, windowPos)
                ? new SlicedWindows(windows, windowPos, keyTypes, this::newAccumulators) : null;
        metrics = new StateMetrics(operatorName(), 0, 0, 0, 0, 0);
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
        return evictKey >= 0;
    }

    private static String operatorName() {
        return "stateStoreSave";
    }

    @Override
    public Schema schema() {
        return node.schema();
    }

    @Override
    public List<Operator> children() {
        return List.of(child);
    }

    @Override
    public Batch execute(BatchContext ctx) {
        Batch in = child.execute(ctx);
        lastWatermark = ctx.watermark();
        long dropped = 0;
        int[] groups;
        if (sliced != null) {
            Keys panes = sliced.paneKeys(in, windowTime, keyEvals);
            long wm = appliesWatermark(ctx) ? ctx.watermark() : BatchContext.NO_WATERMARK;
            if (wm != BatchContext.NO_WATERMARK) {
                dropped = sliced.dropLate(in, panes, ctx.batchId(), wm, lateGroups, late);
            }
            SlicedWindows.Folded f = sliced.fold(panes, argColumns(in), wm);
            groups = findOrInsert(f.keys());
            for (int a = 0; a < accs.length; a++) {
                accs[a].mergeFrom(f.partials()[a], f.panes(), groups, groups.length);
            }
        } else {
            Keys keys = keys(in);
            if (appliesWatermark(ctx)) {
                dropped = lateGroups.dropRows(in, keys, evictKey, evictOffset, ctx.batchId(), ctx.watermark(), late);
            }
            groups = findOrInsert(keys);
            Column[] args = argColumns(in);
            for (int a = 0; a < accs.length; a++) {
                accs[a].update(groups, keys.rows, keys.n, args[a]);
            }
        }
        int m = groups.length;
        long cur = ctx.batchId() + 1;
        lastStamp = cur;
        removedKeys = null;
        int updated = 0;
        for (int i = 0; i < m; i++) {
            if (stamp[groups[i]] != cur) {
                stamp[groups[i]] = cur;
                updated++;
            }
        }
        if (m > 0) {
            version = ctx.batchId();
        }
        Batch out = switch (mode) {
            case COMPLETE -> output(allGroups(), table.size());
            case UPDATE -> output(stamped(cur, updated), updated);
            case APPEND -> null;
        };
        int removed = 0;
        if (appliesWatermark(ctx)) {
            int[] expired = expiredGroups(ctx.watermark());
            removed = expired.length;
            if (mode == OutputMode.APPEND) {
                out = output(expired, expired.length);
            }
            if (removed > 0) {
                removedKeys = Batch.of(Schema.of(RawState.keyFields(keyTypes)),
                        RawState.tableKeys(table, keyTypes, expired, removed));
                evict(expired);
                version = ctx.batchId();
            }
        }
        if (out == null) {
            out = output(new int[0], 0);
        }
        metrics = new StateMetrics(operatorName(), table.size(), updated, removed, dropped, memoryBytes());
        return out;
    }

    private int[] findOrInsert(Keys keys) {
        int[] groups = new int[keys.n];
        table.findOrInsert(keys.longs, keys.objs, keys.nulls, keys.n, groups);
        ensureCapacity(table.size());
        return groups;
    }

    private Column[] argColumns(Batch in) {
        Column[] args = new Column[aggArgs.length];
        for (int a = 0; a < args.length; a++) {
            args[a] = aggArgs[a] == null ? null : aggArgs[a].eval(in);
        }
        return args;
    }

    private boolean appliesWatermark(BatchContext ctx) {
        return evictKey >= 0 && ctx.hasWatermark() && mode != OutputMode.COMPLETE;
    }

    private Keys keys(Batch in) {
        return GroupingKeys.of(in, windows, windowPos, windowTime, keyEvals, keyTypes);
    }

    private void ensureCapacity(int groups) {
        for (Accumulator a : accs) {
            a.ensureCapacity(groups);
        }
        if (groups > stamp.length) {
            stamp = java.util.Arrays.copyOf(stamp, Math.max(groups, stamp.length * 2));
        }
    }

    private int[] allGroups() {
        return RawState.all(table.size());
    }

    private int[] stamped(long cur, int count) {
        int[] g = new int[count];
        int j = 0;
        for (int i = 0; i < table.size(); i++) {
            if (stamp[i] == cur) {
                g[j++] = i;
            }
        }
        return g;
    }

    private int[] expiredGroups(long wm) {
        long[] ev = table.longKeys(evictKey);
        int count = 0;
        for (int g = 0; g < table.size(); g++) {
            if (ev[g] + evictOffset <= wm) {
                count++;
            }
        }
        int[] out = new int[count];
        int j = 0;
        for (int g = 0; g < table.size() && j < count; g++) {
            if (ev[g] + evictOffset <= wm) {
                out[j++] = g;
            }
        }
        return out;
    }

    private void evict(int[] expired) {
        int oldSize = table.size();
        int[] keep = new int[oldSize - expired.length];
        int j = 0;
        int e = 0;
        for (int g = 0; g < oldSize; g++) {
            if (e < expired.length && expired[e] == g) {
                e++;
            } else {
                keep[j++] = g;
            }
        }
        table.retain(keep, j);
        for (Accumulator a : accs) {
            a.compact(keep, j, oldSize);
        }
        for (int i = 0; i < j; i++) {
            stamp[i] = stamp[keep[i]];
        }
        java.util.Arrays.fill(stamp, j, oldSize, 0);
    }

    private Batch output(int[] groups, int n) {
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
                cols[i] = new StructColumn(s.field(i).children(), new Column[]{
                        new LongColumn(DataType.TIMESTAMP, starts, n, null),
                        new LongColumn(DataType.TIMESTAMP, ends, n, null)}, n, null);
            } else {
                cols[i] = KeyColumns.fromTable(table, i, keyTypes[i], groups, n);
            }
        }
        for (int a = 0; a < accs.length; a++) {
            cols[keyTypes.length + a] = dev.eddy.streaming.internal.expr.Casts.cast(accs[a].result(groups, n),
                    s.field(keyTypes.length + a).type());
        }
        return Batch.of(s, cols);
    }

    private long memoryBytes() {
        long per = 8;
        for (Accumulator a : accs) {
            per += a.bytesPerGroup();
        }
        return table.memoryBytes() + per * table.capacity();
    }

    @Override
    public StateMetrics metrics() {
        return metrics;
    }

    @Override
    public Batch stateRows() {
        return output(allGroups(), table.size());
    }

    @Override
    public boolean canSaveState() {
        return true;
    }

    /** Raw state: grouping keys {@code key0..}, then each accumulator's raw columns ({@link RawState}). */
    @Override
    public Batch saveState() {
        return rawState(allGroups(), table.size());
    }

    private Batch rawState(int[] groups, int n) {
        return RawState.export(RawState.keyFields(keyTypes), RawState.tableKeys(table, keyTypes, groups, n), accs,
                groups, n);
    }

    /** The groups the last batch stamped (inserted or updated, still held) and the keys it evicted. */
    @Override
    public StateDelta stateDelta() {
        int count = 0;
        for (int g = 0; g < table.size(); g++) {
            count += stamp[g] == lastStamp ? 1 : 0;
        }
        Batch removed = removedKeys != null ? removedKeys
                : Batch.of(Schema.of(RawState.keyFields(keyTypes)), RawState.tableKeys(table, keyTypes, new int[0], 0));
        return new StateDelta(keyTypes.length, rawState(stamped(lastStamp, count), count), removed, this::saveState);
    }

    @Override
    public void restoreState(Batch raw) {
        Keys k = RawState.keys(raw, keyTypes);
        int[] groups = new int[k.n];
        table.findOrInsert(k.longs, k.objs, k.nulls, k.n, groups);
        ensureCapacity(table.size());
        RawState.importAccumulators(accs, raw, keyTypes.length, groups, k.n);
    }

    @Override
    public boolean wantsNoDataBatch(long newWatermark) {
        return evictKey >= 0 && mode != OutputMode.COMPLETE && newWatermark != BatchContext.NO_WATERMARK
                && newWatermark > lastWatermark;
    }

    @Override
    public LateRows lateRows() {
        return late;
    }

    @Override
    public long stateVersion() {
        return version;
    }

    @Override
    public String describe() {
        return "StatefulAggregate " + node.groupings() + " " + node.aggregates() + " mode=" + mode
                + (evictKey >= 0 ? " (watermark evicts state)" : "");
    }
}
