package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.internal.state.GroupValues;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The accumulator slots of session windows: an id per open session, reused once its session is gone, and a
 * union-find from merged-away ids to the session they were merged into (valid until {@link #releaseUnused}).
 */
final class SessionIds {
    private final GroupValues[] values;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private int next;
    private int[] parent = new int[16];
    private boolean[] isFree = new boolean[16];

    SessionIds(GroupValues[] values) {
        this.values = values;
    }

    int newId() {
        int id;
        if (!free.isEmpty()) {
            id = free.poll();
            isFree[id] = false;
        } else {
            id = next++;
            for (GroupValues v : values) {
                v.ensureCapacity(next);
            }
            if (next > parent.length) {
                parent = Arrays.copyOf(parent, parent.length * 2);
                isFree = Arrays.copyOf(isFree, parent.length);
            }
        }
        parent[id] = id;
        return id;
    }

    /** Records that session {@code from} was merged into {@code into}. */
    void mergedInto(int from, int into) {
        parent[from] = into;
    }

    /** The session id {@code id} ended up in after merges. */
    int find(int id) {
        while (parent[id] != id) {
            id = parent[id];
        }
        return id;
    }

    /** Frees every id no open session uses (merged-away and evicted sessions), after output is built. */
    void releaseUnused(Collection<List<Session>> open) {
        boolean[] used = new boolean[next];
        for (List<Session> l : open) {
            for (Session s : l) {
                used[s.id] = true;
            }
        }
        for (int id = 0; id < next; id++) {
            if (!used[id] && !isFree[id]) {
                for (GroupValues v : values) {
                    v.reset(id);
                }
                parent[id] = id;
                isFree[id] = true;
                free.add(id);
            }
        }
    }
}
