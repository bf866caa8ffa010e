package dev.eddy.streaming.internal.sink.file;

import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.checkpoint.ForwardingCheckpointStore;

/**
 * Test support: a checkpoint whose process "dies" before each engine commit, so offsets are logged and sinks have
 * written, but no batch is committed. Restarting on {@link #inner()} then re-runs the last batch.
 */
public final class CrashBeforeCommitStore extends ForwardingCheckpointStore {
    private final InMemoryCheckpointStore inner;

    public CrashBeforeCommitStore(InMemoryCheckpointStore inner) {
        super(inner);
        this.inner = inner;
    }

    public InMemoryCheckpointStore inner() {
        return inner;
    }

    @Override
    public void commitBatch(long batchId, long nextWatermarkMicros) {
        // lost in the crash
    }
}
