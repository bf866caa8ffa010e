package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.add;
import static dev.eddy.streaming.api.expr.Functions.and;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.ge;
import static dev.eddy.streaming.api.expr.Functions.interval;
import static dev.eddy.streaming.api.expr.Functions.le;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import dev.eddy.streaming.testing.QueryTestDriver.TriggerResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Chains of stateful operators, Spark's WatermarkPropagator: each operator evicts by (and finds late rows by) its own
 * input watermark, the least of what its inputs hand on; a stream-stream join hands on the least of its sides' state
 * watermarks (its time bound below the query's watermark), an aggregation or dropDuplicates its input watermark.
 */
class WatermarkPropagationTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream imps =
            eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("ad", DataType.STRING)));
    private final MemoryStream clicks =
            eddy.memoryStream(Schema.of(Field.of("cts", DataType.TIMESTAMP), Field.of("cad", DataType.STRING)));

    private static Object[] ev(long second, String ad) {
        return new Object[] {Instant.ofEpochSecond(second), ad};
    }

    /** Impressions joined by a join of {@code type} with the clicks on the same ad within 20 s, both watermarked 10 s. */
    private Dataset clicksWithin20s(String type) {
        return imps.toDF()
                .withWatermark("ts", "10 seconds")
                .join(
                        clicks.toDF().withWatermark("cts", "10 seconds"),
                        and(
                                eq(col("ad"), col("cad")),
                                and(ge(col("cts"), col("ts")), le(col("cts"), add(col("ts"), interval("20 seconds"))))),
                        type);
    }

    private Dataset clicksPerWindowAfterJoin() {
        // a click counts within 20 s after its impression: lo = -20 s on ts - cts, so the join hands on watermark - 20
        // s
        Dataset joined = clicksWithin20s("inner");
        return joined.groupBy(window(col("cts"), "10 seconds")).count();
    }

    @Test
    void when_anAggregationFollowsAStreamStreamJoin_then_itEvictsByTheJoinsOutputWatermark() {
        try (QueryTestDriver d =
                QueryTestDriver.start(clicksPerWindowAfterJoin().writeStream().outputMode("append"))) {
            imps.addData(ev(100, "A"));
            clicks.addData(ev(105, "A"));
            assertThat(d.runTrigger().newRows()).isEmpty();
            imps.addData(ev(130, "B"));
            clicks.addData(ev(131, "B"));
            TriggerResult t = d.runTrigger();
            assertThat(t.batches()).extracting(QueryProgress::batchId).containsExactly(2L, 3L);
            assertThat(t.batches().get(1).eventTime()).containsEntry("watermark", "1970-01-01T00:02:00.000Z");
            assertThat(t.newRows())
                    .as("the query's watermark is 120 s, the aggregation's 100 s: [100, 110) stays")
                    .isEmpty();
            imps.addData(ev(150, "C"));
            clicks.addData(ev(151, "C"));
            t = d.runTrigger();
            assertThat(t.newRows())
                    .as("at 140 s the aggregation's watermark is 120 s")
                    .hasSize(1)
                    .allSatisfy(r -> assertThat(r.getLong("count")).isEqualTo(1L));
        }
    }

    @Test
    void when_aLeftOuterJoinEmitsAnUnmatchedRowAtEviction_then_theAggregationAfterItCountsThatRow() {
        Dataset joined = clicksWithin20s("left_outer");
        Dataset perWindow = joined.groupBy(window(col("ts"), "10 seconds")).count();
        try (QueryTestDriver d = QueryTestDriver.start(perWindow.writeStream().outputMode("append"))) {
            imps.addData(ev(100, "A"));
            clicks.addData(ev(140, "X"));
            assertThat(d.runTrigger().newRows()).isEmpty();
            imps.addData(ev(200, "Z"));
            clicks.addData(ev(200, "Y"));
            TriggerResult t = d.runTrigger();
            long dropped = t.batches().stream()
                    .flatMap(p -> p.stateOperators().stream())
                    .mapToLong(s -> s.numRowsDroppedByWatermark())
                    .sum();
            assertThat(dropped)
                    .as("A (100 s) leaves the join at its watermark 170 s, below the query's 190 s;"
                            + " the aggregation after it finds rows late by 170 s's predecessor, not by 190 s")
                    .isZero();
            assertThat(t.newRows())
                    .as("[100, 110) with the unmatched A, closed by the aggregation's 170 s")
                    .singleElement()
                    .satisfies(r -> assertThat(r.getLong("count")).isEqualTo(1L));
        }
    }
}
