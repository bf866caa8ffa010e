package dev.eddy.streaming.api;

import dev.eddy.streaming.api.progress.QueryProgress;
import java.util.UUID;

/**
 * Receives query lifecycle events. Called on the query's thread: return quickly; an exception thrown here
 * is caught and ignored (it never fails the query).
 */
public interface StreamingQueryListener {

    record QueryStartedEvent(UUID id, UUID runId, String name, String timestamp) {}

    record QueryIdleEvent(UUID id, UUID runId, String timestamp) {}

    record QueryTerminatedEvent(UUID id, UUID runId, String exception) {}

    default void onQueryStarted(QueryStartedEvent event) {}

    default void onQueryProgress(QueryProgress progress) {}

    default void onQueryIdle(QueryIdleEvent event) {}

    default void onQueryTerminated(QueryTerminatedEvent event) {}
}
