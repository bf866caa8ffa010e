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

    /**
     * Writes all state (checkpoints), in a format only {@link #readState} needs to understand. Operators that
     * cannot be checkpointed yet say so, so that a checkpointed query fails at its first batch instead of
     * silently losing state on restart.
     */
    default void writeState(java.io.DataOutputStream out) throws java.io.IOException {
        throw new UnsupportedOperationException("checkpointing the state of " + describe() + " is not supported yet");
    }

    /** Replaces all state by what {@link #writeState} wrote; called once before the first batch of a restart. */
    default void readState(java.io.DataInputStream in) throws java.io.IOException {
        throw new UnsupportedOperationException("restoring the state of " + describe() + " is not supported yet");
    }
}
