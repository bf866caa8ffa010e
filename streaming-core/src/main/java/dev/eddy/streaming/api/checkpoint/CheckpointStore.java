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
 *       {@link #stateChanged(String, long, StateDelta)} (or, for an operator that does not track its changes,
 *       {@link #stateCommitted(String, long, dev.eddy.streaming.api.data.Batch)}) per stateful operator
 *       (only if {@link #wantsState()}), then {@link #commitBatch(long, long)} ({@code commits/N})</li>
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

    /** Whether {@link #stateCommitted} should be called (it costs a state file per operator and batch). */
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

    /**
     * What batch {@code version} changed in stateful operator {@code operatorId}'s raw state (operators that track
     * their changes call this instead of {@link #stateCommitted}). A store that keeps only full states (the default)
     * saves {@link StateDelta#fullState()}; a file store writes the delta and, every few versions, a snapshot.
     */
    default void stateChanged(String operatorId, long version, StateDelta delta) {
        stateCommitted(operatorId, version, delta.fullState().get());
    }

    /** The raw state saved for an operator at a version (the last committed batch), if any. */
    default Optional<dev.eddy.streaming.api.data.Batch> loadState(String operatorId, long version) {
        return Optional.empty();
    }

    void commitBatch(long batchId);

    /** Commits batch {@code batchId}, recording the watermark the next batch uses (Spark's commit metadata). */
    default void commitBatch(long batchId, long nextWatermarkMicros) {
        commitBatch(batchId);
    }

    /** The watermark recorded when {@code batchId} was committed, if known. */
    default OptionalLong watermarkAfter(long batchId) {
        return OptionalLong.empty();
    }

    /**
     * Called once at start, before resuming, with a description of each stateful operator (plan order) and the
     * number of sources. A store that remembers an earlier plan throws {@link IllegalStateException} naming what
     * changed if this plan cannot use the stored offsets and state.
     */
    default void checkPlan(java.util.List<String> statefulOperators, int numSources) {
    }

    /** A store that remembers nothing (queries without a checkpoint location). */
    static CheckpointStore none() {
        return new InMemoryCheckpointStore(false);
    }
}
