package dev.eddy.streaming.api.checkpoint;

import dev.eddy.streaming.api.data.Batch;
import java.util.Optional;

/**
 * Where one stateful operator's state store keeps its versions; a {@link CheckpointStore} hands one out per
 * operator ({@link CheckpointStore#stateStorage}). The engine calls it on the query thread: {@link #read} once at
 * start (the last committed version), then {@link #write} once per batch, after the sink accepted the batch and
 * before the batch commits.
 */
public interface StateStorage {
    /** Storage that keeps nothing (a query without a checkpoint). */
    StateStorage NONE = new StateStorage() {
        @Override
        public boolean keepsState() {
            return false;
        }

        @Override
        public void write(long version, StateDelta delta) {}

        @Override
        public Optional<Batch> read(long version) {
            return Optional.empty();
        }
    };

    /** Whether {@link #write} keeps anything (a state store skips building deltas for storage that does not). */
    boolean keepsState();

    /**
     * Saves what batch {@code version} changed. Storage that keeps only full states saves
     * {@link StateDelta#fullState()}; a file store writes the delta and, every few versions, a snapshot.
     */
    void write(long version, StateDelta delta);

    /** The raw state saved as of {@code version} (the last committed batch), if any. */
    Optional<Batch> read(long version);
}
