package dev.eddy.streaming.api;

import dev.eddy.streaming.internal.exec.QueryRegistry;

import java.util.List;
import java.util.Optional;
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
