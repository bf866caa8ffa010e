package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.window;
import static dev.eddy.streaming.testing.TimedWords.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.checkpoint.OffsetLogEntry;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import dev.eddy.streaming.testing.TimedWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several watermarked inputs, with Spark's rules (EventTimeWatermarkSuite "watermark with 2 streams" and
 * "MultipleWatermarkPolicy"): the global watermark starts at the epoch, stays there until every watermarked input
 * has seen data, then is the minimum of the inputs' watermarks (or the maximum with policy "max"), and never goes
 * back. A restart restores the global value, while each input's own watermark starts again from nothing.
 */
class UnionWatermarkTest {
    private final Schema schema = TimedWords.SCHEMA;

    @TempDir
    Path dir;

    private static Optional<Instant> sec(long s) {
        return Optional.of(Instant.ofEpochSecond(s));
    }

    /** Two inputs, delays 10 s (first) and 5 s (second), passed through: only the watermark is observed. */
    private static Dataset passThrough(MemoryStream first, MemoryStream second) {
        return first.toDF()
                .withWatermark("ts", "10 seconds")
                .union(second.toDF().withWatermark("ts", "5 seconds"));
    }

    @Test
    void when_onlyOneInputHasSeenData_then_theGlobalWatermarkStaysAtTheEpoch() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream first = eddy.memoryStream(schema);
        MemoryStream second = eddy.memoryStream(schema);
        try (QueryTestDriver d =
                QueryTestDriver.start(passThrough(first, second).writeStream())) {
            assertThat(d.watermark())
                    .as("a query with a watermark starts at the epoch")
                    .contains(Instant.EPOCH);
            first.addData(ev(11, "a"));
            d.runTrigger();
            assertThat(d.watermark())
                    .as("the second input has no data yet: it counts as 0")
                    .contains(Instant.EPOCH);
            second.addData(ev(6, "b"));
            d.runTrigger();
            assertThat(d.watermark()).as("min(11-10, 6-5)").isEqualTo(sec(1));
            second.addData(ev(8, "c"));
            d.runTrigger();
            assertThat(d.watermark()).as("min(1, 3): the first input holds it").isEqualTo(sec(1));
            first.addData(ev(21, "d"));
            d.runTrigger();
            assertThat(d.watermark()).as("min(11, 3): now the second holds it").isEqualTo(sec(3));
            first.addData(ev(100, "e"));
            second.addData(ev(100, "f"));
            d.runTrigger();
            assertThat(d.watermark())
                    .as("data on both sides in one batch: min(90, 95)")
                    .isEqualTo(sec(90));
            first.addData(ev(50, "g"));
            second.addData(ev(60, "h"));
            d.runTrigger();
            assertThat(d.watermark()).as("older data never moves it back").isEqualTo(sec(90));
        }
    }

    @Test
    void when_theSlowInputsFirstRowsArrive_then_theyAreOnTimeNotDroppedAsLate() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream fast = eddy.memoryStream(schema);
        MemoryStream slow = eddy.memoryStream(schema);
        Dataset counts = fast.toDF()
                .withWatermark("ts", "10 seconds")
                .union(slow.toDF().withWatermark("ts", "10 seconds"))
                .groupBy(window(col("ts"), "10 seconds"))
                .count();
        try (QueryTestDriver d = QueryTestDriver.start(counts.writeStream().outputMode("update"))) {
            fast.addData(ev(100, "a"));
            d.runTrigger();
            slow.addData(ev(85, "b"));
            var t = d.runTrigger();
            assertThat(t.progress().eventTime()).containsEntry("watermark", "1970-01-01T00:00:00.000Z");
            assertThat(t.progress().stateOperators().get(0).numRowsDroppedByWatermark())
                    .isZero();
            assertThat(t.newRows()).extracting(r -> r.getLong("count")).containsExactly(1L);
            assertThat(d.droppedRows().total()).isZero();
            assertThat(d.watermark()).as("min(90, 75)").isEqualTo(sec(75));
        }
    }

    @Test
    void when_queryRestarts_then_theGlobalWatermarkIsRestoredButEachInputStartsAgain() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream first = eddy.memoryStream(schema);
        MemoryStream second = eddy.memoryStream(schema);
        try (QueryTestDriver d =
                QueryTestDriver.start(passThrough(first, second).writeStream().checkpointLocation(dir.toString()))) {
            first.addData(ev(200, "a"));
            second.addData(ev(190, "b"));
            d.runTrigger();
            assertThat(d.watermark()).isEqualTo(sec(185));
        }
        try (QueryTestDriver d =
                QueryTestDriver.start(passThrough(first, second).writeStream().checkpointLocation(dir.toString()))) {
            assertThat(d.watermark()).as("restored from the checkpoint").isEqualTo(sec(185));
            second.addData(ev(200, "c"));
            var t = d.runTrigger();
            assertThat(t.progress().eventTime()).containsEntry("watermark", "1970-01-01T00:03:05.000Z");
            assertThat(d.watermark())
                    .as("the first input has no data in this run: it counts as 0")
                    .isEqualTo(sec(185));
            first.addData(ev(200, "d"));
            d.runTrigger();
            assertThat(d.watermark()).as("min(190, 195)").isEqualTo(sec(190));
        }
    }

    @Test
    void when_policyIsMax_then_theFastestInputMovesTheWatermark() {
        Eddy eddy = Eddy.builder()
                .clock(new ManualClock(0))
                .multipleWatermarkPolicy("max")
                .build();
        MemoryStream first = eddy.memoryStream(schema);
        MemoryStream second = eddy.memoryStream(schema);
        Dataset both = first.toDF()
                .withWatermark("ts", "10 seconds")
                .union(second.toDF().withWatermark("ts", "15 seconds"));
        try (QueryTestDriver d = QueryTestDriver.start(both.writeStream())) {
            first.addData(ev(20, "a"));
            second.addData(ev(30, "b"));
            d.runTrigger();
            assertThat(d.watermark()).as("max(20-10, 30-15)").isEqualTo(sec(15));
            first.addData(ev(150, "c"));
            d.runTrigger();
            assertThat(d.watermark()).as("one input is enough").isEqualTo(sec(140));
        }
        MemoryStream third = eddy.memoryStream(schema);
        MemoryStream fourth = eddy.memoryStream(schema);
        Dataset minBoth = third.toDF()
                .withWatermark("ts", "10 seconds")
                .union(fourth.toDF().withWatermark("ts", "15 seconds"));
        try (QueryTestDriver d =
                QueryTestDriver.start(minBoth.writeStream().option("multipleWatermarkPolicy", "min"))) {
            third.addData(ev(20, "a"));
            fourth.addData(ev(30, "b"));
            d.runTrigger();
            assertThat(d.watermark()).as("the writer option wins: min(10, 15)").isEqualTo(sec(10));
        }
        assertThatThrownBy(() -> Eddy.builder().multipleWatermarkPolicy("avg")).hasMessageContaining("'min' or 'max'");
    }

    @Test
    void when_queryRestartsWithTheOtherPolicy_then_itKeepsThePolicyItsCheckpointRecorded() throws Exception {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream first = eddy.memoryStream(schema);
        MemoryStream second = eddy.memoryStream(schema);
        try (QueryTestDriver d = QueryTestDriver.start(passThrough(first, second)
                .writeStream()
                .checkpointLocation(dir.toString())
                .option("multipleWatermarkPolicy", "max"))) {
            first.addData(ev(100, "a"));
            second.addData(ev(50, "b"));
            d.runTrigger();
            assertThat(d.watermark()).as("max(90, 45)").isEqualTo(sec(90));
        }
        assertThat(Files.readString(dir.resolve("offsets").resolve("0")))
                .as("Spark's offset-log conf")
                .contains("\"spark.sql.streaming.multipleWatermarkPolicy\":\"max\"");
        try (QueryTestDriver d = QueryTestDriver.start(passThrough(first, second)
                .writeStream()
                .checkpointLocation(dir.toString())
                .option("multipleWatermarkPolicy", "min"))) {
            first.addData(ev(200, "c"));
            second.addData(ev(60, "d"));
            d.runTrigger();
            assertThat(d.watermark()).as("still max(190, 55), not min").isEqualTo(sec(190));
        }
        assertThat(Files.readString(dir.resolve("offsets").resolve("1"))).contains("\"max\"");
    }

    @Test
    void when_aCheckpointRecordsNoPolicy_then_aRestartUsesMinAsSparkDoesForOldCheckpoints() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream first = eddy.memoryStream(schema);
        MemoryStream second = eddy.memoryStream(schema);
        var store = new InMemoryCheckpointStore();
        store.logOffsets(new OffsetLogEntry(0, List.of(), 0, 0));
        store.commitBatch(0, 0);
        try (QueryTestDriver d = QueryTestDriver.start(passThrough(first, second)
                .writeStream()
                .checkpointStore(store)
                .option("multipleWatermarkPolicy", "max"))) {
            first.addData(ev(100, "a"));
            second.addData(ev(50, "b"));
            d.runTrigger();
            assertThat(d.watermark()).as("min(90, 45)").isEqualTo(sec(45));
        }
    }

    @Test
    void when_unionInputsDifferInTypes_then_errorNamesTheColumn() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream fast = eddy.memoryStream(schema);
        MemoryStream other =
                eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("n", DataType.LONG)));
        assertThatThrownBy(() -> fast.toDF().union(other.toDF())).hasMessageContaining("union column 2");
    }
}
