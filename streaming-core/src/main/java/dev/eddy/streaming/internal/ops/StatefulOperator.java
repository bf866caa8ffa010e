package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.internal.state.StateStore;

/**
 * An operator that keeps state across batches in its {@link StateStore}: the store holds the table, versions,
 * checkpoint writing and restore, eviction and metrics; the operator computes. Besides the {@link Operator} calls,
 * the query thread may call the methods below between batches (never during a batch).
 */
public interface StatefulOperator extends Operator {

    /** This operator's state store (one per operator). */
    StateStore store();

    /** A snapshot of all current state rows in the operator's output form (an independent immutable batch). */
    Batch stateRows();

    /** True if a batch without new data would do work under {@code newWatermark} (evict, emit, time out). */
    boolean wantsNoDataBatch(long newWatermark);

    /**
     * The watermark this operator hands to the operators above it, given its input watermark (Spark's
     * produceOutputWatermark): no row it emits later has an event time below it. Most operators evict by their input
     * watermark and hand it on; {@link BatchContext#NO_WATERMARK} says its output carries no event time.
     */
    default long outputWatermark(long inputWatermark) {
        return inputWatermark;
    }
}
