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
     * The raw state for a checkpoint (what {@link #restoreState} reads back), or null if this operator
     * cannot save its state yet.
     */
    default Batch saveState() {
        return null;
    }

    /**
     * What the last executed batch changed in the raw state (the groups it inserted, updated or removed; a
     * checkpoint writes it as a delta), or null if this operator does not track its changes. Its
     * {@code fullState} is {@link #saveState}.
     */
    default dev.eddy.streaming.api.checkpoint.StateDelta stateDelta() {
        return null;
    }

    /** True if {@link #saveState} and {@link #restoreState} work for this operator. */
    default boolean canSaveState() {
        return false;
    }

    /** Replaces the state with a batch {@link #saveState} made. Called once, before the first batch. */
    default void restoreState(Batch raw) {
        throw new UnsupportedOperationException(describe() + " cannot restore its state from a checkpoint yet");
    }
}
