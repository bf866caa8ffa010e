package dev.eddy.streaming.internal.optimize;

import static dev.eddy.streaming.api.expr.Functions.add;
import static dev.eddy.streaming.api.expr.Functions.and;
import static dev.eddy.streaming.api.expr.Functions.coalesce;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.date_add;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.gt;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.lt;
import static dev.eddy.streaming.api.expr.Functions.ne;
import static dev.eddy.streaming.api.expr.Functions.or;
import static dev.eddy.streaming.api.expr.Functions.to_date;
import static dev.eddy.streaming.api.expr.Functions.unix_seconds;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.Functions;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.api.plan.Union;
import dev.eddy.streaming.api.plan.Watermark;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Spark's optimizer (PushPredicateThroughNonJoin) moves a filter's deterministic conjuncts that do not read the
 * event-time column below EventTimeWatermark, also through a union and a projection, so the rows they remove never
 * move the watermark; Eddy's planner does the same for the Java API and SQL (FilterBelowWatermark).
 */
class FilterBelowWatermarkTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final Schema schema = Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("v", DataType.INT));
    private final MemoryStream in = eddy.memoryStream(schema);

    private static Object[] ev(long second, int v) {
        return new Object[] {Instant.ofEpochSecond(second), v};
    }

    private static Instant watermarkAfter(Dataset q, MemoryStream s, Object[]... rows) {
        try (QueryTestDriver d = QueryTestDriver.start(
                q.groupBy(window(col("ts"), "10 seconds")).count().writeStream().outputMode("append"))) {
            s.addData(rows);
            d.runTrigger();
            return d.watermark().orElseThrow();
        }
    }

    @Test
    void when_aJavaApiFilterDropsTheLatestRow_then_theWatermarkFollowsOnlyTheRowsThatPass() {
        Dataset q = in.toDF().withWatermark("ts", "0 seconds").filter(gt(col("v"), lit(0)));
        assertThat(watermarkAfter(q, in, ev(100, 1), ev(200, -1))).isEqualTo(Instant.ofEpochSecond(100));
    }

    @Test
    void when_aConjunctReadsTheEventTime_then_itStaysAboveTheWatermarkAndTheOtherGoesBelow() {
        Dataset q = in.toDF()
                .withWatermark("ts", "0 seconds")
                .filter(and(gt(col("v"), lit(0)), lt(col("ts"), lit(Instant.ofEpochSecond(150)))));
        // 300 s passes v > 0 (below the watermark) and so moves it, though ts < 150 s (above) then drops it;
        // 200 s fails v > 0 and never reaches the watermark
        assertThat(watermarkAfter(q, in, ev(100, 1), ev(200, -1), ev(300, 1))).isEqualTo(Instant.ofEpochSecond(300));
        LogicalPlan p = FilterBelowWatermark.apply(q.plan());
        assertThat(p).isInstanceOf(Filter.class);
        assertThat(((Filter) p).condition().toString()).contains("ts").doesNotContain("v");
        assertThat(((Filter) p).child()).isInstanceOf(Watermark.class);
        assertThat(((Watermark) ((Filter) p).child()).child()).isInstanceOf(Filter.class);
    }

    @Test
    void when_aFilterIsOverAUnionOfWatermarkedStreams_then_itGoesIntoEveryInputRenamedByPosition() {
        MemoryStream other =
                eddy.memoryStream(Schema.of(Field.of("t2", DataType.TIMESTAMP), Field.of("w", DataType.INT)));
        Dataset union =
                in.toDF().withWatermark("ts", "0 seconds").union(other.toDF().withWatermark("t2", "0 seconds"));
        Dataset q = union.filter(gt(col("v"), lit(0)));
        LogicalPlan p = FilterBelowWatermark.apply(q.plan());
        assertThat(p).isInstanceOf(Union.class);
        Watermark second = (Watermark) ((Union) p).inputs().get(1);
        assertThat(((Filter) second.child()).condition().toString())
                .contains("w")
                .doesNotContain("v");
        try (QueryTestDriver d = QueryTestDriver.start(
                q.groupBy(window(col("ts"), "10 seconds")).count().writeStream().outputMode("append"))) {
            in.addData(ev(100, 1), ev(400, -1));
            other.addData(ev(120, 1), ev(500, 0));
            d.runTrigger();
            assertThat(d.watermark())
                    .as("min of 100 s and 120 s: the rows the filter drops moved nothing")
                    .contains(Instant.ofEpochSecond(100));
        }
    }

    @Test
    void when_aFilterIsOverAProjection_then_itGoesThroughWithTheProjectedExpressionsAndBelowTheWatermark() {
        Dataset q = in.toDF()
                .withWatermark("ts", "0 seconds")
                .select(col("ts"), col("v").as("value"))
                .filter(gt(col("value"), lit(0)));
        LogicalPlan p = FilterBelowWatermark.apply(q.plan());
        assertThat(p).isInstanceOf(Project.class);
        Watermark w = (Watermark) ((Project) p).child();
        assertThat(((Filter) w.child()).condition().toString()).contains("v").doesNotContain("value");
        assertThat(((Filter) w.child()).child()).isInstanceOf(Scan.class);
        assertThat(watermarkAfter(q, in, ev(100, 1), ev(200, -1))).isEqualTo(Instant.ofEpochSecond(100));
    }

    @Test
    void when_aHavingReadsOnlyAGroupingKey_then_itGoesBelowTheAggregationAndTheWatermark() {
        MemoryStream keyed =
                eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING)));
        Dataset q = keyed.toDF()
                .withWatermark("ts", "0 seconds")
                .groupBy(window(col("ts"), "10 seconds"), col("k"))
                .count()
                .filter(and(eq(col("k"), lit("a")), gt(col("count"), lit(0))));
        LogicalPlan p = FilterBelowWatermark.apply(q.plan());
        assertThat(((Filter) p).condition().toString())
                .as("the aggregate's column stays above")
                .contains("count")
                .doesNotContain("k ");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("append"))) {
            keyed.addData(
                    new Object[] {Instant.ofEpochSecond(100), "a"}, new Object[] {Instant.ofEpochSecond(300), "b"});
            d.runTrigger();
            assertThat(d.watermark())
                    .as("the b row never reaches the watermark")
                    .contains(Instant.ofEpochSecond(100));
        }
    }

    @Test
    void when_aConjunctOverTheEventTimeIsNullForANullColumn_then_itsInferredNotNullCheckGoesBelowTheWatermark() {
        // Spark's InferFiltersFromConstraints: date_add(to_date(ts), v) <> ... is NULL where v is, so isnotnull(v),
        // which reads no event time, goes below the watermark; the row with a NULL v never moves it
        Dataset q = in.toDF()
                .withWatermark("ts", "0 seconds")
                .filter(ne(date_add(to_date(col("ts")), col("v")), lit(LocalDate.of(1970, 1, 3))));
        LogicalPlan p = FilterBelowWatermark.apply(q.plan());
        Watermark w = (Watermark) ((Filter) p).child();
        assertThat(((Filter) w.child()).condition()).hasToString("is_not_null(v)");
        assertThat(watermarkAfter(q, in, ev(100, 1), new Object[] {Instant.ofEpochSecond(200), null}))
                .isEqualTo(Instant.ofEpochSecond(100));
    }

    @Test
    void when_aConjunctBelowTheWatermarkMayFail_then_theInferredNotNullChecksComeBeforeIt() {
        // Spark's Filter(And(inferred isnotnull, condition)): a conjunct that may fail (a division) is computed only
        // for rows whose columns are not NULL; one that cannot fail gets no check (when_aJavaApiFilter... above)
        Dataset q = in.toDF().withWatermark("ts", "0 seconds").filter(gt(Functions.div(lit(100), col("v")), lit(0)));
        LogicalPlan p = FilterBelowWatermark.apply(q.plan());
        Expr below = ((Filter) ((Watermark) p).child()).condition();
        assertThat(below).isInstanceOf(Expr.Binary.class);
        assertThat(((Expr.Binary) below).op()).isEqualTo(Expr.BinaryOp.AND);
        assertThat(((Expr.Binary) below).left()).hasToString("is_not_null(v)");
        assertThat(watermarkAfter(q, in, ev(100, 1), new Object[] {Instant.ofEpochSecond(200), null}))
                .isEqualTo(Instant.ofEpochSecond(100));
    }

    @Test
    void when_aConjunctAnswersANullColumn_then_nothingIsInferred() {
        // coalesce is not null-intolerant, nor is OR: v may be NULL in a row that passes
        Dataset q = in.toDF()
                .withWatermark("ts", "0 seconds")
                .filter(or(
                        gt(add(coalesce(col("v"), lit(0)), unix_seconds(col("ts"))), lit(0)),
                        gt(add(col("v"), unix_seconds(col("ts"))), lit(0))));
        assertThat(FilterBelowWatermark.apply(q.plan())).isSameAs(q.plan());
    }

    @Test
    void when_noFilterCanMove_then_thePlanIsTheSameObject() {
        Dataset q = in.toDF().withWatermark("ts", "0 seconds").filter(gt(col("ts"), lit(Instant.EPOCH)));
        assertThat(FilterBelowWatermark.apply(q.plan())).isSameAs(q.plan());
    }
}
