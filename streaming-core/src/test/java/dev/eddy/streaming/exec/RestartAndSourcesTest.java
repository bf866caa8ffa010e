package dev.eddy.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.checkpoint.StateStorage;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.checkpoint.ForwardingCheckpointStore;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RestartAndSourcesTest {
    private final ManualClock clock = new ManualClock(10_000);
    private final Eddy eddy = Eddy.builder().clock(clock).build();

    @Test
    void when_queryRestartsFromItsCheckpoint_then_itResumesAfterTheLastCommittedBatchWithTheSameId() {
        MemoryStream in = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));
        CheckpointStore store = new InMemoryCheckpointStore();
        Dataset q = in.toDF();
        String firstId;
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().checkpointStore(store))) {
            in.addData(new Object[] {"a"});
            d.runTrigger();
            in.addData(new Object[] {"b"});
            d.runTrigger();
            firstId = d.lastProgress().id();
        }
        in.addData(new Object[] {"c"});
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().checkpointStore(store))) {
            var t = d.runTrigger();
            assertThat(t.newRows()).extracting(r -> r.getString("word")).containsExactly("c");
            assertThat(t.progress().batchId()).isEqualTo(2);
            assertThat(t.progress().id()).isEqualTo(firstId);
            assertThat(t.progress().runId()).isNotEqualTo(firstId);
        }
    }

    @Test
    void when_lastBatchWasLoggedButNotCommitted_then_itIsReplayedWithTheLoggedOffsets() {
        MemoryStream in = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));
        List<String> calls = new ArrayList<>();
        InMemoryCheckpointStore inner = new InMemoryCheckpointStore();
        CheckpointStore crashing = new RecordingStore(inner, calls);
        try (QueryTestDriver d = QueryTestDriver.start(in.toDF().writeStream().checkpointStore(crashing))) {
            in.addData(new Object[] {"a"});
            d.runTrigger();
        }
        // simulate a crash after offsets/1 was written but before commits/1
        in.addData(new Object[] {"b"});
        inner.logOffsets(new OffsetLogEntry(1, List.of("2"), Long.MIN_VALUE, clock.millis()));
        in.addData(new Object[] {"c"});
        try (QueryTestDriver d = QueryTestDriver.start(in.toDF().writeStream().checkpointStore(inner))) {
            var replay = d.runTrigger();
            assertThat(replay.progress().batchId()).isEqualTo(1);
            assertThat(replay.newRows()).extracting(r -> r.getString("word")).containsExactly("b");
            var next = d.runTrigger();
            assertThat(next.newRows()).extracting(r -> r.getString("word")).containsExactly("c");
        }
        assertThat(calls).containsExactly("log 0", "commit 0");
    }

    @Test
    void when_rateSourceRunsOnTheManualClock_then_rowsFollowElapsedTime() {
        Dataset rate =
                eddy.readStream().format("rate").option("rowsPerSecond", 4).load();
        assertThat(rate.schema().names()).containsExactly("timestamp", "value");
        try (QueryTestDriver d = QueryTestDriver.start(rate.writeStream())) {
            assertThat(d.runTrigger().ranNothing()).isTrue();
            d.advanceTime(Duration.ofMillis(1500));
            List<Row> rows = d.runTrigger().newRows();
            assertThat(rows).extracting(r -> r.getLong("value")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(rows.get(5).getTimestamp("timestamp")).isEqualTo(Instant.ofEpochMilli(10_000 + 1250));
        }
    }

    @Test
    void when_rateSourceFallsFarBehind_then_batchesAreCappedAndCatchUp() {
        Dataset rate = eddy.readStream()
                .format("rate")
                .option("rowsPerSecond", 10)
                .option("maxRowsPerBatch", 25)
                .load();
        try (QueryTestDriver d = QueryTestDriver.start(rate.writeStream())) {
            d.advanceTime(Duration.ofSeconds(6));
            assertThat(d.runTrigger().newRows()).hasSize(25);
            assertThat(d.runTrigger().newRows()).hasSize(25);
            assertThat(d.runTrigger().newRows()).hasSize(10);
            assertThat(d.runTrigger().ranNothing()).isTrue();
        }
    }

    @Test
    void when_ratePerBatchSourceRuns_then_everyTriggerGetsExactlyItsRows() {
        Dataset rate = eddy.readStream()
                .format("rate-per-batch")
                .option("rowsPerBatch", 3)
                .option("startTimestamp", 1000)
                .option("advanceMillisPerBatch", 500)
                .load();
        try (QueryTestDriver d = QueryTestDriver.start(rate.writeStream())) {
            d.runTrigger();
            List<Row> second = d.runTrigger().newRows();
            assertThat(second).extracting(r -> r.getLong("value")).containsExactly(3L, 4L, 5L);
            assertThat(second.get(0).getTimestamp("timestamp")).isEqualTo(Instant.ofEpochMilli(1500));
            QueryProgress p = d.lastProgress();
            assertThat(p.sources().get(0).startOffset()).isEqualTo("1");
            assertThat(p.sources().get(0).endOffset()).isEqualTo("2");
        }
    }

    /** Records the checkpoint calls. */
    private static final class RecordingStore extends ForwardingCheckpointStore {
        private final List<String> calls;

        RecordingStore(InMemoryCheckpointStore inner, List<String> calls) {
            super(inner);
            this.calls = calls;
        }

        @Override
        public void logOffsets(OffsetLogEntry entry) {
            calls.add("log " + entry.batchId());
            super.logOffsets(entry);
        }

        @Override
        public void commitBatch(long batchId, long nextWatermarkMicros) {
            calls.add("commit " + batchId);
            super.commitBatch(batchId, nextWatermarkMicros);
        }

        @Override
        public void checkPlan(List<String> statefulOperators, int numSources) {}

        @Override
        public OptionalLong watermarkAfter(long batchId) {
            return OptionalLong.empty();
        }

        /** Keeps no state (as the store it records for). */
        @Override
        public StateStorage stateStorage(String operatorId) {
            return StateStorage.NONE;
        }
    }
}
