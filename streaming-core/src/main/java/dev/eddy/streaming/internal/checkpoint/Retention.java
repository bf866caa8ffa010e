package dev.eddy.streaming.internal.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Removes batches older than the retained window (Spark's minBatchesToRetain). */
final class Retention {
    private Retention() {}

    /**
     * Deletes offsets and commits below {@code firstRetained}, and state files no retained batch needs: per operator,
     * the base is its newest snapshot below {@code firstRetained} (restoring batch {@code firstRetained - 1}, which
     * re-running {@code firstRetained} needs, starts there); files older than the base, and the delta of the base's
     * own version, go. Without such a snapshot every state file stays (the chain starts at the first delta).
     */
    static void purge(CheckpointLayout layout, long firstRetained) {
        if (firstRetained <= 0) {
            return;
        }
        for (Path dir : new Path[] {layout.offsets(), layout.commits()}) {
            for (long n : CheckpointLayout.numbered(dir, "")) {
                if (n < firstRetained) {
                    delete(dir.resolve(Long.toString(n)));
                }
            }
        }
        for (String op : layout.operators()) {
            Path dir = layout.stateDir(op);
            long base = Long.MIN_VALUE;
            for (long v : CheckpointLayout.numbered(dir, StateFile.Kind.SNAPSHOT.suffix())) {
                if (v < firstRetained) {
                    base = v;
                }
            }
            if (base == Long.MIN_VALUE) {
                continue;
            }
            for (long v : CheckpointLayout.numbered(dir, StateFile.Kind.SNAPSHOT.suffix())) {
                if (v < base) {
                    delete(CheckpointLayout.snapshot(dir, v));
                }
            }
            for (long v : CheckpointLayout.numbered(dir, StateFile.Kind.DELTA.suffix())) {
                if (v <= base) {
                    delete(CheckpointLayout.delta(dir, v));
                }
            }
        }
    }

    static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old checkpoint file " + f, e);
        }
    }
}
