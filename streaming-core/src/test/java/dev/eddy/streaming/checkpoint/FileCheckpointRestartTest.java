package dev.eddy.streaming.checkpoint;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.current_timestamp;
import static dev.eddy.streaming.api.expr.Functions.window;
import static dev.eddy.streaming.testing.TimedWords.ev;
import static dev.eddy.streaming.testing.TimedWords.windowedCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.internal.checkpoint.FileCheckpointStore;
import dev.eddy.streaming.testing.QueryTestDriver;
import dev.eddy.streaming.testing.TimedWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointRestartTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private final MemoryStream in = eddy.memoryStream(TimedWords.SCHEMA);

    @TempDir
    Path dir;

    private QueryTestDriver start(Dataset q, String mode) {
        return QueryTestDriver.start(q.writeStream().outputMode(mode).checkpointLocation(dir.toString()));
    }

    private static long count(List<Row> rows, String word) {
        return rows.stream()
                .filter(r -> r.getString("word").equals(word))
                .mapToLong(r -> r.getLong("count"))
                .findFirst()
                .orElse(-1);
    }

    @Test
    void when_queryRestarts_then_aggregationStateAndWatermarkAndIdAreRestored() {
        String id;
        String runId;
        long watermark;
        try (QueryTestDriver d = start(windowedCounts(in.toDF()), "update")) {
            in.addData(ev(100, "cat"), ev(101, "cat"));
            d.runTrigger();
            in.addData(ev(125, "dog"));
            d.runTrigger();
            id = d.lastProgress().id();
            runId = d.lastProgress().runId();
            watermark = d.watermark().orElseThrow().toEpochMilli();
        }
        assertThat(dir.resolve("state/0/0")).isDirectory();
        in.addData(ev(127, "dog"), ev(103, "cat"));
        try (QueryTestDriver d = start(windowedCounts(in.toDF()), "update")) {
            assertThat(d.stateRows(0)).hasSize(1);
            var t = d.runTrigger();
            var first = t.batches().get(0);
            assertThat(first.id()).isEqualTo(id);
            assertThat(first.runId()).isNotEqualTo(runId);
            // batches 0..3 ran before (2 and 3 were no-data batches that moved the watermark and evicted cat)
            assertThat(first.batchId()).isEqualTo(4);
            // dog's window kept counting from the restored state; cat's window ended before the restored watermark
            assertThat(count(t.newRows(), "dog")).isEqualTo(2);
            assertThat(count(t.newRows(), "cat")).isEqualTo(-1);
            assertThat(first.stateOperators().get(0).numRowsDroppedByWatermark())
                    .isEqualTo(1);
            assertThat(watermark).isEqualTo(115_000);
        }
    }

    @Test
    void when_batchCrashesAfterTheSinkBeforeCommit_then_restartReplaysItOnceIntoTheMemoryTable() {
        Dataset q = windowedCounts(in.toDF());
        in.addData(ev(100, "cat"));
        CheckpointStore failing = new FailingCommitStore(new FileCheckpointStore(dir, 100), 1);
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream()
                .outputMode("complete")
                .queryName("counts")
                .format("memory")
                .checkpointStore(failing))) {
            d.runTrigger();
            in.addData(ev(101, "cat"));
            assertThatThrownBy(d::runTrigger).hasMessageContaining("crash before commit");
        }
        assertThat(new FileCheckpointStore(dir, 100).lastCommittedBatch()).hasValue(0);
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream()
                .outputMode("complete")
                .queryName("counts")
                .format("memory")
                .checkpointLocation(dir.toString()))) {
            var t = d.runTrigger();
            assertThat(t.progress().batchId()).isEqualTo(1);
            assertThat(t.progress().numInputRows()).isEqualTo(1);
            List<Row> table = eddy.memoryTable("counts").toRows();
            assertThat(count(table, "cat")).isEqualTo(2);
            assertThat(table).hasSize(1);
        }
    }

    @Test
    void when_aBatchIsRunAgainAfterACrash_then_currentTimestampIsItsLoggedBatchTime() {
        // Spark re-runs a logged but uncommitted batch with the batch timestamp of its offsets/N entry
        Dataset q = in.toDF().select(col("word"), current_timestamp().as("at"));
        CheckpointStore failing = new FailingCommitStore(new FileCheckpointStore(dir, 100), 0);
        Instant planned = Instant.ofEpochMilli(clock.millis());
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream()
                .outputMode("append")
                .queryName("times")
                .format("memory")
                .checkpointStore(failing))) {
            in.addData(ev(100, "cat"));
            assertThatThrownBy(d::runTrigger).hasMessageContaining("crash before commit");
        }
        clock.advance(60_000);
        try (QueryTestDriver d = QueryTestDriver.start(
                q.writeStream().outputMode("append").queryName("times").checkpointLocation(dir.toString()))) {
            var t = d.runTrigger();
            assertThat(t.progress().batchId()).isZero();
            assertThat(t.newRows()).extracting(r -> r.getTimestamp("at")).containsExactly(planned);
            in.addData(ev(101, "dog"));
            assertThat(d.runTrigger().newRows())
                    .as("the next batch is planned now")
                    .extracting(r -> r.getTimestamp("at"))
                    .containsExactly(planned.plusSeconds(60));
        }
    }

    @Test
    void when_aggregationKeysChange_then_restartFailsNamingTheOldAndNewOperator() {
        try (QueryTestDriver d = start(windowedCounts(in.toDF()), "update")) {
            in.addData(ev(100, "cat"));
            d.runTrigger();
        }
        Dataset changed =
                in.toDF().withWatermark("ts", "10 seconds").groupBy(col("word")).count();
        assertThatThrownBy(() -> start(changed, "update").close())
                .hasMessageContaining("checkpoint at " + dir)
                .hasMessageContaining("window")
                .hasMessageContaining("this query has");
    }

    @Test
    void when_aStatelessFilterIsAdded_then_theQueryResumesFromTheOldCheckpoint() {
        try (QueryTestDriver d = start(windowedCounts(in.toDF()), "update")) {
            in.addData(ev(100, "cat"));
            d.runTrigger();
        }
        Dataset filtered = in.toDF()
                .withWatermark("ts", "10 seconds")
                .filter(col("word").equalTo("cat"))
                .groupBy(window(col("ts"), "10 seconds"), col("word"))
                .count();
        in.addData(ev(101, "cat"), ev(102, "dog"));
        try (QueryTestDriver d = start(filtered, "update")) {
            var t = d.runTrigger();
            assertThat(count(t.newRows(), "cat")).isEqualTo(2);
            assertThat(count(t.newRows(), "dog")).isEqualTo(-1);
        }
    }

    @Test
    void when_anOffsetsFileIsCorrupted_then_startFailsNamingItAndNothingIsOverwritten() throws Exception {
        try (QueryTestDriver d = start(windowedCounts(in.toDF()), "update")) {
            in.addData(ev(100, "cat"));
            d.runTrigger();
        }
        long[] logged = Files.list(dir.resolve("offsets"))
                .map(p -> p.getFileName().toString())
                .filter(n -> !n.startsWith("."))
                .mapToLong(Long::parseLong)
                .sorted()
                .toArray();
        Path f = dir.resolve("offsets/" + logged[logged.length - 1]);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x10;
        Files.write(f, b);
        long before = Files.getLastModifiedTime(f).toMillis();
        in.addData(ev(101, "cat"));
        assertThatThrownBy(() -> start(windowedCounts(in.toDF()), "update").close())
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(f.toString());
        assertThat(Files.readAllBytes(f)).containsExactly(b);
        assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(before);
        assertThat(dir.resolve("offsets/" + (logged[logged.length - 1] + 1))).doesNotExist();
    }

    @Test
    void when_aStateSnapshotIsCorrupted_then_restartFailsNamingItAndTheFileIsKept() throws Exception {
        try (QueryTestDriver d = QueryTestDriver.start(windowedCounts(in.toDF())
                .writeStream()
                .outputMode("update")
                .option("stateSnapshotInterval", "1")
                .checkpointLocation(dir.toString()))) {
            in.addData(ev(100, "cat"));
            d.runTrigger();
        }
        long last;
        try (var s = Files.list(dir.resolve("state/0/0"))) {
            last = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".snapshot"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, n.indexOf('.'))))
                    .max()
                    .orElseThrow();
        }
        Path f = dir.resolve("state/0/0/" + last + ".snapshot");
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x01;
        Files.write(f, b);
        in.addData(ev(101, "cat"));
        assertThatThrownBy(() -> {
                    try (QueryTestDriver d = start(windowedCounts(in.toDF()), "update")) {
                        d.runTrigger();
                    }
                })
                .hasStackTraceContaining("corrupted checkpoint file " + f)
                .hasStackTraceContaining("checksum mismatch");
        assertThat(Files.readAllBytes(f)).containsExactly(b);
    }

    /** Delegates to a file store but fails the commit of one batch, like a crash between sink and commit. */
    private static final class FailingCommitStore extends ForwardingCheckpointStore {
        private final long failAt;

        FailingCommitStore(FileCheckpointStore inner, long failAt) {
            super(inner);
            this.failAt = failAt;
        }

        @Override
        public void commitBatch(long batchId, long wm) {
            if (batchId == failAt) {
                throw new IllegalStateException("crash before commit of batch " + batchId);
            }
            super.commitBatch(batchId, wm);
        }
    }
}
