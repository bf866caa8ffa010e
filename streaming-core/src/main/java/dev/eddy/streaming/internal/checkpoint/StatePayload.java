package dev.eddy.streaming.internal.checkpoint;

import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The payload of a state file (format 2): the number of key columns (int, -1 if the writer did not say), then the
 * rows as a columnar batch ({@link BatchCodec}): a snapshot's whole state, or a delta's upserted rows followed by
 * a second batch of its removed keys.
 */
final class StatePayload {
    /** A decoded state file; {@code removedKeys} is null for a snapshot. */
    record Decoded(StateFile.Kind kind, long version, int keyColumns, Batch rows, Batch removedKeys) {}

    private StatePayload() {}

    static byte[] snapshot(int keyColumns, Batch state) {
        return write(keyColumns, state, null);
    }

    static byte[] delta(StateDelta d) {
        return write(d.keyColumns(), d.upserts(), d.removedKeys());
    }

    private static byte[] write(int keyColumns, Batch rows, Batch removed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rows.numRows() * 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(keyColumns);
            BatchCodec.write(out, rows);
            if (removed != null) {
                BatchCodec.write(out, removed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads and verifies {@code file}, which must be of {@code kind} and hold state version {@code version}. */
    static Decoded read(Path file, StateFile.Kind kind, long version) {
        StateFile.Content c = StateFile.readContent(file);
        if (c.kind() != kind) {
            throw new CorruptCheckpointException(file, "it is a " + c.kind() + " file, expected a " + kind);
        }
        if (c.format() > 1 && c.version() != version) {
            throw new CorruptCheckpointException(file, "it holds state version " + c.version() + ", not " + version);
        }
        try {
            if (c.format() == 1) {
                return new Decoded(kind, version, -1, BatchCodec.decode(c.payload()), null);
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.payload()));
            int keys = in.readInt();
            Batch rows = BatchCodec.read(in);
            Batch removed = kind == StateFile.Kind.DELTA ? BatchCodec.read(in) : null;
            if (in.available() > 0) {
                throw new IOException(in.available() + " unexpected bytes after the state");
            }
            if (keys < -1 || keys > rows.numColumns() || (removed != null && removed.numColumns() != keys)) {
                throw new IOException("inconsistent key column count " + keys);
            }
            return new Decoded(kind, version, keys, rows, removed);
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException(file, "state cannot be decoded: " + e.getMessage());
        }
    }
}
