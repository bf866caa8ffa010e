package dev.eddy.streaming.api;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.QueryStatus;
import dev.eddy.streaming.internal.table.Tables;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tech.tablesaw.api.Table;

/**
 * A handle to a running query. The query runs on its own thread, which owns its state; every method
 * here is safe from any thread and returns immutable snapshots.
 */
public interface StreamingQuery {

    /** Stable across restarts from the same checkpoint. */
    UUID id();

    /** New for every start. */
    UUID runId();

    /** The query name, or null. */
    String name();

    QueryState state();

    QueryStatus status();

    boolean isActive();

    /** The last batch's progress, or null before the first batch. */
    QueryProgress lastProgress();

    List<QueryProgress> recentProgress();

    /** Waits for the query to stop; throws StreamingQueryException if it failed. */
    void awaitTermination() throws InterruptedException;

    /** Waits at most {@code timeoutMillis}; true if terminated. */
    boolean awaitTermination(long timeoutMillis) throws InterruptedException;

    /** Blocks until all data available now has been processed (for tests and notebooks). */
    void processAllAvailable() throws InterruptedException;

    /** Stops the query and waits for its thread to finish. */
    void stop();

    /** The exception that failed the query. */
    Optional<StreamingQueryException> exception();

    /** The logical and physical plans as text. */
    String explain();

    // ---- for learners: what happened inside ----

    /** The current event-time watermark, if the query has one. */
    Optional<Instant> watermark();

    /** Rows dropped as late so far (count) and a bounded sample of them, per stateful operator. */
    LateRowsReport lateRows();

    /** Rows skipped because a lambda with RowErrorPolicy.CONTINUE threw on them. */
    ErrorRowsReport errorRows();

    /** A snapshot of a stateful operator's state rows (0 = first stateful operator in the plan). */
    Batch stateRows(int statefulOperatorIndex) throws InterruptedException;

    /** {@link #stateRows} as a Tablesaw table (for display). */
    default Table stateTable(int statefulOperatorIndex) throws InterruptedException {
        return Tables.toTable("state", stateRows(statefulOperatorIndex));
    }
}
