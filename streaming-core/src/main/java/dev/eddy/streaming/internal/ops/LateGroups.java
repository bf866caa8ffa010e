package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.internal.state.Keys;
import dev.eddy.streaming.internal.state.LateRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Distinct (window, key) groups among one batch's late rows (the slow path: late rows are rare), and their dropping. */
final class LateGroups {
    private final Set<List<Object>> seen = new HashSet<>();

    /**
     * Removes the late rows of an aggregation's keys (key column {@code evictKey} + {@code evictOffset} at or before
     * the watermark), recording each in {@code late}; returns the number of distinct late (window, key) groups.
     */
    long dropRows(Batch in, Keys k, int evictKey, long evictOffset, long batchId, long wm, LateRows late) {
        long[] ev = k.longs[evictKey];
        int lateCount = 0;
        for (int i = 0; i < k.n; i++) {
            if (ev[i] + evictOffset <= wm) {
                lateCount++;
            }
        }
        if (lateCount == 0) {
            return 0;
        }
        clear();
        int[] keep = new int[k.n - lateCount];
        int m = 0;
        for (int i = 0; i < k.n; i++) {
            if (ev[i] + evictOffset <= wm) {
                int r = k.rows == null ? i : k.rows[i];
                add(k, i);
                late.add(new LateRows.Dropped(batchId, in.row(r).copy(), ev[i] + evictOffset, wm));
            } else {
                keep[m++] = i;
            }
        }
        k.retain(keep, m);
        return size();
    }

    void clear() {
        seen.clear();
    }

    void add(Keys k, int i) {
        add(k, i, -1, 0);
    }

    /** Adds key row i of k, with key column {@code windowPos} (if not -1) replaced by {@code windowStart}. */
    void add(Keys k, int i, int windowPos, long windowStart) {
        List<Object> key = new ArrayList<>();
        for (int c = 0; c < k.longs.length; c++) {
            boolean isNull = k.nulls[c] != null && k.nulls[c][i];
            key.add(
                    c == windowPos
                            ? (Object) windowStart
                            : isNull ? null : k.longs[c] != null ? (Object) k.longs[c][i] : k.objs[c][i]);
        }
        seen.add(key);
    }

    int size() {
        return seen.size();
    }
}
