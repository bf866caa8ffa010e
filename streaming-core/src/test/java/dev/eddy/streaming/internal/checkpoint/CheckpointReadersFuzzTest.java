package dev.eddy.streaming.internal.checkpoint;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes every reader of a checkpoint file (the checksummed text logs and their JSON, the state file envelope
 * and the state payload inside it). Damaged files may only raise {@link CorruptCheckpointException} naming the
 * file, never another exception. Half of the inputs get a valid checksum, so the fuzzer reaches the decoders
 * behind the checksum as a bug in Eddy (or a file written by a different version) would.
 */
class CheckpointReadersFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("eddy-ckpt-fuzz");
    }

    @AfterAll
    static void deleteDir() throws IOException {
        Files.deleteIfExists(dir.resolve("1.delta"));
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"v1", "crc32c:", "{\"batchId\":", "\"sources\":[", "\"nextBatchWatermarkMicros\":", "EDDYSTAT"})
    void damagedFilesRaiseOnlyCorruptCheckpointException(FuzzedDataProvider data) throws IOException {
        int which = data.consumeInt(0, 7);
        boolean validChecksum = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        Path file = dir.resolve("1.delta");
        try {
            switch (which) {
                case 0, 1 -> {
                    String body = validChecksum
                            ? ChecksummedText.decode(file, ChecksummedText.encode(utf8(bytes)))
                            : ChecksummedText.decode(file, bytes);
                    LogCodec.offsets(file, body);
                    LogCodec.commitWatermark(file, body);
                }
                case 2, 3 ->
                    StateFile.decode(file, validChecksum ? StateFile.encode(StateFile.Kind.DELTA, 1, bytes) : bytes);
                case 4, 5, 6 -> decodePayload(bytes);
                default -> {
                    StateFile.Kind kind = validChecksum ? StateFile.Kind.DELTA : StateFile.Kind.SNAPSHOT;
                    Files.write(file, StateFile.encode(kind, 1, bytes));
                    StatePayload.read(file, kind, 1); // the whole path, file included (slower, so less often)
                }
            }
        } catch (CorruptCheckpointException expected) {
            // the one error a damaged checkpoint file may cause
        }
    }

    /**
     * The payload decoder behind the checksum, without the file: StatePayload.read turns any exception of it into
     * CorruptCheckpointException, so only errors (OutOfMemoryError, StackOverflowError) are findings here.
     */
    private static void decodePayload(byte[] payload) {
        try {
            BatchCodec.decode(payload);
        } catch (IOException | RuntimeException reportedAsCorrupt) {
            // wrapped by StatePayload.read
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
