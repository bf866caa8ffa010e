package dev.eddy.streaming.internal.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.internal.table.Tables;
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
import tech.tablesaw.api.Table;

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
                ? LogCodec.tree(layout.metadata(), ChecksummedText.read(layout.metadata()))
                : null;
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
            throw new IllegalArgumentException("checkpoint at " + layout.root() + " has no offsets for batch " + batchId
                    + "; it keeps " + batches());
        }
        return LogCodec.offsets(f, ChecksummedText.read(f));
    }

    /** Bytes of the state files that restore each operator's newest state version (a snapshot and deltas). */
    @Override
    public Map<String, Long> stateSizes() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String op : layout.operators()) {
            Path dir = layout.stateDir(op);
            long newest = -1;
            for (StateFile.Kind kind : StateFile.Kind.values()) {
                long[] v = CheckpointLayout.numbered(dir, kind.suffix());
                newest = v.length == 0 ? newest : Math.max(newest, v[v.length - 1]);
            }
            if (newest >= 0) {
                long bytes = 0;
                for (Path f : StateChain.files(dir, newest)) {
                    try {
                        bytes += Files.size(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                out.put(op, bytes);
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
        long upTo = lastCommittedBatch()
                .orElseThrow(() ->
                        new IllegalStateException("checkpoint at " + layout.root() + " has no committed batch yet"));
        Path dir = layout.stateDir(Integer.toString(index));
        Batch b = StateChain.restore(dir, upTo)
                .orElseThrow(() -> new IllegalArgumentException("checkpoint at "
                        + layout.root() + " has no state for operator " + index + "; operators with state: "
                        + stateSizes().keySet()));
        return Tables.toTable("state " + index + " @ batch " + upTo, b);
    }

    private static List<Long> list(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long x : a) {
            out.add(x);
        }
        return out;
    }
}
