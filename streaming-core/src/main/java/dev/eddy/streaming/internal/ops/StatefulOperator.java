package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;

/**
 * An operator that keeps state across batches. Besides the {@link Operator} calls, the query thread may
 * call the methods below between batches (never during {@code execute}).
 */
public interface StatefulOperator extends Operator {

    /** Figures of the last executed batch. */
    StateMetrics metrics();

    /** A snapshot of all current state rows (an independent immutable batch). */
    Batch stateRows();

    /** True if a batch without new data would do work under {@code newWatermark} (evict, emit, time out). */
    boolean wantsNoDataBatch(long newWatermark);

    /** Rows this operator dropped as too late. */
    LateRows lateRows();

    /** The state version: the id of the last batch that changed it (checkpoints store state per version). */
    long stateVersion();
}
