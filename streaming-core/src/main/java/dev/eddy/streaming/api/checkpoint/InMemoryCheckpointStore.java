package dev.eddy.streaming.api.checkpoint;

import dev.eddy.streaming.api.data.Batch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Keeps the offset and commit logs (and, if asked, operator state) in memory: restarts within one JVM
 * (and tests) resume from it.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final boolean keepState;
    private final Map<String, StateStorage> states = new HashMap<>();
    private UUID id;
    private final TreeMap<Long, OffsetLogEntry> log = new TreeMap<>();
    private long committed = -1;

    /** A store that keeps offsets and commits, and operator state too. */
    public InMemoryCheckpointStore() {
        this(true);
    }

    /** @param keepState whether to keep operator state (a full copy per batch) */
    public InMemoryCheckpointStore(boolean keepState) {
        this.keepState = keepState;
    }

    @Override
    public synchronized StateStorage stateStorage(String operatorId) {
        return keepState ? states.computeIfAbsent(operatorId, op -> new FullStates()) : StateStorage.NONE;
    }

    /** The last two full states of one operator. */
    private static final class FullStates implements StateStorage {
        private final TreeMap<Long, Batch> versions = new TreeMap<>();

        @Override
        public boolean keepsState() {
            return true;
        }

        @Override
        public synchronized void write(long version, StateDelta delta) {
            versions.put(version, delta.fullState().get());
            while (versions.size() > 2) {
                versions.pollFirstEntry();
            }
        }

        @Override
        public synchronized Optional<Batch> read(long version) {
            return Optional.ofNullable(versions.get(version));
        }
    }

    @Override
    public synchronized UUID queryId(UUID proposed) {
        if (id == null) {
            id = proposed;
        }
        return id;
    }

    /** Nothing to check: a store in memory lives only as long as the query that made it. */
    @Override
    public void checkPlan(List<String> statefulOperators, int numSources) {}

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
    public synchronized void commitBatch(long batchId, long nextWatermarkMicros) {
        committed = batchId;
    }

    /** Not kept: a restart in memory resumes with the watermark its last batch logged. */
    @Override
    public OptionalLong watermarkAfter(long batchId) {
        return OptionalLong.empty();
    }
}
