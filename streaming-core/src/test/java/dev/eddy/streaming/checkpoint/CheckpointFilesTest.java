package dev.eddy.streaming.checkpoint;

import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.checkpoint.AtomicFiles;
import dev.eddy.streaming.internal.checkpoint.ChecksummedText;
import dev.eddy.streaming.internal.checkpoint.FileCheckpointStore;
import dev.eddy.streaming.internal.checkpoint.StateFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointFilesTest {
    @TempDir
    Path dir;

    @Test
    void when_textFileIsWrittenAndRead_then_theBodyRoundTripsAndCarriesVersionAndChecksum() throws Exception {
        Path f = dir.resolve("offsets/3");
        AtomicFiles.write(f, ChecksummedText.encode("{\"a\":1}"));
        String raw = Files.readString(f);
        assertThat(raw).startsWith("v1\n{\"a\":1}\ncrc32c:");
        assertThat(ChecksummedText.read(f)).isEqualTo("{\"a\":1}");
    }

    @Test
    void when_aByteOfATextFileChanges_then_readingNamesTheFileAndTheChecksum() throws Exception {
        Path f = dir.resolve("commits/0");
        AtomicFiles.write(f, ChecksummedText.encode("{\"batchId\":0}"));
        byte[] b = Files.readAllBytes(f);
        b[5] = (byte) '7';
        Files.write(f, b);
        assertThatThrownBy(() -> ChecksummedText.read(f)).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("checksum mismatch");
    }

    @Test
    void when_aTextFileIsTruncated_then_itIsReportedAsCorrupt() throws Exception {
        Path f = dir.resolve("metadata");
        AtomicFiles.write(f, ChecksummedText.encode("{\"id\":\"x\"}"));
        Files.write(f, "v1\n{\"id\"".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ChecksummedText.read(f)).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void when_stateFileRoundTrips_then_payloadIsIntactAndCorruptionIsDetected() throws Exception {
        Path f = dir.resolve("state/0/0/4.snapshot");
        byte[] payload = {1, 2, 3, 4, 5};
        AtomicFiles.write(f, StateFile.encode(4, payload));
        assertThat(StateFile.read(f)).containsExactly(payload);
        byte[] b = Files.readAllBytes(f);
        b[b.length - 6] ^= 1;
        Files.write(f, b);
        assertThatThrownBy(() -> StateFile.read(f)).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(f.toString());
        Files.write(f, new byte[]{1, 2, 3});
        assertThatThrownBy(() -> StateFile.read(f)).hasMessageContaining("truncated");
    }

    @Test
    void when_fileIsRewrittenAtomically_then_noTemporaryFileRemainsAndTheNewContentWins() throws Exception {
        Path f = dir.resolve("x");
        AtomicFiles.write(f, "old".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("new");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("x");
        }
    }

    @Test
    void when_moreBatchesThanRetainedAreCommitted_then_onlyTheNewestAreKeptWithTheStateTheyNeed() {
        FileCheckpointStore store = new FileCheckpointStore(dir, 3);
        store.queryId(UUID.randomUUID());
        store.checkPlan(List.of("agg"), 1);
        for (long b = 0; b <= 20; b++) {
            store.logOffsets(new OffsetLogEntry(b, List.of(Long.toString(b)), Long.MIN_VALUE, b));
            if (b % 4 == 0) {
                store.stateCommitted("0", b, Batch.of(Schema.of(Field.of("v", DataType.LONG)), LongColumn.of(b)));
            }
            store.commitBatch(b, b * 10);
        }
        assertThat(names(dir.resolve("offsets"))).containsExactly("18", "19", "20");
        assertThat(names(dir.resolve("commits"))).containsExactly("18", "19", "20");
        // 16 is the state batch 18 and 19 still restore from; 20 is the newest
        assertThat(names(dir.resolve("state/0/0"))).containsExactly("16.snapshot", "20.snapshot");
        FileCheckpointStore reopened = new FileCheckpointStore(dir, 3);
        assertThat(reopened.loadState("0", 19)).hasValueSatisfying(s -> assertThat(s.row(0).getLong("v")).isEqualTo(16));
        assertThat(reopened.lastCommittedBatch()).hasValue(20);
        assertThat(reopened.watermarkAfter(20)).hasValue(200);
        assertThat(reopened.lastOffsets()).hasValueSatisfying(e -> assertThat(e.sourceOffsets()).containsExactly("20"));
    }

    private static List<String> names(Path d) {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted(
                    (a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
