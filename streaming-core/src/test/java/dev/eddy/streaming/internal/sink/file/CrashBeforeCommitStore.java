package dev.eddy.streaming.internal.sink.file;

import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Test support: a checkpoint whose process "dies" before each engine commit, so offsets are logged and sinks have
 * written, but no batch is committed. Restarting on {@link #inner()} then re-runs the last batch.
 */
public record CrashBeforeCommitStore(InMemoryCheckpointStore inner) implements CheckpointStore {
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
    public void commitBatch(long batchId) {
        // lost in the crash
    }
}
