package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;

/**
 * A streaming sink, created per query run by a {@link SinkProvider}.
 *
 * <p>Threading: every method is called from the query's single thread. Call order:
 * {@code addBatch} once per batch id in increasing order (ids may skip numbers: a trigger with no output
 * still uses its id), then {@link #stop()} once.
 *
 * <p>Meaning of a batch by output mode: APPEND - new rows to add; UPDATE - changed rows, to upsert by
 * {@link SinkContext#keyColumns()} (append them if the sink cannot upsert); COMPLETE - the whole result
 * table, replacing everything the sink had.
 *
 * <p>Idempotence: after a restart the engine may call {@code addBatch} again with a batch id the sink has
 * already seen (the batch was written but its commit was not logged). A sink that can should remember the
 * last batch id it committed and ignore repeats; that makes the query exactly-once end to end.
 */
public interface Sink {

    /** Writes one batch. Throwing fails the query with that exception. */
    void addBatch(long batchId, Batch batch, OutputMode mode);

    /** Flushes and releases resources. Called once; must not throw. */
    default void stop() {}

    /**
     * A human-readable status while {@code addBatch} waits for an external system (e.g. "waiting for broker at
     * localhost:9092 (batch 3)"); empty when all is well. Called from any thread.
     */
    default String status() {
        return "";
    }

    /**
     * Called from another thread when the query is being stopped: a sink waiting for an external system should
     * stop waiting and throw a {@link java.util.concurrent.CancellationException}. Must not throw.
     */
    default void cancel() {}

    /** A short description for progress reports, e.g. {@code FileSink[/tmp/out]}. */
    String description();
}
