package dev.eddy.streaming.checkpoint;

import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.checkpoint.StateStorage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Test support: a checkpoint store that hands every call to {@code inner}. Crash and kill-point wrappers extend it
 * and override only the calls they interfere with, so none of them silently drops a call the engine relies on
 * (state deltas, watermarks, the plan check).
 */
public abstract class ForwardingCheckpointStore implements CheckpointStore {
    private final CheckpointStore inner;

    protected ForwardingCheckpointStore(CheckpointStore inner) {
        this.inner = inner;
    }

    @Override
    public UUID queryId(UUID proposed) {
        return inner.queryId(proposed);
    }

    @Override
    public Optional<OffsetLogEntry> lastOffsets() {
        return inner.lastOffsets();
    }

    @Override
    public Optional<OffsetLogEntry> offsetsOf(long batchId) {
        return inner.offsetsOf(batchId);
    }

    @Override
    public OptionalLong lastCommittedBatch() {
        return inner.lastCommittedBatch();
    }

    @Override
    public void logOffsets(OffsetLogEntry entry) {
        inner.logOffsets(entry);
    }

    @Override
    public StateStorage stateStorage(String operatorId) {
        return inner.stateStorage(operatorId);
    }

    @Override
    public void commitBatch(long batchId, long nextWatermarkMicros) {
        inner.commitBatch(batchId, nextWatermarkMicros);
    }

    @Override
    public OptionalLong watermarkAfter(long batchId) {
        return inner.watermarkAfter(batchId);
    }

    @Override
    public void checkPlan(List<String> statefulOperators, int numSources) {
        inner.checkPlan(statefulOperators, numSources);
    }
}
