package dev.eddy.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.checkpoint.AtomicFiles;
import dev.eddy.streaming.internal.checkpoint.ChecksummedText;
import dev.eddy.streaming.internal.checkpoint.FileCheckpointStore;
import dev.eddy.streaming.internal.checkpoint.StateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThatThrownBy(() -> ChecksummedText.read(f))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void when_aTextFileHasBytesThatAreNotUtf8_then_itIsReportedAsCorrupt() throws Exception {
        // found by CheckpointReadersFuzzTest: invalid bytes before the checksum line made the reader
        // checksum past the end of the file (ArrayIndexOutOfBoundsException)
        Path f = dir.resolve("commits/1");
        byte[] head = "\ncr\ncr6c32c:".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = new byte[24];
        Arrays.fill(bad, (byte) 0xc8);
        byte[] tail = "\ncrc32c:00000000\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, b, 0, head.length);
        System.arraycopy(bad, 0, b, head.length, bad.length);
        System.arraycopy(tail, 0, b, head.length + bad.length, tail.length);
        Files.createDirectories(f.getParent());
        Files.write(f, b);
        assertThatThrownBy(() -> ChecksummedText.read(f))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void when_aTextFileIsTruncated_then_itIsReportedAsCorrupt() throws Exception {
        Path f = dir.resolve("metadata");
        AtomicFiles.write(f, ChecksummedText.encode("{\"id\":\"x\"}"));
        Files.write(f, "v1\n{\"id\"".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ChecksummedText.read(f))
                .isInstanceOf(CorruptCheckpointException.class)
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
        assertThatThrownBy(() -> StateFile.read(f))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(f.toString());
        Files.write(f, new byte[] {1, 2, 3});
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

    private static final Schema KV = Schema.of(Field.of("k", DataType.LONG), Field.of("v", DataType.LONG));

    /** Batch b's change: key b set to 10*b, key b-2 removed; the whole state is then keys b-1 and b. */
    private static StateDelta change(long b) {
        Batch removed =
                b >= 2 ? Batch.of(Schema.of(KV.field(0)), LongColumn.of(b - 2)) : Batch.empty(Schema.of(KV.field(0)));
        Batch full = b == 0
                ? kv(new long[] {0}, new long[] {0})
                : kv(new long[] {b - 1, b}, new long[] {10 * (b - 1), 10 * b});
        return new StateDelta(1, kv(new long[] {b}, new long[] {10 * b}), removed, () -> full);
    }

    private static Batch kv(long[] k, long[] v) {
        return Batch.of(KV, LongColumn.of(k), LongColumn.of(v));
    }

    private static void commit(FileCheckpointStore store, long b) {
        store.logOffsets(new OffsetLogEntry(b, List.of(Long.toString(b)), Long.MIN_VALUE, b));
        store.stateStorage("0").write(b, change(b));
        store.commitBatch(b, b * 10);
    }

    private static List<Long> keys(Batch state) {
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < state.numRows(); r++) {
            out.add(state.row(r).getLong("k") * 1000 + state.row(r).getLong("v"));
        }
        return out;
    }

    @Test
    void when_moreBatchesThanRetainedAreCommitted_then_onlyTheNewestAreKeptWithTheStateTheyNeed() {
        FileCheckpointStore store = new FileCheckpointStore(dir, 3, 4);
        store.queryId(UUID.randomUUID());
        store.checkPlan(List.of("agg"), 1);
        for (long b = 0; b <= 20; b++) {
            commit(store, b);
        }
        assertThat(names(dir.resolve("offsets"))).containsExactly("18", "19", "20");
        assertThat(names(dir.resolve("commits"))).containsExactly("18", "19", "20");
        // snapshots every 4 versions (3, 7, ..., 19); 15 is the base batch 17 (before the oldest retained) restores
        // from
        assertThat(names(dir.resolve("state/0/0")))
                .containsExactlyInAnyOrder(
                        "15.snapshot", "16.delta", "17.delta", "18.delta", "19.delta", "19.snapshot", "20.delta");
        FileCheckpointStore reopened = new FileCheckpointStore(dir, 3);
        assertThat(reopened.stateStorage("0").read(17).map(CheckpointFilesTest::keys))
                .hasValue(List.of(16160L, 17170L));
        assertThat(reopened.stateStorage("0").read(18).map(CheckpointFilesTest::keys))
                .hasValue(List.of(17170L, 18180L));
        assertThat(reopened.stateStorage("0").read(20).map(CheckpointFilesTest::keys))
                .hasValue(List.of(19190L, 20200L));
        assertThat(reopened.lastCommittedBatch()).hasValue(20);
        assertThat(reopened.watermarkAfter(20)).hasValue(200);
        assertThat(reopened.lastOffsets())
                .hasValueSatisfying(e -> assertThat(e.sourceOffsets()).containsExactly("20"));
    }

    @Test
    void when_stateChangesEachBatch_then_aDeltaIsWrittenEachBatchAndASnapshotEveryInterval() {
        FileCheckpointStore store = new FileCheckpointStore(dir, 100, 3);
        store.queryId(UUID.randomUUID());
        store.checkPlan(List.of("agg"), 1);
        for (long b = 0; b < 8; b++) {
            commit(store, b);
        }
        assertThat(names(dir.resolve("state/0/0")))
                .containsExactlyInAnyOrder(
                        "0.delta",
                        "1.delta",
                        "2.delta",
                        "2.snapshot",
                        "3.delta",
                        "4.delta",
                        "5.delta",
                        "5.snapshot",
                        "6.delta",
                        "7.delta");
        // each version restores the same, whichever snapshot and deltas it starts from
        for (long v = 1; v < 8; v++) {
            assertThat(store.stateStorage("0").read(v).map(CheckpointFilesTest::keys))
                    .hasValue(List.of((v - 1) * 1000 + (v - 1) * 10, v * 1000 + v * 10));
        }
        assertThat(CheckpointInfo.open(dir).stateSizes().get("0"))
                .isEqualTo(size("5.snapshot") + size("6.delta") + size("7.delta"));
    }

    @Test
    void when_restartingAfterACrashedBatch_then_itsStateFilesAreDeletedAndTheSnapshotScheduleResumes() {
        FileCheckpointStore store = new FileCheckpointStore(dir, 100, 3);
        store.queryId(UUID.randomUUID());
        store.checkPlan(List.of("agg"), 1);
        for (long b = 0; b < 5; b++) {
            commit(store, b);
        }
        store.logOffsets(new OffsetLogEntry(5, List.of("5"), Long.MIN_VALUE, 5));
        store.stateStorage("0").write(5, change(5)); // delta and snapshot 5, then the crash before commits/5
        assertThat(names(dir.resolve("state/0/0"))).contains("5.delta", "5.snapshot");
        FileCheckpointStore restarted = new FileCheckpointStore(dir, 100, 3);
        restarted.checkPlan(List.of("agg"), 1);
        assertThat(names(dir.resolve("state/0/0"))).doesNotContain("5.delta", "5.snapshot");
        assertThat(restarted.stateStorage("0").read(4).map(CheckpointFilesTest::keys))
                .hasValue(List.of(3030L, 4040L));
        restarted.stateStorage("0").write(5, change(5));
        assertThat(names(dir.resolve("state/0/0"))).contains("5.delta", "5.snapshot");
    }

    private long size(String name) {
        try {
            return Files.size(dir.resolve("state/0/0").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Path d) {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
