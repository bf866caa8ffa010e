package dev.eddy.streaming.internal.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Removes batches older than the retained window (Spark's minBatchesToRetain). */
final class Retention {
    private Retention() {
    }

    /**
     * Deletes offsets and commits below {@code firstRetained}, and state snapshots that no retained batch needs:
     * per operator, versions below the newest version {@code <= firstRetained - 1} (restoring batch
     * {@code firstRetained - 1}'s successor needs it).
     */
    static void purge(CheckpointLayout layout, long firstRetained) {
        if (firstRetained <= 0) {
            return;
        }
        for (Path dir : new Path[]{layout.offsets(), layout.commits()}) {
            for (long n : CheckpointLayout.numbered(dir, "")) {
                if (n < firstRetained) {
                    delete(dir.resolve(Long.toString(n)));
                }
            }
        }
        for (String op : layout.operators()) {
            Path dir = layout.stateDir(op);
            long[] versions = CheckpointLayout.numbered(dir, ".snapshot");
            long keep = Long.MIN_VALUE;
            for (long v : versions) {
                if (v < firstRetained) {
                    keep = v;
                }
            }
            for (long v : versions) {
                if (v < keep) {
                    delete(CheckpointLayout.snapshot(dir, v));
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
