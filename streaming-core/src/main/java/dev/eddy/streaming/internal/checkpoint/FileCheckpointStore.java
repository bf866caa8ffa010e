package dev.eddy.streaming.internal.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.checkpoint.StateStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A checkpoint in a directory, Spark's layout. Everything the restart depends on (metadata, the last offsets and
 * commit entries) is read and verified when the store is opened, so a damaged checkpoint fails before anything is
 * written. Each stateful operator's state goes to its {@link FileStateStorage} (deltas, and a snapshot every
 * {@code stateSnapshotInterval} versions). Old batches beyond {@code minBatchesToRetain} are removed after each commit
 * (state keeps, per operator, the newest snapshot the retained batches still need and every state file after it).
 */
public final class FileCheckpointStore implements CheckpointStore {
    public static final int DEFAULT_MIN_BATCHES_TO_RETAIN = 100;
    public static final int DEFAULT_STATE_SNAPSHOT_INTERVAL = 10;

    private final CheckpointLayout layout;
    private final int minBatchesToRetain;
    private final int snapshotInterval;
    private final Map<String, FileStateStorage> storages = new HashMap<>();
    private volatile Consumer<Path> stateFileListener = p -> {};
    private final JsonNode storedMetadata;
    private final Optional<OffsetLogEntry> lastOffsets;
    private final OptionalLong lastCommitted;
    private UUID id;

    public FileCheckpointStore(Path root, int minBatchesToRetain) {
        this(root, minBatchesToRetain, DEFAULT_STATE_SNAPSHOT_INTERVAL);
    }

    /** @param snapshotInterval a full snapshot every this many state versions (a delta every version) */
    public FileCheckpointStore(Path root, int minBatchesToRetain, int snapshotInterval) {
        if (minBatchesToRetain < 1) {
            throw new IllegalArgumentException("minBatchesToRetain must be at least 1, got " + minBatchesToRetain);
        }
        if (snapshotInterval < 1) {
            throw new IllegalArgumentException("stateSnapshotInterval must be at least 1, got " + snapshotInterval);
        }
        this.layout = new CheckpointLayout(root);
        this.minBatchesToRetain = minBatchesToRetain;
        this.snapshotInterval = snapshotInterval;
        this.storedMetadata = Files.exists(layout.metadata())
                ? LogCodec.tree(layout.metadata(), ChecksummedText.read(layout.metadata()))
                : null;
        long[] offs = CheckpointLayout.numbered(layout.offsets(), "");
        this.lastOffsets = offs.length == 0 ? Optional.empty() : Optional.of(readOffsets(offs[offs.length - 1]));
        long[] commits = CheckpointLayout.numbered(layout.commits(), "");
        if (commits.length > 0) {
            ChecksummedText.read(commitFile(commits[commits.length - 1]));
        }
        this.lastCommitted = commits.length == 0 ? OptionalLong.empty() : OptionalLong.of(commits[commits.length - 1]);
        if (storedMetadata == null && (offs.length > 0 || commits.length > 0)) {
            // without it the query would silently get a new id, and a changed plan could not be told from the old one
            long newest = Math.max(
                    offs.length == 0 ? -1 : offs[offs.length - 1],
                    commits.length == 0 ? -1 : commits[commits.length - 1]);
            throw new CorruptCheckpointException(
                    layout.metadata(),
                    "missing, but the checkpoint holds batches up to "
                            + newest
                            + "; the query id and the plan it was written by are only kept there, so the query "
                            + "cannot resume safely");
        }
    }

    public CheckpointLayout layout() {
        return layout;
    }

    @Override
    public synchronized UUID queryId(UUID proposed) {
        if (id == null) {
            id = storedMetadata != null
                    ? UUID.fromString(storedMetadata.path("id").asText())
                    : proposed;
        }
        return id;
    }

    @Override
    public void checkPlan(List<String> statefulOperators, int numSources) {
        if (storedMetadata == null) {
            AtomicFiles.write(
                    layout.metadata(),
                    ChecksummedText.encode(
                            LogCodec.metadata(queryId(UUID.randomUUID()), statefulOperators, numSources)));
            return;
        }
        PlanCompatibility.check(layout.root(), storedMetadata, statefulOperators, numSources);
        discardStateAfter(lastCommitted.orElse(-1));
    }

    @Override
    public Optional<OffsetLogEntry> lastOffsets() {
        return lastOffsets;
    }

    @Override
    public Optional<OffsetLogEntry> offsetsOf(long batchId) {
        Path f = layout.offsets().resolve(Long.toString(batchId));
        return Files.exists(f) ? Optional.of(readOffsets(batchId)) : Optional.empty();
    }

    @Override
    public OptionalLong lastCommittedBatch() {
        return lastCommitted;
    }

    @Override
    public void logOffsets(OffsetLogEntry entry) {
        AtomicFiles.write(
                layout.offsets().resolve(Long.toString(entry.batchId())),
                ChecksummedText.encode(LogCodec.offsets(entry)));
    }

    /** Called with each state file right after it was written (lets a test stop the process between files). */
    public void onStateFileWritten(Consumer<Path> listener) {
        this.stateFileListener = listener;
    }

    @Override
    public synchronized StateStorage stateStorage(String operatorId) {
        return storages.computeIfAbsent(
                operatorId,
                op -> new FileStateStorage(layout.stateDir(op), snapshotInterval, f -> stateFileListener.accept(f)));
    }

    @Override
    public void commitBatch(long batchId, long nextWatermarkMicros) {
        AtomicFiles.write(commitFile(batchId), ChecksummedText.encode(LogCodec.commit(batchId, nextWatermarkMicros)));
        Retention.purge(layout, batchId - minBatchesToRetain + 1);
    }

    @Override
    public OptionalLong watermarkAfter(long batchId) {
        Path f = commitFile(batchId);
        if (!Files.exists(f)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(LogCodec.commitWatermark(f, ChecksummedText.read(f)));
    }

    private OffsetLogEntry readOffsets(long batchId) {
        Path f = layout.offsets().resolve(Long.toString(batchId));
        OffsetLogEntry e = LogCodec.offsets(f, ChecksummedText.read(f));
        if (e.batchId() != batchId) {
            throw new CorruptCheckpointException(f, "it holds batch " + e.batchId() + ", not " + batchId);
        }
        return e;
    }

    private Path commitFile(long batchId) {
        return layout.commits().resolve(Long.toString(batchId));
    }

    /** State written by a batch that never committed is not trusted: its batch is re-run. */
    private void discardStateAfter(long committed) {
        storages.values().forEach(FileStateStorage::forget);
        for (String op : layout.operators()) {
            Path dir = layout.stateDir(op);
            for (StateFile.Kind kind : StateFile.Kind.values()) {
                for (long v : CheckpointLayout.numbered(dir, kind.suffix())) {
                    if (v > committed) {
                        Retention.delete(dir.resolve(v + kind.suffix()));
                    }
                }
            }
        }
    }
}
