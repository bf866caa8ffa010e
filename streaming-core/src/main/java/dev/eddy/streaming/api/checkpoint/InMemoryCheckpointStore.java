package dev.eddy.streaming.api.checkpoint;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Keeps the offset and commit logs in memory: restarts within one JVM (and tests) resume from it. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private UUID id;
    private final java.util.TreeMap<Long, OffsetLogEntry> log = new java.util.TreeMap<>();
    private long committed = -1;

    @Override
    public synchronized UUID queryId(UUID proposed) {
        if (id == null) {
            id = proposed;
        }
        return id;
    }

    @Override
    public synchronized Optional<OffsetLogEntry> lastOffsets() {
        return log.isEmpty() ? Optional.empty() : Optional.of(log.lastEntry().getValue());
    }

    @Override
    public synchronized Optional<OffsetLogEntry> offsetsOf(long batchId) {
        return Optional.ofNullable(log.get(batchId));
    }

    @Override
    public synchronized OptionalLong lastCommittedBatch() {
        return committed < 0 ? OptionalLong.empty() : OptionalLong.of(committed);
    }

    @Override
    public synchronized void logOffsets(OffsetLogEntry entry) {
        log.put(entry.batchId(), entry);
        while (log.size() > 100) {
            log.pollFirstEntry();
        }
    }

    @Override
    public synchronized void commitBatch(long batchId) {
        committed = batchId;
    }
}
