package dev.eddy.streaming.internal.checkpoint;

import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Small text files (metadata, offsets, commits): a version line, a JSON body, and a last line
 * {@code crc32c:<hex>} over the bytes before it, so a torn or edited file is detected, not misread.
 */
public final class ChecksummedText {
    static final String VERSION_LINE = "v1";
    private static final String CRC_PREFIX = "crc32c:";

    private ChecksummedText() {}

    public static byte[] encode(String json) {
        String head = VERSION_LINE + "\n" + json + "\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        return (head + CRC_PREFIX + crcHex(h, h.length) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON body of {@code file}; throws {@link CorruptCheckpointException} naming the file if it is damaged. */
    public static String read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
        }
        return decode(file, b);
    }

    static String decode(Path file, byte[] b) {
        String s;
        try {
            // strict: a lenient decode would turn bad bytes into U+FFFD, whose re-encoded length no longer
            // matches the file's (found by CheckpointReadersFuzzTest)
            s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptCheckpointException(file, "not valid UTF-8 text");
        }
        int crcAt = s.lastIndexOf("\n" + CRC_PREFIX);
        if (crcAt < 0 || !s.endsWith("\n")) {
            throw new CorruptCheckpointException(file, "no checksum line (truncated?)");
        }
        int headLen = s.substring(0, crcAt + 1).getBytes(StandardCharsets.UTF_8).length;
        String stored =
                s.substring(crcAt + 1 + CRC_PREFIX.length(), s.length() - 1).trim();
        String actual = crcHex(b, headLen);
        if (!stored.equals(actual)) {
            throw new CorruptCheckpointException(
                    file, "checksum mismatch (stored " + stored + ", computed " + actual + ")");
        }
        int nl = s.indexOf('\n');
        String version = s.substring(0, nl);
        if (!VERSION_LINE.equals(version)) {
            throw new CorruptCheckpointException(
                    file, "unsupported format version '" + version + "' (this Eddy reads " + VERSION_LINE + ")");
        }
        return s.substring(nl + 1, crcAt);
    }

    static String crcHex(byte[] b, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, len);
        return String.format("%08x", crc.getValue());
    }
}
