package dev.eddy.streaming.api.checkpoint;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The seam where checkpoints plug in. The engine calls, on the query thread:
 * <ol>
 *   <li>{@link #queryId(UUID)} once at start: the stable id (the stored one if the checkpoint has metadata)</li>
 *   <li>{@link #lastOffsets()} and {@link #lastCommittedBatch()} once at start, to resume: if the last
 *       logged batch is not committed, it is re-run with exactly the logged offsets</li>
 *   <li>per batch N: {@link #logOffsets(OffsetLogEntry)} BEFORE reading data (a checkpoint's
 *       {@code offsets/N}); then, after the sink accepted the batch and state was updated,
 *       {@link #stateCommitted(String, long, dev.eddy.streaming.api.data.Batch)} per stateful operator
 *       (only if {@link #wantsState()}), then {@link #commitBatch(long)} ({@code commits/N})</li>
 * </ol>
 * Implementations write their own binary or text format (never Java serialization).
 */
public interface CheckpointStore {

    UUID queryId(UUID proposed);

    Optional<OffsetLogEntry> lastOffsets();

    /** The logged entry of one batch, if it is still kept. */
    Optional<OffsetLogEntry> offsetsOf(long batchId);

    OptionalLong lastCommittedBatch();

    void logOffsets(OffsetLogEntry entry);

    /** Whether {@link #stateCommitted} should be called (it costs a full state snapshot). */
    default boolean wantsState() {
        return false;
    }

    /**
     * The raw state of stateful operator {@code operatorId} (its index in the plan) after batch
     * {@code version}, as a batch the engine can read back with {@link #loadState}. Operators that cannot
     * save their state yet are skipped.
     */
    default void stateCommitted(String operatorId, long version, dev.eddy.streaming.api.data.Batch stateRows) {
    }

    /** The raw state saved for an operator at a version (the last committed batch), if any. */
    default Optional<dev.eddy.streaming.api.data.Batch> loadState(String operatorId, long version) {
        return Optional.empty();
    }

    void commitBatch(long batchId);

    /** A store that remembers nothing (queries without a checkpoint location). */
    static CheckpointStore none() {
        return new InMemoryCheckpointStore(false);
    }
}
