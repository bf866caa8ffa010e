package dev.eddy.streaming.internal.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Distinct (window, key) groups among one batch's late rows: the slow path, late rows are rare. */
final class LateGroups {
    private final Set<List<Object>> seen = new HashSet<>();

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
            key.add(c == windowPos ? (Object) windowStart
                    : isNull ? null : k.longs[c] != null ? (Object) k.longs[c][i] : k.objs[c][i]);
        }
        seen.add(key);
    }

    int size() {
        return seen.size();
    }
}
