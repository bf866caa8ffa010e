package dev.eddy.streaming.exec;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.window;
import static dev.eddy.streaming.testing.TimedWords.ev;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import dev.eddy.streaming.testing.QueryTestDriver.TriggerResult;
import dev.eddy.streaming.testing.TimedWords;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's watermark edge cases (EventTimeWatermarkSuite's "event time and watermark metrics", "recovery" and the
 * Trigger.Once cases): the watermark starts at the epoch and is reported from batch 0, it never goes below 0 (so event
 * times near the epoch make no no-data batch), and a restart from a checkpoint restores the watermark and runs no
 * empty batch before new data arrives (unless the old run ended with one due).
 */
class WatermarkEdgeCasesTest {
    private static final String EPOCH = "1970-01-01T00:00:00.000Z";
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(TimedWords.SCHEMA);

    @TempDir
    Path dir;

    private Dataset windowedCount() {
        return in.toDF()
                .withWatermark("ts", "10 seconds")
                .groupBy(window(col("ts"), "10 seconds"))
                .count();
    }

    @Test
    void when_queryHasAWatermark_then_progressReportsTheEpochFromBatchZero() {
        try (QueryTestDriver d =
                QueryTestDriver.start(windowedCount().writeStream().outputMode("append"))) {
            in.addData(ev(100, "a"), ev(104, "b"));
            TriggerResult t = d.runTrigger();
            QueryProgress first = t.batches().get(0);
            assertThat(first.batchId()).isZero();
            assertThat(first.eventTime())
                    .containsEntry("watermark", EPOCH)
                    .containsEntry("min", "1970-01-01T00:01:40.000Z")
                    .containsEntry("max", "1970-01-01T00:01:44.000Z")
                    .containsEntry("avg", "1970-01-01T00:01:42.000Z");
            assertThat(t.batches().get(1).eventTime())
                    .as("the no-data batch reports only the watermark it used")
                    .containsOnlyKeys("watermark")
                    .containsEntry("watermark", "1970-01-01T00:01:34.000Z");
        }
    }

    @Test
    void when_queryHasNoWatermark_then_progressHasNoEventTime() {
        try (QueryTestDriver d = QueryTestDriver.start(
                in.toDF().groupBy(col("word")).count().writeStream().outputMode("update"))) {
            in.addData(ev(100, "a"));
            assertThat(d.runTrigger().progress().eventTime()).isEmpty();
            assertThat(d.watermark()).isEmpty();
        }
    }

    @Test
    void when_eventTimesAreNearTheEpoch_then_theWatermarkStaysAtZeroAndNoEmptyBatchRuns() {
        try (QueryTestDriver d =
                QueryTestDriver.start(windowedCount().writeStream().outputMode("append"))) {
            in.addData(ev(1, "a"), ev(5, "b"));
            TriggerResult t = d.runTrigger();
            assertThat(t.batches())
                    .as("5 s - 10 s is below 0: the watermark does not move, no no-data batch")
                    .hasSize(1);
            assertThat(d.watermark()).contains(Instant.EPOCH);
            in.addData(ev(7, "c"));
            t = d.runTrigger();
            assertThat(t.progress().batchId()).isEqualTo(1);
            assertThat(t.progress().eventTime()).containsEntry("watermark", EPOCH);
            assertThat(t.batches()).hasSize(1);
            in.addData(ev(25, "d"));
            t = d.runTrigger();
            assertThat(t.batches()).extracting(QueryProgress::batchId).containsExactly(2L, 3L);
            assertThat(t.newRows())
                    .as("the no-data batch with watermark 15 s closes [0, 10)")
                    .extracting(r -> r.getLong("count"))
                    .containsExactly(3L);
        }
    }

    @Test
    void when_queryRestartsFromItsCheckpoint_then_noEmptyBatchRunsAndTheWatermarkIsRestored() {
        try (QueryTestDriver d = QueryTestDriver.start(
                windowedCount().writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            in.addData(ev(100, "a"), ev(103, "b"));
            TriggerResult t = d.runTrigger();
            assertThat(t.batches()).extracting(QueryProgress::batchId).containsExactly(0L, 1L);
        }
        try (QueryTestDriver d = QueryTestDriver.start(
                windowedCount().writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            assertThat(d.watermark()).contains(Instant.ofEpochSecond(93));
            assertThat(d.runTrigger().ranNothing())
                    .as("no batch before new data after a restart")
                    .isTrue();
            in.addData(ev(125, "c"));
            TriggerResult t = d.runTrigger();
            assertThat(t.batches()).extracting(QueryProgress::batchId).containsExactly(2L, 3L);
            assertThat(t.progress().eventTime()).containsEntry("watermark", "1970-01-01T00:01:33.000Z");
            assertThat(t.newRows())
                    .as("the window [100, 110) closes at watermark 115 s")
                    .extracting(r -> r.getLong("count"))
                    .containsExactly(2L);
        }
    }

    @Test
    void when_queryWasKilledBeforeItsDueNoDataBatch_then_theRestartRunsThatBatchOnly() {
        Eddy noEmpty =
                Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
        MemoryStream s = noEmpty.memoryStream(in.schema());
        Dataset q = s.toDF()
                .withWatermark("ts", "10 seconds")
                .groupBy(window(col("ts"), "10 seconds"))
                .count();
        try (QueryTestDriver d =
                QueryTestDriver.start(q.writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            s.addData(ev(100, "a"));
            d.runTrigger();
            s.addData(ev(125, "b"));
            d.runTrigger(); // ran with watermark 90 and moved it to 115: a no-data batch is due (but disabled here)
        }
        Eddy later = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream s2 = later.memoryStream(in.schema());
        s2.addData(ev(100, "a"));
        s2.addData(ev(125, "b"));
        Dataset q2 = s2.toDF()
                .withWatermark("ts", "10 seconds")
                .groupBy(window(col("ts"), "10 seconds"))
                .count();
        try (QueryTestDriver d =
                QueryTestDriver.start(q2.writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            assertThat(d.watermark()).contains(Instant.ofEpochSecond(115));
            TriggerResult t = d.runTrigger();
            // Spark would wait for new data here; running the batch the old run had due keeps a crash from holding
            // back windows an uninterrupted run emits (CheckpointKillIT compares both runs row for row)
            assertThat(t.batches()).extracting(QueryProgress::batchId).containsExactly(2L);
            assertThat(t.newRows())
                    .as("watermark 115 s closes [100, 110)")
                    .extracting(r -> r.getLong("count"))
                    .containsExactly(1L);
            assertThat(d.runTrigger().ranNothing()).as("nothing more is due").isTrue();
        }
    }
}
