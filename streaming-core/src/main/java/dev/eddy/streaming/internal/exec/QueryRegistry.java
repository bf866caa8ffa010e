package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryListener;
import dev.eddy.streaming.api.progress.QueryProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A session's queries and listeners; thread-safe. */
public final class QueryRegistry {
    /** How many ended queries stay listed (oldest first out) until forgotten: the latest run of each name. */
    static final int MAX_ENDED = 200;

    private final Map<UUID, StreamingQuery> active = new ConcurrentHashMap<>();
    /**
     * Every query started, active or ended, until {@link #forget}: the latest run under each name (unnamed ones by
     * run id), in start order. Guarded by this.
     */
    private final LinkedHashMap<String, StreamingQuery> started = new LinkedHashMap<>();
    /**
     * How each named query was last started: what a restart needs (plan, sink, trigger, checkpoint), oldest first.
     * Bounded like the ended queries: beyond {@link #MAX_ENDED} the oldest spec of a query not active is dropped.
     * Guarded by this.
     */
    private final LinkedHashMap<String, QuerySpec> specs = new LinkedHashMap<>();

    private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
    private final Object terminationMonitor = new Object();
    private int terminations;

    public synchronized void register(StreamingQuery q) {
        for (StreamingQuery other : active.values()) {
            if (q.name() != null && q.name().equals(other.name())) {
                // a cell run again, or re-run after an interrupt left its query running: say how to go on
                throw new IllegalStateException("Cannot start query with name " + q.name()
                        + " as a query with that name is already active: stop it first (%stream stop " + q.name()
                        + ", or stop() on its handle), or call .replace() on the writer, which stops it and takes the"
                        + " name");
            }
            if (other.id().equals(q.id())) {
                String by = other.name() != null ? "'" + other.name() + "'" : "run " + other.runId();
                throw new IllegalStateException("Cannot start query with id " + q.id()
                        + " as another query with the same id (same checkpoint) is already active: " + by
                        + "; stop it first" + (other.name() != null ? " (%stream stop " + other.name() + ")" : "")
                        + ", or give this query another checkpoint location");
            }
        }
        active.put(q.id(), q);
        String key = key(q);
        started.remove(key);
        started.put(key, q);
        trimEnded();
    }

    private static String key(StreamingQuery q) {
        return q.name() != null ? "name:" + q.name() : "run:" + q.runId();
    }

    private void trimEnded() {
        long ended = started.values().stream().filter(q -> !q.isActive()).count();
        var it = started.values().iterator();
        while (ended > MAX_ENDED && it.hasNext()) {
            if (!it.next().isActive()) {
                it.remove();
                ended--;
            }
        }
    }

    /** Every query started in this session and not forgotten, active or ended, oldest first. */
    public synchronized List<StreamingQuery> all() {
        return new ArrayList<>(started.values());
    }

    /** The latest run of the named query, active or ended (unless forgotten). */
    public synchronized Optional<StreamingQuery> latest(String name) {
        return Optional.ofNullable(started.get("name:" + name));
    }

    /**
     * Drops an ended query from {@link #all()} (its restart spec stays). False if there is none by that name.
     *
     * @throws IllegalStateException if the query is still active
     */
    public synchronized boolean forget(String name) {
        StreamingQuery q = started.get("name:" + name);
        if (q == null) {
            return false;
        }
        if (q.isActive()) {
            throw new IllegalStateException("Query '" + name + "' is still active: stop it first");
        }
        started.remove("name:" + name);
        return true;
    }

    /** Drops every ended query from {@link #all()}; returns how many. */
    public synchronized int forgetEnded() {
        int before = started.size();
        started.values().removeIf(q -> !q.isActive());
        return before - started.size();
    }

    /**
     * Stops the active query named {@code name}, if there is one, so a new run can take the name; its status
     * afterwards says {@code note} (what replaced it). Returns the stopped query, or null.
     */
    public StreamingQuery stopForReplacement(String name, String note) {
        StreamingQuery old =
                active().stream().filter(q -> name.equals(q.name())).findFirst().orElse(null);
        if (old instanceof QueryRunner r) {
            r.stopReplaced(note);
        } else if (old != null) {
            old.stop();
        }
        return old;
    }

    public void unregister(StreamingQuery q) {
        active.remove(q.id(), q);
        synchronized (terminationMonitor) {
            terminations++;
            terminationMonitor.notifyAll();
        }
    }

    synchronized void remember(QuerySpec spec) {
        if (spec.queryName() == null) {
            return;
        }
        specs.remove(spec.queryName());
        specs.put(spec.queryName(), spec);
        var it = specs.keySet().iterator();
        for (int over = specs.size() - MAX_ENDED; over > 0 && it.hasNext(); ) {
            String name = it.next();
            if (active.values().stream().noneMatch(q -> name.equals(q.name()))) {
                it.remove();
                over--;
            }
        }
    }

    public synchronized Set<String> restartableNames() {
        return new TreeSet<>(specs.keySet());
    }

    /** The spec the named query was last started with, active or not. */
    public synchronized Optional<QuerySpec> spec(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    /**
     * Ends the session's bookkeeping (its owner shuts down): stops every active query, then forgets every query and
     * restart spec. Returns how many queries it stopped.
     */
    public int shutdown() {
        int stopped = 0;
        for (StreamingQuery q : active()) {
            try {
                q.stop();
                stopped++;
            } catch (RuntimeException e) {
                // one query failing to stop must not keep the others running
            }
        }
        synchronized (this) {
            started.clear();
            specs.clear();
        }
        return stopped;
    }

    /**
     * Stops the named query if it is active and starts it again from the same spec: with a checkpoint it resumes
     * where the checkpoint says (same id, its state kept); without one it starts fresh.
     */
    public StreamingQuery restart(String name) {
        QuerySpec spec = spec(name)
                .orElseThrow(() ->
                        new IllegalArgumentException("No query named '" + name + "' was started in this session"));
        active().stream().filter(q -> name.equals(q.name())).forEach(StreamingQuery::stop);
        return QueryFactory.start(spec, this);
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
