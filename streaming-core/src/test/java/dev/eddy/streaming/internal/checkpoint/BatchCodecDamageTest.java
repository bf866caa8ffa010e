package dev.eddy.streaming.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.data.DataType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State payloads whose counts cannot be true (found by CheckpointReadersFuzzTest: a row count of hundreds of
 * millions made the reader allocate until OutOfMemoryError) are reported as a corrupt file, never allocated.
 */
class BatchCodecDamageTest {
    @TempDir
    Path dir;

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] payload(Body body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(-1); // key columns
            body.write(out);
        }
        return b.toByteArray();
    }

    private void assertCorrupt(byte[] payload, String problem) throws IOException {
        Path file = dir.resolve("1.snapshot");
        Files.write(file, StateFile.encode(StateFile.Kind.SNAPSHOT, 1, payload));
        assertThatThrownBy(() -> StatePayload.read(file, StateFile.Kind.SNAPSHOT, 1))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(problem);
    }

    private static void column(DataOutputStream out, String name, DataType type) throws IOException {
        out.writeInt(name.length());
        out.writeBytes(name);
        out.writeByte(type.ordinal());
        out.writeBoolean(true);
    }

    @Test
    void when_aColumnClaimsMoreRowsThanTheFileHolds_then_itIsCorrupt_notAnOutOfMemoryError() throws IOException {
        for (DataType type : new DataType[] {DataType.LONG, DataType.INT, DataType.DOUBLE, DataType.STRING}) {
            assertCorrupt(
                    payload(out -> {
                        out.writeInt(1);
                        column(out, "v", type);
                        out.writeInt(400_000_000); // rows
                        out.writeBoolean(false); // no null bitmap
                    }),
                    "column");
        }
        assertCorrupt(
                payload(out -> {
                    out.writeInt(1);
                    column(out, "v", DataType.LONG);
                    out.writeInt(Integer.MAX_VALUE);
                    out.writeBoolean(true); // a null bitmap of 256 MiB
                }),
                "null bitmap");
    }

    @Test
    void when_theSchemaClaimsMoreFieldsThanTheFileHolds_then_itIsCorrupt() throws IOException {
        assertCorrupt(payload(out -> out.writeInt(Integer.MAX_VALUE)), "fields");
    }

    @Test
    void when_structsNestImpossiblyDeep_then_itIsCorrupt_notAStackOverflow() throws IOException {
        assertCorrupt(
                payload(out -> {
                    for (int i = 0; i < 100_000; i++) {
                        out.writeInt(1);
                        column(out, "s", DataType.STRUCT);
                    }
                    out.writeInt(0);
                }),
                "nested");
    }
}
