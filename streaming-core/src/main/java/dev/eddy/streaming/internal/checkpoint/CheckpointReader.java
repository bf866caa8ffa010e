package dev.eddy.streaming.internal.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.internal.table.Tables;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Implements {@link CheckpointInfo} by reading (never writing) a checkpoint directory. */
public final class CheckpointReader implements CheckpointInfo {
    private final CheckpointLayout layout;
    private final JsonNode metadata;

    public CheckpointReader(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no checkpoint directory at " + dir);
        }
        this.layout = new CheckpointLayout(dir);
        this.metadata = Files.exists(layout.metadata())
                ? LogCodec.tree(layout.metadata(), ChecksummedText.read(layout.metadata())) : null;
    }

    @Override
    public UUID queryId() {
        if (metadata == null) {
            throw new IllegalStateException("checkpoint at " + layout.root() + " has no metadata file yet");
        }
        return UUID.fromString(metadata.path("id").asText());
    }

    @Override
    public List<Long> batches() {
        return list(CheckpointLayout.numbered(layout.offsets(), ""));
    }

    @Override
    public List<Long> committedBatches() {
        return list(CheckpointLayout.numbered(layout.commits(), ""));
    }

    @Override
    public Optional<Long> lastCommittedBatch() {
        List<Long> c = committedBatches();
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(c.size() - 1));
    }

    @Override
    public List<String> sourceOffsets(long batchId) {
        return entry(batchId).sourceOffsets();
    }

    @Override
    public Optional<Instant> watermark(long batchId) {
        long wm = entry(batchId).watermarkMicros();
        return wm == Long.MIN_VALUE ? Optional.empty() : Optional.of(Tables.toInstant(wm));
    }

    private OffsetLogEntry entry(long batchId) {
        Path f = layout.offsets().resolve(Long.toString(batchId));
        if (!Files.exists(f)) {
            throw new IllegalArgumentException("checkpoint at " + layout.root() + " has no offsets for batch "
                    + batchId + "; it keeps " + batches());
        }
        return LogCodec.offsets(f, ChecksummedText.read(f));
    }

    @Override
    public Map<String, Long> stateSizes() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String op : layout.operators()) {
            long[] v = CheckpointLayout.numbered(layout.stateDir(op), ".snapshot");
            if (v.length > 0) {
                try {
                    out.put(op, Files.size(CheckpointLayout.snapshot(layout.stateDir(op), v[v.length - 1])));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    @Override
    public List<String> statefulOperators() {
        List<String> out = new ArrayList<>();
        if (metadata != null) {
            metadata.path("statefulOperators").forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    @Override
    public Table stateTable(int index) {
        long upTo = lastCommittedBatch().orElseThrow(() -> new IllegalStateException("checkpoint at "
                + layout.root() + " has no committed batch yet"));
        Path dir = layout.stateDir(Integer.toString(index));
        long[] v = CheckpointLayout.numbered(dir, ".snapshot");
        for (int i = v.length - 1; i >= 0; i--) {
            if (v[i] <= upTo) {
                Batch b = FileCheckpointStore.readState(CheckpointLayout.snapshot(dir, v[i]));
                return Tables.toTable("state " + index + " @ batch " + upTo, b);
            }
        }
        throw new IllegalArgumentException("checkpoint at " + layout.root() + " has no state for operator " + index
                + "; operators with state: " + stateSizes().keySet());
    }

    private static List<Long> list(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long x : a) {
            out.add(x);
        }
        return out;
    }
}
