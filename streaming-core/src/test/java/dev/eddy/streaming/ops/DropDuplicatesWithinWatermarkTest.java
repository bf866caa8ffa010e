package dev.eddy.streaming.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dropDuplicatesWithinWatermark as Spark's StreamingDeduplicateWithinWatermarkExec: a key is held until the watermark
 * reaches its first row's event time plus the delay, rows late by the previous batch's watermark are dropped and
 * counted, the watermark's moves run no-data batches, and the held keys survive a restart from the checkpoint.
 */
class DropDuplicatesWithinWatermarkTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final Schema schema = Schema.of(
            Field.of("ts", DataType.TIMESTAMP), Field.of("id", DataType.STRING), Field.of("v", DataType.LONG));
    private final MemoryStream in = eddy.memoryStream(schema);

    private static Object[] ev(long second, String id, long v) {
        return new Object[] {Instant.ofEpochSecond(second), id, v};
    }

    private Dataset query() {
        return in.toDF().withWatermark("ts", "10 seconds").dropDuplicatesWithinWatermark("id");
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream()
                .map(r -> r.getString("id") + "@" + r.getLong("v"))
                .sorted()
                .toList();
    }

    private static StateOperatorProgress op(QueryTestDriver.TriggerResult t) {
        return t.batches().get(0).stateOperators().get(0);
    }

    @Test
    void when_duplicateArrivesWithinTheDelay_then_onlyTheFirstRowPasses() {
        try (QueryTestDriver d = QueryTestDriver.start(query().writeStream())) {
            in.addData(ev(100, "a", 1), ev(103, "a", 2), ev(101, "b", 3));
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(ids(t.newRows())).containsExactly("a@1", "b@3");
            assertThat(op(t).operatorName()).isEqualTo("dedupeWithinWatermark");
            in.addData(ev(104, "a", 4), ev(99, "b", 5));
            assertThat(d.runTrigger().newRows())
                    .as("duplicates of held keys, not late (watermark 93)")
                    .isEmpty();
        }
    }

    @Test
    void when_watermarkPassesFirstRowTimePlusDelay_then_theKeyIsEvictedAndPassesAgain() {
        try (QueryTestDriver d = QueryTestDriver.start(query().writeStream())) {
            in.addData(ev(100, "a", 1)); // a expires at 110
            d.runTrigger();
            in.addData(ev(119, "b", 2)); // watermark 109: a is still held
            d.runTrigger();
            assertThat(d.stateRows(0)).extracting(r -> r.getString("id")).containsExactlyInAnyOrder("a", "b");
            in.addData(ev(120, "c", 3)); // watermark 110 after this batch: the no-data batch evicts a
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(t.batches())
                    .as("the data batch and the no-data batch the watermark's move makes due")
                    .hasSize(2);
            assertThat(t.batches().get(1).stateOperators().get(0).numRowsRemoved())
                    .isEqualTo(1);
            assertThat(d.stateRows(0)).extracting(r -> r.getString("id")).containsExactlyInAnyOrder("b", "c");
            in.addData(ev(111, "a", 4)); // not late (110 < 111), a was evicted: passes again
            assertThat(ids(d.runTrigger().newRows())).containsExactly("a@4");
        }
    }

    @Test
    void when_rowIsLateByThePreviousBatchsWatermark_then_itIsDroppedAndCounted() {
        try (QueryTestDriver d = QueryTestDriver.start(query().writeStream())) {
            in.addData(ev(100, "a", 1));
            d.runTrigger(); // watermark 90
            in.addData(ev(90, "late", 2), ev(91, "b", 3));
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(ids(t.newRows())).containsExactly("b@3");
            assertThat(op(t).numRowsDroppedByWatermark()).isEqualTo(1);
            assertThat(d.droppedRows().sample())
                    .extracting(r -> r.row().getString("id"))
                    .containsExactly("late");
        }
    }

    @Test
    void when_queryRestartsFromCheckpoint_then_heldKeysAndTheirExpiryAreRestored() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        try (QueryTestDriver d = QueryTestDriver.start(query().writeStream().checkpointStore(store))) {
            in.addData(ev(100, "a", 1), ev(130, "b", 2)); // a expires at 110, b at 140; watermark 120
            d.runTrigger();
            assertThat(d.stateRows(0)).extracting(r -> r.getString("id")).containsExactly("b");
        }
        try (QueryTestDriver d = QueryTestDriver.start(query().writeStream().checkpointStore(store))) {
            in.addData(ev(135, "b", 3), ev(125, "a", 4));
            assertThat(ids(d.runTrigger().newRows()))
                    .as("b is still held, a was evicted")
                    .containsExactly("a@4");
            in.addData(ev(151, "z", 5)); // watermark 141 >= 140: b expires
            d.runTrigger();
            in.addData(ev(142, "b", 6));
            assertThat(ids(d.runTrigger().newRows())).containsExactly("b@6");
        }
    }

    @Test
    void when_streamHasNoWatermark_then_theQueryIsRefusedWithSparksReason() {
        Dataset q = in.toDF().dropDuplicatesWithinWatermark("id");
        assertThatThrownBy(() -> QueryTestDriver.start(q.writeStream()))
                .hasMessageContaining("dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets"
                        + " without watermark");
    }
}
