package dev.eddy.streaming.internal.checkpoint;

import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Binary state file: magic {@code EDDYSTAT}, format version (int), kind (byte: {@code 'S'} snapshot, {@code 'D'}
 * delta), state version (long), payload length (int), the payload, and a CRC32C (int) over everything before it.
 * Format 1 (written before deltas existed) has no kind byte and is always a snapshot.
 */
public final class StateFile {
    static final long MAGIC = 0x4544445953544154L; // "EDDYSTAT"
    static final int FORMAT_VERSION = 2;
    private static final int HEADER_V1 = 8 + 4 + 8 + 4;
    private static final int HEADER = HEADER_V1 + 1;

    /** What a state file holds; its file name ends with {@link #suffix()}. */
    public enum Kind {
        SNAPSHOT('S', ".snapshot"),
        DELTA('D', ".delta");

        private final byte marker;
        private final String suffix;

        Kind(char marker, String suffix) {
            this.marker = (byte) marker;
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    /** A verified state file: its kind, the state version it records, its format and its payload. */
    public record Content(Kind kind, long version, int format, byte[] payload) {}

    private StateFile() {}

    /** A snapshot file's bytes. */
    public static byte[] encode(long stateVersion, byte[] payload) {
        return encode(Kind.SNAPSHOT, stateVersion, payload);
    }

    public static byte[] encode(Kind kind, long stateVersion, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length + 4);
        b.putLong(MAGIC)
                .putInt(FORMAT_VERSION)
                .put(kind.marker)
                .putLong(stateVersion)
                .putInt(payload.length)
                .put(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The payload of {@code file}; throws {@link CorruptCheckpointException} naming the file if it is damaged. */
    public static byte[] read(Path file) {
        return readContent(file).payload();
    }

    /** The verified content of {@code file}; a damaged or missing file is reported by name. */
    public static Content readContent(Path file) {
        if (!Files.exists(file)) {
            throw new CorruptCheckpointException(file, "the file is missing");
        }
        try {
            return decode(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    static Content decode(Path file, byte[] bytes) {
        if (bytes.length < HEADER_V1 + 4) {
            throw new CorruptCheckpointException(file, "only " + bytes.length + " bytes (truncated?)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getLong() != MAGIC) {
            throw new CorruptCheckpointException(file, "not an Eddy state file (bad magic)");
        }
        int format = b.getInt();
        if (format != 1 && format != FORMAT_VERSION) {
            throw new CorruptCheckpointException(file, "unsupported state format version " + format);
        }
        int header = format == 1 ? HEADER_V1 : HEADER;
        Kind kind = format == 1 ? Kind.SNAPSHOT : kind(file, b.get());
        long version = b.getLong();
        int len = b.getInt();
        if (len < 0 || len != bytes.length - header - 4) {
            throw new CorruptCheckpointException(file, "payload length " + len + " does not match the file size");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, header + len);
        int stored = ByteBuffer.wrap(bytes, header + len, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CorruptCheckpointException(file, "checksum mismatch");
        }
        byte[] payload = new byte[len];
        System.arraycopy(bytes, header, payload, 0, len);
        return new Content(kind, version, format, payload);
    }

    private static Kind kind(Path file, byte marker) {
        for (Kind k : Kind.values()) {
            if (k.marker == marker) {
                return k;
            }
        }
        throw new CorruptCheckpointException(file, "unknown state file kind " + marker);
    }
}
