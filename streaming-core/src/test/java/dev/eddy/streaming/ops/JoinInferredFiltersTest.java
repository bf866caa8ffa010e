package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.ops.AdStreams.ev;
import static dev.eddy.streaming.ops.AdStreams.held;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.internal.optimize.JoinInferredFilters;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark's InferFiltersFromConstraints on a stream-stream join (Spark 4.2's plans: {@code isnotnull(clickAdId)} and
 * {@code isnotnull(impressionAdId)} below each side's EventTimeWatermark for an inner join, on the right side only for
 * a left outer one; a side's filter on a join key carried over to the other side's key): a row such a filter removes
 * never enters the join's state and never moves its side's watermark.
 */
class JoinInferredFiltersTest {
    private final AdStreams streams = new AdStreams();
    private final MemoryStream impressions = streams.impressions;
    private final MemoryStream clicks = streams.clicks;

    /** An impression and a click of ad A, and one of each with a NULL ad, at times that would move the watermarks. */
    private void runWithNullKeys(QueryTestDriver d) {
        impressions.addData(ev("A", 100), ev(null, 500));
        clicks.addData(ev("A", 400), ev(null, 900));
        d.runTrigger();
    }

    /** The impressions of ad A joined (inner) with the clicks on the same ad, both watermarked. */
    private Dataset joinOfImpressionsOfA() {
        Dataset imps = impressions
                .toDF()
                .withWatermark("impressionTime", "10 seconds")
                .filter(eq(col("impressionAdId"), lit("A")));
        Dataset clk = clicks.toDF().withWatermark("clickTime", "20 seconds");
        return imps.join(clk, eq(col("clickAdId"), col("impressionAdId")), "inner");
    }

    @Test
    void when_anInnerJoinsKeyIsNull_then_theRowNeitherEntersTheStateNorMovesTheWatermark() {
        try (QueryTestDriver d = QueryTestDriver.start(streams.join("inner").writeStream())) {
            runWithNullKeys(d);
            assertThat(held(d)).as("no row with a NULL key is held").containsExactly("click A@400", "impression A@100");
            assertThat(d.watermark())
                    .as("min(100 - 10, 400 - 20): the NULL-key rows at 500 s and 900 s moved nothing")
                    .contains(Instant.ofEpochSecond(90));
        }
    }

    @Test
    void when_aLeftOuterJoinsKeyIsNull_then_onlyTheRightSideFiltersIt() {
        try (QueryTestDriver d =
                QueryTestDriver.start(streams.join("left_outer").writeStream())) {
            runWithNullKeys(d);
            assertThat(held(d))
                    .as("the left row with a NULL key waits to come out with nulls; the right one is filtered")
                    .contains("impression null@500")
                    .doesNotContain("click null@900");
            assertThat(d.watermark())
                    .as(
                            "min(500 - 10, 400 - 20): the left NULL-key row moved the left watermark, the right one nothing")
                    .contains(Instant.ofEpochSecond(380));
        }
    }

    @Test
    void when_oneSideIsFilteredOnTheJoinKey_then_theOtherSideIsFilteredOnItsKeyToo() {
        Dataset j = joinOfImpressionsOfA();
        LogicalPlan p = JoinInferredFilters.apply(j.plan());
        assertThat(((Filter) ((Join) p).right()).condition().toString())
                .contains("clickAdId")
                .contains("A")
                .doesNotContain("impressionAdId");
    }

    @Test
    void when_aFilteredSidesKeyIsCarriedOver_then_theOtherSidesOtherKeysAreNotHeld() {
        Dataset j = joinOfImpressionsOfA();
        try (QueryTestDriver d = QueryTestDriver.start(j.writeStream())) {
            impressions.addData(ev("A", 100));
            clicks.addData(ev("A", 110), ev("B", 120));
            List<Row> out = d.runTrigger().newRows();
            assertThat(out).hasSize(1);
            assertThat(held(d))
                    .as("the click on B is filtered before the join")
                    .containsExactly("click A@110", "impression A@100");
        }
    }
}
