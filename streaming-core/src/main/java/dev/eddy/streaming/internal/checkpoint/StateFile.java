package dev.eddy.streaming.internal.checkpoint;

import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Binary state file: magic {@code EDDYSTAT}, format version (int), state version (long), payload length (int),
 * the operator's payload, and a CRC32C (int) over everything before it.
 */
public final class StateFile {
    static final long MAGIC = 0x4544445953544154L; // "EDDYSTAT"
    static final int FORMAT_VERSION = 1;
    private static final int HEADER = 8 + 4 + 8 + 4;

    private StateFile() {
    }

    public static byte[] encode(long stateVersion, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length + 4);
        b.putLong(MAGIC).putInt(FORMAT_VERSION).putLong(stateVersion).putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The payload of {@code file}; throws {@link CorruptCheckpointException} naming the file if it is damaged. */
    public static byte[] read(Path file) {
        try {
            return decode(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] decode(Path file, byte[] bytes) {
        if (bytes.length < HEADER + 4) {
            throw new CorruptCheckpointException(file, "only " + bytes.length + " bytes (truncated?)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getLong() != MAGIC) {
            throw new CorruptCheckpointException(file, "not an Eddy state file (bad magic)");
        }
        int format = b.getInt();
        if (format != FORMAT_VERSION) {
            throw new CorruptCheckpointException(file, "unsupported state format version " + format);
        }
        b.getLong();
        int len = b.getInt();
        if (len < 0 || len != bytes.length - HEADER - 4) {
            throw new CorruptCheckpointException(file, "payload length " + len + " does not match the file size");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, HEADER + len);
        int stored = ByteBuffer.wrap(bytes, HEADER + len, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CorruptCheckpointException(file, "checksum mismatch");
        }
        byte[] payload = new byte[len];
        System.arraycopy(bytes, HEADER, payload, 0, len);
        return payload;
    }
}
