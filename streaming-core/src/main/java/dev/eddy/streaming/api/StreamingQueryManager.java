package dev.eddy.streaming.api;

import dev.eddy.streaming.internal.exec.QueryRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Lists, finds and stops a session's active queries; takes listeners. Thread-safe. */
public final class StreamingQueryManager {
    private final QueryRegistry registry;

    StreamingQueryManager(QueryRegistry registry) {
        this.registry = registry;
    }

    public List<StreamingQuery> active() {
        return registry.active();
    }

    public Optional<StreamingQuery> get(UUID id) {
        return registry.active().stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public Optional<StreamingQuery> get(String name) {
        return registry.active().stream().filter(q -> name.equals(q.name())).findFirst();
    }

    /**
     * Every query started in this session, active or ended (stopped, finished or failed), oldest first, until
     * {@link #forget} drops it: the latest run under each name. Spark's {@code active} lists only running ones;
     * this keeps a failed query's error and last batch in view.
     */
    public List<StreamingQuery> all() {
        return registry.all();
    }

    /** The latest run of the named query, active or ended (unlike {@link #get(String)}, which is active only). */
    public Optional<StreamingQuery> find(String name) {
        return registry.latest(name);
    }

    /**
     * Drops an ended query from {@link #all()} and {@link #find}; it can still be {@link #restart}ed. False if
     * there is no query by that name.
     *
     * @throws IllegalStateException if the query is still active
     */
    public boolean forget(String name) {
        return registry.forget(name);
    }

    /** Drops every ended query from {@link #all()}; returns how many. */
    public int forgetEnded() {
        return registry.forgetEnded();
    }

    /**
     * Stops the named query (if it is still active) and starts it again as it was last started in this session:
     * same plan, sink, trigger and checkpoint. With a checkpoint it resumes where the checkpoint says, with its
     * id and state; without one it starts fresh (new id, empty state). Works for stopped and failed queries too.
     *
     * @throws IllegalArgumentException if no query of that name was started in this session
     */
    public StreamingQuery restart(String name) {
        return registry.restart(name);
    }

    /** Whether the named query was started with a checkpoint, so a {@link #restart} keeps its state. */
    public boolean hasCheckpoint(String name) {
        return registry.spec(name)
                .map(s -> s.checkpointLocation() != null || s.checkpointStore() != null)
                .orElse(false);
    }

    /** The checkpoint directory the named query was last started with, if it has one (a file checkpoint). */
    public Optional<String> checkpointLocation(String name) {
        return registry.spec(name).map(s -> s.checkpointLocation());
    }

    /** Names of the queries this session can {@link #restart}, active or not. */
    public Set<String> restartable() {
        return registry.restartableNames();
    }

    /** Stops every active query. */
    public void stopAll() {
        for (StreamingQuery q : registry.active()) {
            q.stop();
        }
    }

    public void addListener(StreamingQueryListener l) {
        registry.addListener(l);
    }

    public void removeListener(StreamingQueryListener l) {
        registry.removeListener(l);
    }

    /** Waits until some query terminates (after this call) or the timeout passes; true if one did. */
    public boolean awaitAnyTermination(long timeoutMillis) throws InterruptedException {
        return registry.awaitAnyTermination(timeoutMillis);
    }
}
