package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.window;
import static dev.eddy.streaming.ops.AdStreams.ev;
import static dev.eddy.streaming.ops.AdStreams.held;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.internal.optimize.JoinInferredFilters;
import dev.eddy.streaming.internal.optimize.OuterJoinElimination;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * NULL join keys in outer stream-stream joins, as Spark 4.2 plans them (the stream differential's seed 20261206): a
 * window over the null-supplying side's time above a left outer join makes it inner (the window's
 * {@code isnotnull(ts)} and EliminateOuterJoin), so neither side holds a NULL-key row nor lets one move its watermark;
 * and in a join on projected windows the null-supplying side's NULL keys are filtered below its watermark (the
 * inferred {@code isnotnull(k)} passes the window as it passes Spark's Expand).
 */
class OuterJoinNullKeyTest {
    private final AdStreams streams = new AdStreams();

    @Test
    void when_aWindowGroupsTheNullSupplyingSidesTime_then_theOuterJoinIsInner() {
        Dataset counts = streams.join("left_outer")
                .groupBy(window(col("clickTime"), "10 seconds"))
                .count();
        LogicalPlan p = OuterJoinElimination.apply(counts.plan());
        assertThat(joinOf(p).type()).isEqualTo(Join.JoinType.INNER);
        Dataset byImpression = streams.join("left_outer")
                .groupBy(window(col("impressionTime"), "10 seconds"))
                .count();
        assertThat(joinOf(OuterJoinElimination.apply(byImpression.plan())).type())
                .as("a window over the preserved side's time keeps the outer join")
                .isEqualTo(Join.JoinType.LEFT_OUTER);
    }

    @Test
    void when_aWindowGroupsTheNullSupplyingSidesTime_then_aPreservedRowWithANullKeyIsNotHeld() {
        Dataset counts = streams.join("left_outer")
                .groupBy(window(col("clickTime"), "10 seconds"))
                .count();
        try (QueryTestDriver d = QueryTestDriver.start(counts.writeStream())) {
            streams.impressions.addData(ev("A", 100), ev(null, 500));
            streams.clicks.addData(ev("A", 130), ev("B", 400));
            d.runTrigger();
            assertThat(held(d))
                    .as("the impression with a NULL key is filtered before the join")
                    .containsExactly("click A@130", "click B@400", "impression A@100");
            assertThat(d.watermark())
                    .as("min(100 - 10, 400 - 20): the NULL-key impression at 500 s moved nothing")
                    .contains(Instant.ofEpochSecond(90));
        }
    }

    @Test
    void when_aWindowJoinsNullSupplyingSideHasANullKey_then_itIsFilteredBelowItsWatermark() {
        Schema events = Schema.of(
                Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING), Field.of("v", DataType.INT));
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream lefts = eddy.memoryStream(events);
        MemoryStream rights = eddy.memoryStream(events);
        Dataset l = lefts.toDF()
                .withWatermark("ts", "5 seconds")
                .select(window(col("ts"), "10 seconds").as("w"), col("k"));
        Dataset r = rights.toDF()
                .withWatermark("ts", "0 seconds")
                .select(window(col("ts"), "10 seconds").as("w"), col("k"));
        Dataset j = l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))), "left_outer");
        try (QueryTestDriver d = QueryTestDriver.start(j.writeStream())) {
            lefts.addData(
                    new Object[] {Instant.ofEpochSecond(101), "a", 1},
                    new Object[] {Instant.ofEpochSecond(112), "b", 2});
            rights.addData(
                    new Object[] {Instant.ofEpochSecond(103), "a", 3},
                    new Object[] {Instant.ofEpochSecond(200), null, 4});
            d.runTrigger();
            assertThat(d.stateRows(0))
                    .as("two lefts and the right a; the right NULL key is not held")
                    .hasSize(3);
            assertThat(d.watermark())
                    .as("min(112 - 5, 103 - 0): the right NULL-key row at 200 s moved nothing")
                    .contains(Instant.ofEpochSecond(103));
        }
    }

    /**
     * Spark 4.2 (stream differential, seed 20261206 case 382): a WHERE on a sliding window side's key gives the other
     * side no filter (its Expand hides the filter pushed below it from InferFiltersFromConstraints); a tumbling one does.
     */
    @Test
    void when_aSlidingWindowSideIsFilteredOnItsKey_then_theOtherSideInfersNothing() {
        assertThat(inferredOnRight("5 seconds")).as("sliding").isFalse();
        assertThat(inferredOnRight("10 seconds")).as("tumbling").isTrue();
    }

    private static boolean inferredOnRight(String slide) {
        Schema events = Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING));
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        Dataset l = eddy.memoryStream(events)
                .toDF()
                .withWatermark("ts", "5 seconds")
                .select(window(col("ts"), "10 seconds", slide).as("w"), col("k"))
                .filter(col("k").equalTo(lit("a")));
        Dataset r = eddy.memoryStream(events)
                .toDF()
                .withWatermark("ts", "5 seconds")
                .select(window(col("ts"), "10 seconds", slide).as("w"), col("k"));
        Dataset j = l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))), "left_outer");
        LogicalPlan p = JoinInferredFilters.apply(j.plan());
        return joinOf(p).right().toString().contains("= a")
                || joinOf(p).right().toString().contains("'a'");
    }

    private static Join joinOf(LogicalPlan p) {
        LogicalPlan n = p;
        while (!(n instanceof Join)) {
            n = n.children().get(0);
        }
        return (Join) n;
    }
}
