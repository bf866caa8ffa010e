package dev.eddy.streaming.api.checkpoint;

import java.nio.file.Path;

/** A checkpoint file that cannot be read (bad checksum, truncated, unknown version): names the file. */
public final class CorruptCheckpointException extends IllegalStateException {
    private final transient Path file;

    public CorruptCheckpointException(Path file, String problem) {
        super("corrupted checkpoint file " + file + ": " + problem
                + " (nothing was overwritten; restore the file or start from a new checkpoint location)");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
