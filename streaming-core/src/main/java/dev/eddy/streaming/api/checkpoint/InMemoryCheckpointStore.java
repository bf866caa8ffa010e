package dev.eddy.streaming.api.checkpoint;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Keeps the offset and commit logs (and, if asked, operator state) in memory: restarts within one JVM
 * (and tests) resume from it.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final boolean keepState;
    private final java.util.Map<String, java.util.TreeMap<Long, dev.eddy.streaming.api.data.Batch>> states =
            new java.util.HashMap<>();

    /** A store that keeps offsets and commits, and operator state too. */
    public InMemoryCheckpointStore() {
        this(true);
    }

    /** @param keepState whether to keep operator state (a full copy per batch) */
    public InMemoryCheckpointStore(boolean keepState) {
        this.keepState = keepState;
    }

    @Override
    public boolean wantsState() {
        return keepState;
    }

    @Override
    public synchronized void stateCommitted(String operatorId, long version, dev.eddy.streaming.api.data.Batch raw) {
        var versions = states.computeIfAbsent(operatorId, k -> new java.util.TreeMap<>());
        versions.put(version, raw);
        while (versions.size() > 2) {
            versions.pollFirstEntry();
        }
    }

    @Override
    public synchronized Optional<dev.eddy.streaming.api.data.Batch> loadState(String operatorId, long version) {
        var versions = states.get(operatorId);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

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
