package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.ops.agg.Accumulator;
import dev.eddy.streaming.internal.state.GroupTable;
import dev.eddy.streaming.internal.state.Keys;
import dev.eddy.streaming.internal.state.LateRows;
import dev.eddy.streaming.internal.window.WindowAssigner;
import java.util.function.Supplier;

/**
 * The sliding-window path of {@link AggregateOp}: a batch's rows are first aggregated per (pane, key), a pane being
 * gcd(size, slide) long, and then each pane's partial state is folded into the windows covering it. The (window, key)
 * state table is probed once per window per distinct (pane, key) of the batch instead of once per window per row,
 * which is where sliding windows spent their time (the table is far larger than the CPU caches).
 *
 * <p>The result is exactly the per-row one, so state, checkpoints and output stay as they were: the same (window,
 * key) groups, inserted in the same order (panes are visited in the order of their first row, and all rows of a pane
 * fall into the same windows, latest first), and the same values, which is why only accumulators that
 * {@link Accumulator#mergesExactly merge exactly} may take this path.
 */
final class SlicedWindows {
    private final WindowAssigner windows;
    private final WindowAssigner panes;
    private final int windowPos;
    private final DataType[] keyTypes;
    private final Supplier<Accumulator[]> newPartials;

    SlicedWindows(WindowAssigner windows, int windowPos, DataType[] keyTypes, Supplier<Accumulator[]> newPartials) {
        this.windows = windows;
        this.panes = WindowAssigner.of(windows.paneSize(), windows.paneSize(), windows.offset());
        this.windowPos = windowPos;
        this.keyTypes = keyTypes;
        this.newPartials = newPartials;
    }

    /**
     * Whether a sliding aggregation can take this path: every accumulator merges exactly, and lateness (if a
     * watermark applies) is decided by the window itself, so all rows of a pane are late for the same windows.
     */
    static boolean applies(WindowAssigner windows, Accumulator[] accs, int evictKey, int windowPos) {
        if (windows == null || windows.isTumbling() || (evictKey >= 0 && evictKey != windowPos)) {
            return false;
        }
        for (Accumulator a : accs) {
            if (!a.mergesExactly()) {
                return false;
            }
        }
        return true;
    }

    /** The (window, key) rows of a batch: {@code keys} row i takes pane {@code panes[i]} of {@code partials}. */
    record Folded(Keys keys, int[] panes, Accumulator[] partials) {}

    /** The rows' (pane, key) keys; rows with a null time have no pane (as they have no window). */
    Keys paneKeys(Batch in, Evaluator windowTime, Evaluator[] keyEvals) {
        return GroupingKeys.of(in, panes, windowPos, windowTime, keyEvals, keyTypes);
    }

    /** True if some window of pane p ends at or before the watermark (every window end is at least p + pane). */
    private boolean mayBeLate(long p, long wm) {
        return wm != BatchContext.NO_WATERMARK && p + panes.size() <= wm;
    }

    /**
     * Records the late (window, key) rows of the batch as the per-row path does, in the same order (row by row,
     * latest window first); returns how many distinct (window, key) groups were late.
     */
    long dropLate(Batch in, Keys pk, long batchId, long wm, LateGroups lateGroups, LateRows late) {
        long[] p = pk.longs[windowPos];
        long[] starts = new long[windows.maxWindowsPerTime()];
        boolean any = false;
        for (int i = 0; i < pk.n; i++) {
            if (!mayBeLate(p[i], wm)) {
                continue;
            }
            int c = windows.assign(p[i], starts, 0);
            for (int j = 0; j < c; j++) {
                long end = starts[j] + windows.size();
                if (end <= wm) {
                    if (!any) {
                        lateGroups.clear();
                        any = true;
                    }
                    int r = pk.rows == null ? i : pk.rows[i];
                    lateGroups.add(pk, i, windowPos, starts[j]);
                    late.add(new LateRows.Dropped(batchId, in.row(r).copy(), end, wm));
                }
            }
        }
        return any ? lateGroups.size() : 0;
    }

    /**
     * Aggregates the batch per (pane, key) into fresh partial accumulators, then lists each pane's windows that are
     * not late ({@code wm} is the watermark that applies, or {@link BatchContext#NO_WATERMARK}).
     */
    Folded fold(Keys pk, Column[] args, long wm) {
        GroupTable paneTable = new GroupTable(keyTypes);
        int[] paneIds = new int[pk.n];
        paneTable.findOrInsert(pk.longs, pk.objs, pk.nulls, pk.n, paneIds);
        Accumulator[] partials = newPartials.get();
        for (int a = 0; a < partials.length; a++) {
            partials[a].ensureCapacity(paneTable.size());
            partials[a].update(paneIds, pk.rows, pk.n, args[a]);
        }
        return windowKeys(paneTable, wm, partials);
    }

    /** One key row per (pane, window of the pane that is not late), panes in table order, windows latest first. */
    private Folded windowKeys(GroupTable paneTable, long wm, Accumulator[] partials) {
        int np = paneTable.size();
        int per = windows.maxWindowsPerTime();
        long[] paneStarts = paneTable.longKeys(windowPos);
        long[] starts = new long[np * per];
        int[] from = new int[np * per];
        int m = 0;
        for (int e = 0; e < np; e++) {
            int c = windows.assign(paneStarts[e], starts, m);
            if (mayBeLate(paneStarts[e], wm)) {
                int kept = 0;
                for (int j = 0; j < c; j++) {
                    if (starts[m + j] + windows.size() > wm) {
                        starts[m + kept++] = starts[m + j];
                    }
                }
                c = kept;
            }
            for (int j = 0; j < c; j++) {
                from[m + j] = e;
            }
            m += c;
        }
        Keys k = new Keys(keyTypes.length);
        k.n = m;
        k.longs[windowPos] = starts;
        for (int i = 0; i < keyTypes.length; i++) {
            if (i != windowPos) {
                gatherKey(paneTable, i, from, m, k);
            }
        }
        return new Folded(k, from, partials);
    }

    private void gatherKey(GroupTable paneTable, int col, int[] from, int m, Keys k) {
        if (keyTypes[col] == DataType.STRING) {
            Object[] o = new Object[m];
            for (int i = 0; i < m; i++) {
                o[i] = paneTable.objectKey(col, from[i]);
            }
            k.objs[col] = o;
        } else {
            long[] src = paneTable.longKeys(col);
            long[] o = new long[m];
            for (int i = 0; i < m; i++) {
                o[i] = src[from[i]];
            }
            k.longs[col] = o;
        }
        boolean[] nulls = null;
        for (int i = 0; i < m; i++) {
            if (paneTable.isNullKey(col, from[i])) {
                if (nulls == null) {
                    nulls = new boolean[m];
                }
                nulls[i] = true;
            }
        }
        k.nulls[col] = nulls;
    }
}
