package dev.eddy.streaming.api.checkpoint;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A query's checkpoint: the log (metadata, offsets, commits) plus one {@link StateStorage} per stateful operator.
 * The engine calls, on the query thread:
 * <ol>
 *   <li>{@link #queryId(UUID)} and {@link #checkPlan} once at start (the metadata), then {@link #lastOffsets()} and
 *       {@link #lastCommittedBatch()} to resume: if the last logged batch is not committed, it is re-run with
 *       exactly the logged offsets; each stateful operator's state store reads its {@link #stateStorage}</li>
 *   <li>per batch N: {@link #logOffsets(OffsetLogEntry)} BEFORE reading data (a checkpoint's {@code offsets/N});
 *       then, after the sink accepted the batch, each state store writes what N changed to its storage; then
 *       {@link #commitBatch(long, long)} ({@code commits/N})</li>
 * </ol>
 * Implementations write their own binary or text format (never Java serialization).
 */
public interface CheckpointStore {

    UUID queryId(UUID proposed);

    /**
     * Called once at start, before resuming, with a description of each stateful operator (plan order) and the
     * number of sources. A store that remembers an earlier plan throws {@link IllegalStateException} naming what
     * changed if this plan cannot use the stored offsets and state; a new checkpoint records the plan.
     */
    void checkPlan(List<String> statefulOperators, int numSources);

    Optional<OffsetLogEntry> lastOffsets();

    /** The logged entry of one batch, if it is still kept. */
    Optional<OffsetLogEntry> offsetsOf(long batchId);

    OptionalLong lastCommittedBatch();

    void logOffsets(OffsetLogEntry entry);

    /** Commits batch {@code batchId}, recording the watermark the next batch uses (Spark's commit metadata). */
    void commitBatch(long batchId, long nextWatermarkMicros);

    /** The watermark recorded when {@code batchId} was committed, if known. */
    OptionalLong watermarkAfter(long batchId);

    /**
     * Where stateful operator {@code operatorId} (its index among the plan's stateful operators) keeps its state
     * versions; {@link StateStorage#NONE} if this checkpoint keeps no state.
     */
    StateStorage stateStorage(String operatorId);

    /** A store that remembers nothing (queries without a checkpoint location). */
    static CheckpointStore none() {
        return new InMemoryCheckpointStore(false);
    }
}
