package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryListener;
import dev.eddy.streaming.api.progress.QueryProgress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A session's queries and listeners; thread-safe. */
public final class QueryRegistry {
    private final Map<UUID, StreamingQuery> active = new ConcurrentHashMap<>();
    private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
    private final Object terminationMonitor = new Object();
    private int terminations;

    public synchronized void register(StreamingQuery q) {
        for (StreamingQuery other : active.values()) {
            if (q.name() != null && q.name().equals(other.name())) {
                throw new IllegalStateException("Cannot start query with name " + q.name()
                        + " as a query with that name is already active");
            }
            if (other.id().equals(q.id())) {
                throw new IllegalStateException("Cannot start query with id " + q.id()
                        + " as another query with the same id (same checkpoint) is already active");
            }
        }
        active.put(q.id(), q);
    }

    public void unregister(StreamingQuery q) {
        active.remove(q.id(), q);
        synchronized (terminationMonitor) {
            terminations++;
            terminationMonitor.notifyAll();
        }
    }

    public List<StreamingQuery> active() {
        return new ArrayList<>(active.values());
    }

    public void addListener(StreamingQueryListener l) {
        listeners.add(l);
    }

    public void removeListener(StreamingQueryListener l) {
        listeners.remove(l);
    }

    /** Calls every listener, ignoring their exceptions (a listener never fails a query). */
    public void fire(Consumer<StreamingQueryListener> event) {
        for (StreamingQueryListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                // listeners are user code; their failure must not stop the query
            }
        }
    }

    public void progress(QueryProgress p) {
        fire(l -> l.onQueryProgress(p));
    }

    /** Waits until any query terminates after this call, or the timeout; true if one did. */
    public boolean awaitAnyTermination(long timeoutMillis) throws InterruptedException {
        synchronized (terminationMonitor) {
            int seen = terminations;
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (terminations == seen) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                terminationMonitor.wait(left);
            }
            return true;
        }
    }
}
