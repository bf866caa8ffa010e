package dev.eddy.streaming.internal.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.data.Batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A checkpoint in a directory, Spark's layout. Everything the restart depends on (metadata, the last offsets and
 * commit entries) is read and verified when the store is opened, so a damaged checkpoint fails before anything is
 * written. Old batches beyond {@code minBatchesToRetain} are removed after each commit (state keeps, per operator,
 * the newest snapshot the retained batches still need).
 */
public final class FileCheckpointStore implements CheckpointStore {
    public static final int DEFAULT_MIN_BATCHES_TO_RETAIN = 100;

    private final CheckpointLayout layout;
    private final int minBatchesToRetain;
    private final JsonNode storedMetadata;
    private final Optional<OffsetLogEntry> lastOffsets;
    private final OptionalLong lastCommitted;
    private UUID id;

    public FileCheckpointStore(Path root, int minBatchesToRetain) {
        if (minBatchesToRetain < 1) {
            throw new IllegalArgumentException("minBatchesToRetain must be at least 1, got " + minBatchesToRetain);
        }
        this.layout = new CheckpointLayout(root);
        this.minBatchesToRetain = minBatchesToRetain;
        this.storedMetadata = Files.exists(layout.metadata())
                ? LogCodec.tree(layout.metadata(), ChecksummedText.read(layout.metadata())) : null;
        long[] offs = CheckpointLayout.numbered(layout.offsets(), "");
        this.lastOffsets = offs.length == 0 ? Optional.empty() : Optional.of(readOffsets(offs[offs.length - 1]));
        long[] commits = CheckpointLayout.numbered(layout.commits(), "");
        if (commits.length > 0) {
            ChecksummedText.read(commitFile(commits[commits.length - 1]));
        }
        this.lastCommitted = commits.length == 0 ? OptionalLong.empty() : OptionalLong.of(commits[commits.length - 1]);
    }

    public CheckpointLayout layout() {
        return layout;
    }

    @Override
    public synchronized UUID queryId(UUID proposed) {
        if (id == null) {
            id = storedMetadata != null ? UUID.fromString(storedMetadata.path("id").asText()) : proposed;
        }
        return id;
    }

    @Override
    public void checkPlan(List<String> statefulOperators, int numSources) {
        if (storedMetadata == null) {
            AtomicFiles.write(layout.metadata(), ChecksummedText.encode(
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
        AtomicFiles.write(layout.offsets().resolve(Long.toString(entry.batchId())),
                ChecksummedText.encode(LogCodec.offsets(entry)));
    }

    @Override
    public boolean wantsState() {
        return true;
    }

    @Override
    public void stateCommitted(String operatorId, long version, Batch state) {
        AtomicFiles.write(CheckpointLayout.snapshot(layout.stateDir(operatorId), version),
                StateFile.encode(version, BatchCodec.encode(state)));
    }

    @Override
    public Optional<Batch> loadState(String operatorId, long version) {
        Path dir = layout.stateDir(operatorId);
        long[] versions = CheckpointLayout.numbered(dir, ".snapshot");
        for (int i = versions.length - 1; i >= 0; i--) {
            if (versions[i] <= version) {
                Path f = CheckpointLayout.snapshot(dir, versions[i]);
                return Optional.of(readState(f));
            }
        }
        return Optional.empty();
    }

    /** The state batch stored in {@code file}; a damaged file is reported by name. */
    public static Batch readState(Path file) {
        try {
            return BatchCodec.decode(StateFile.read(file));
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof CorruptCheckpointException c) {
                throw c;
            }
            throw new CorruptCheckpointException(file, "state cannot be decoded: " + e.getMessage());
        }
    }

    @Override
    public void commitBatch(long batchId) {
        commitBatch(batchId, Long.MIN_VALUE);
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
        for (String op : layout.operators()) {
            Path dir = layout.stateDir(op);
            for (long v : CheckpointLayout.numbered(dir, ".snapshot")) {
                if (v > committed) {
                    Retention.delete(CheckpointLayout.snapshot(dir, v));
                }
            }
        }
    }
}
