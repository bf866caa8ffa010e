package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.add;
import static dev.eddy.streaming.api.expr.Functions.and;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.ge;
import static dev.eddy.streaming.api.expr.Functions.interval;
import static dev.eddy.streaming.api.expr.Functions.le;
import static dev.eddy.streaming.api.expr.Functions.sessionWindow;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import dev.eddy.streaming.testing.QueryTestDriver.TriggerResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's late-row rule (SPARK-40925, its IncrementalExecution and WatermarkPropagator): a stateful operator drops an
 * input row as late by the watermark the previous batch ran with, and evicts state (emitting in append mode) by the
 * watermark this batch runs with. So in the data batch right after the one that moved the watermark, a row that only
 * the new watermark makes late still counts. No-data batches are off here (Spark's
 * {@code spark.sql.streaming.noDataMicroBatches.enabled=false}) so that a data batch directly follows the batch that
 * moved the watermark; with them on, the no-data batch in between makes both watermarks equal. Every case: batch 0
 * sees event time 40 s with a 10 s delay (watermark 30 s afterwards); batch 1 gets a row late only by 30 s (kept);
 * batch 2 one late by 30 s, the watermark batch 1 ran with (dropped and counted).
 */
class LateRowRuleTest {
    private final Eddy eddy =
            Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
    private final MemoryStream in =
            eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("user", DataType.STRING)));

    @TempDir
    Path dir;

    private static Object[] ev(long second, String user) {
        return new Object[] {Instant.ofEpochSecond(second), user};
    }

    private static long dropped(TriggerResult t) {
        return t.batches().stream()
                .flatMap(p -> p.stateOperators().stream())
                .mapToLong(s -> s.numRowsDroppedByWatermark())
                .sum();
    }

    private static List<String> strings(List<Row> rows) {
        return rows.stream().map(Object::toString).sorted().collect(Collectors.toList());
    }

    private Dataset windowedCounts(Eddy session, MemoryStream stream) {
        return stream.toDF()
                .withWatermark("ts", "10 seconds")
                .groupBy(window(col("ts"), "10 seconds"))
                .count();
    }

    @Test
    void when_aRowIsLateOnlyByTheWatermarkThatJustMoved_then_theAggregationCountsItAndEmitsItsWindow() {
        try (QueryTestDriver d =
                QueryTestDriver.start(windowedCounts(eddy, in).writeStream().outputMode("append"))) {
            in.addData(ev(10, "a"), ev(40, "b"));
            assertThat(d.runTrigger().newRows()).isEmpty();
            assertThat(d.watermark()).contains(Instant.ofEpochSecond(30));
            in.addData(ev(15, "c"));
            TriggerResult t = d.runTrigger();
            QueryProgress p = t.progress();
            assertThat(p.eventTime()).containsEntry("watermark", "1970-01-01T00:00:30.000Z");
            assertThat(dropped(t))
                    .as("[10, 20) ends at 20 s: late by 30 s, not by batch 0's 0 s")
                    .isZero();
            assertThat(t.newRows())
                    .as("evicted by 30 s in the same batch, with the row in it")
                    .extracting(r -> r.getLong("count"))
                    .containsExactly(2L);
            in.addData(ev(12, "d"));
            t = d.runTrigger();
            assertThat(dropped(t))
                    .as("late by 30 s, the watermark batch 1 ran with")
                    .isEqualTo(1);
            assertThat(t.newRows()).isEmpty();
            assertThat(d.droppedRows().sample()).singleElement().satisfies(r -> {
                assertThat(r.batchId()).isEqualTo(2);
                assertThat(r.watermark())
                        .as("recorded with the watermark it was late by")
                        .isEqualTo(Instant.ofEpochSecond(30));
            });
        }
    }

    @Test
    void when_aNoDataBatchRanInBetween_then_theSameRowIsLateByTheWatermarkThatBatchRanWith() {
        Eddy withNoData = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream s = withNoData.memoryStream(in.schema());
        try (QueryTestDriver d = QueryTestDriver.start(
                windowedCounts(withNoData, s).writeStream().outputMode("append"))) {
            s.addData(ev(10, "a"), ev(40, "b"));
            TriggerResult t = d.runTrigger();
            assertThat(t.batches()).hasSize(2);
            assertThat(t.newRows()).extracting(r -> r.getLong("count")).containsExactly(1L);
            s.addData(ev(15, "c"));
            t = d.runTrigger();
            assertThat(dropped(t)).isEqualTo(1);
            assertThat(t.newRows()).isEmpty();
        }
    }

    @Test
    void when_aRowIsLateOnlyByTheNewWatermark_then_dropDuplicatesPassesIt() {
        Dataset q = in.toDF().withWatermark("ts", "10 seconds").dropDuplicates("user", "ts");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            in.addData(ev(40, "ann"));
            assertThat(d.runTrigger().newRows()).hasSize(1);
            in.addData(ev(25, "bob"), ev(40, "ann"));
            TriggerResult t = d.runTrigger();
            assertThat(dropped(t)).isZero();
            assertThat(t.newRows()).extracting(r -> r.getString("user")).containsExactly("bob");
            in.addData(ev(26, "cid"));
            t = d.runTrigger();
            assertThat(dropped(t)).isEqualTo(1);
            assertThat(t.newRows()).isEmpty();
        }
    }

    @Test
    void when_aRowIsLateOnlyByTheNewWatermark_then_itOpensASessionThatClosesInTheSameBatch() {
        Dataset q = in.toDF()
                .withWatermark("ts", "10 seconds")
                .groupBy(sessionWindow(col("ts"), "5 seconds"), col("user"))
                .count();
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("append"))) {
            in.addData(ev(40, "ann"));
            assertThat(d.runTrigger().newRows()).isEmpty();
            in.addData(ev(22, "bob"));
            TriggerResult t = d.runTrigger();
            assertThat(dropped(t))
                    .as("[22, 27) ends at 27 s: late by 30 s only")
                    .isZero();
            assertThat(t.newRows())
                    .extracting(r -> r.getString("user") + " " + r.getLong("count"))
                    .containsExactly("bob 1");
            in.addData(ev(23, "cid"));
            t = d.runTrigger();
            assertThat(dropped(t)).isEqualTo(1);
            assertThat(t.newRows()).isEmpty();
        }
    }

    @Test
    void when_aRowIsLateOnlyByTheNewWatermark_then_theStreamStreamJoinStillMatchesIt() {
        MemoryStream clicks =
                eddy.memoryStream(Schema.of(Field.of("cts", DataType.TIMESTAMP), Field.of("cuser", DataType.STRING)));
        Dataset q = in.toDF()
                .withWatermark("ts", "10 seconds")
                .join(
                        clicks.toDF().withWatermark("cts", "10 seconds"),
                        and(
                                eq(col("user"), col("cuser")),
                                and(ge(col("cts"), col("ts")), le(col("cts"), add(col("ts"), interval("60 seconds"))))),
                        "inner");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            in.addData(ev(40, "ann"));
            clicks.addData(ev(40, "ann"));
            assertThat(d.runTrigger().newRows()).hasSize(1);
            assertThat(d.watermark()).contains(Instant.ofEpochSecond(30));
            in.addData(ev(25, "bob"));
            clicks.addData(ev(35, "bob"));
            TriggerResult t = d.runTrigger();
            assertThat(dropped(t)).isZero();
            assertThat(t.newRows()).extracting(r -> r.getString("user")).containsExactly("bob");
            in.addData(ev(26, "cid"));
            clicks.addData(ev(36, "cid"));
            t = d.runTrigger();
            assertThat(dropped(t)).as("the impression at 26 s is late by 30 s").isEqualTo(1);
            assertThat(t.newRows()).isEmpty();
        }
    }

    @Test
    void when_aRowIsLateOnlyByTheNewWatermark_then_flatMapGroupsWithStateWithEventTimeTimeoutGetsIt() {
        Schema out = Schema.of(Field.of("user", DataType.STRING), Field.of("rows", DataType.LONG));
        Dataset q = in.toDF()
                .withWatermark("ts", "10 seconds")
                .groupByKey("user")
                .<Long>flatMapGroupsWithState(out, GroupStateTimeout.EVENT_TIME_TIMEOUT, (key, rows, state, emit) -> {
                    long n = state.getOption().orElse(0L);
                    while (rows.hasNext()) {
                        rows.next();
                        n++;
                    }
                    state.update(n);
                    state.setTimeoutTimestamp(1_000_000);
                    emit.emit(key.getString("user"), n);
                });
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("update"))) {
            in.addData(ev(40, "ann"));
            assertThat(strings(d.runTrigger().newRows())).containsExactly("[ann, 1]");
            in.addData(ev(25, "bob"));
            TriggerResult t = d.runTrigger();
            assertThat(dropped(t)).isZero();
            assertThat(strings(t.newRows())).containsExactly("[bob, 1]");
            in.addData(ev(26, "cid"), ev(41, "ann"));
            t = d.runTrigger();
            assertThat(dropped(t))
                    .as("with an event-time timeout, rows late by 30 s are dropped")
                    .isEqualTo(1);
            assertThat(strings(t.newRows())).containsExactly("[ann, 2]");
        }
    }

    @Test
    void when_theQueryRestarts_then_itsFirstBatchFindsLateRowsByTheWatermarkOfTheLastLoggedBatch() {
        try (QueryTestDriver d = QueryTestDriver.start(
                windowedCounts(eddy, in).writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            in.addData(ev(10, "a"), ev(40, "b"));
            d.runTrigger();
        }
        try (QueryTestDriver d = QueryTestDriver.start(
                windowedCounts(eddy, in).writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            in.addData(ev(15, "c"));
            TriggerResult t = d.runTrigger();
            assertThat(t.progress().batchId()).isEqualTo(1);
            assertThat(dropped(t))
                    .as("offsets/0 says batch 0 ran with watermark 0")
                    .isZero();
            assertThat(t.newRows()).extracting(r -> r.getLong("count")).containsExactly(2L);
        }
        try (QueryTestDriver d = QueryTestDriver.start(
                windowedCounts(eddy, in).writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            in.addData(ev(16, "e"));
            TriggerResult t = d.runTrigger();
            assertThat(dropped(t))
                    .as("offsets/1 says batch 1 ran with watermark 30 s")
                    .isEqualTo(1);
        }
    }
}
