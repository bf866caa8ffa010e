package dev.eddy.sql.api.engine;

import dev.eddy.streaming.api.StreamingQuery;
import tech.tablesaw.api.Table;

/** A query running on a remote engine: Eddy's query handle for it, and its current result table. */
public interface RemoteRun {
    /** The handle (progress in Spark's field names, stop, await, explain) that live views and %stream use. */
    StreamingQuery query();

    /** The result as the embedded engine's memory table would hold it (null if the sink is not a memory table). */
    Table result();

    /** "on spark sc://host:15002 (4.2.0)". */
    String label();

    /** Calls {@code listener} (on a client thread; it must only queue work) after each batch and at the end. */
    void onChange(Runnable listener);
}
