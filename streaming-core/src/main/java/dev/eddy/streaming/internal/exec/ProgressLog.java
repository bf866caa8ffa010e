package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.progress.QueryProgress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/** The recent progress reports of one query: written by its thread, read anywhere. */
public final class ProgressLog {
    private final int capacity;
    private final ArrayDeque<QueryProgress> recent = new ArrayDeque<>();
    private final Consumer<QueryProgress> listener;
    private volatile QueryProgress last;

    public ProgressLog(int capacity, Consumer<QueryProgress> listener) {
        this.capacity = capacity;
        this.listener = listener;
    }

    void add(QueryProgress p) {
        synchronized (recent) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(p);
        }
        last = p;
        listener.accept(p);
    }

    public QueryProgress last() {
        return last;
    }

    public List<QueryProgress> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
