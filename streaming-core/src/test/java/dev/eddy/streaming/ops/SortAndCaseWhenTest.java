package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.caseWhen;
import static dev.eddy.streaming.api.expr.Functions.coalesce;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.timestamp_millis;
import static dev.eddy.streaming.api.expr.Functions.timestamp_seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Sort plan node (complete mode only, Spark's rule) and the case_when function. */
class SortAndCaseWhenTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in =
            eddy.memoryStream(Schema.of(Field.of("k", DataType.STRING), Field.of("v", DataType.LONG)));

    private Dataset sortedCounts(long limit) {
        Dataset counts = in.toDF().groupBy("k").count();
        return new Dataset(
                eddy, new Sort(counts.plan(), List.of(Sort.Order.of("count", false), Sort.Order.of("k", true)), limit));
    }

    private static List<String> texts(List<Row> rows) {
        return rows.stream().map(r -> r.get(0) + " " + r.get(1)).toList();
    }

    @Test
    void when_aggregationIsSortedInCompleteMode_then_everyTriggerGivesTheWholeResultInOrderCutToTheLimit() {
        try (QueryTestDriver d =
                QueryTestDriver.start(sortedCounts(2).writeStream().outputMode("complete"))) {
            in.addData(new Object[] {"a", 1L}, new Object[] {"b", 2L}, new Object[] {"b", 3L}, new Object[] {"c", 4L});
            assertThat(texts(d.runTrigger().newRows())).containsExactly("b 2", "a 1");
            in.addData(new Object[] {"c", 5L}, new Object[] {"c", 6L});
            assertThat(texts(d.runTrigger().newRows())).containsExactly("c 3", "b 2");
        }
    }

    @Test
    void when_javaOrderByAndLimitAreUsed_then_theyEqualTheSortNode() {
        Dataset viaApi =
                in.toDF().groupBy("k").count().orderBy("count DESC", "k").limit(2);
        assertThat(viaApi.plan()).isEqualTo(sortedCounts(2).plan());
        try (QueryTestDriver d = QueryTestDriver.start(viaApi.writeStream().outputMode("complete"))) {
            in.addData(new Object[] {"a", 1L}, new Object[] {"b", 2L}, new Object[] {"b", 3L}, new Object[] {"c", 4L});
            assertThat(texts(d.runTrigger().newRows())).containsExactly("b 2", "a 1");
        }
        assertThatThrownBy(() -> in.toDF().orderBy("k sideways"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column [ASC|DESC] [NULLS FIRST|LAST]");
        assertThat(in.toDF().groupBy("k").count().orderBy("k desc nulls first").plan())
                .isEqualTo(
                        new Sort(in.toDF().groupBy("k").count().plan(), List.of(new Sort.Order("k", false, true)), -1));
    }

    @Test
    void when_aStreamIsLimitedWithoutAggregation_then_startSaysLimitsNeedCompleteMode() {
        assertThatThrownBy(() ->
                        QueryTestDriver.start(in.toDF().limit(3).writeStream().outputMode("append")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("A limit on a streaming DataFrame/Dataset is supported only");
    }

    @Test
    void when_sortRunsInUpdateMode_then_startFailsWithSparksMessage() {
        assertThatThrownBy(() ->
                        QueryTestDriver.start(sortedCounts(-1).writeStream().outputMode("update")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated "
                        + "DataFrame/Dataset in Complete output mode");
    }

    @Test
    void when_streamIsSortedWithoutAggregation_then_startFailsWithSparksMessage() {
        Dataset sorted = new Dataset(eddy, new Sort(in.toDF().plan(), List.of(Sort.Order.of("v", true)), -1));
        assertThatThrownBy(() -> QueryTestDriver.start(sorted.writeStream().outputMode("append")))
                .hasMessageStartingWith("Sorting is not supported on streaming DataFrames/Datasets");
    }

    @Test
    void when_sortNamesAMissingColumn_then_itFailsWhereTheQueryIsBuilt() {
        assertThatThrownBy(() -> new Sort(in.toDF().plan(), List.of(Sort.Order.of("nope", true)), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void when_caseWhenPicksTheFirstTrueCondition_then_nullConditionsCountAsFalseAndTypesWiden() {
        Dataset banded = in.toDF()
                .select(
                        col("k"),
                        caseWhen(col("v").lt(2L), lit(0), col("v").lt(4L), col("v"), lit(1.5))
                                .as("band"));
        assertThat(banded.plan().schema().field(1).type()).isEqualTo(DataType.DOUBLE);
        try (QueryTestDriver d = QueryTestDriver.start(banded.writeStream().outputMode("append"))) {
            in.addData(
                    new Object[] {"a", 1L}, new Object[] {"b", 3L}, new Object[] {"c", 9L}, new Object[] {"d", null});
            assertThat(texts(d.runTrigger().newRows())).containsExactly("a 0.0", "b 3.0", "c 1.5", "d 1.5");
        }
    }

    @Test
    void when_caseWhenValuesCannotBeReconciled_then_theErrorNamesThem() {
        assertThatThrownBy(() -> in.toDF()
                        .select(caseWhen(col("v").lt(2L), col("k"), lit(1L)).as("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("have no common type");
        assertThatThrownBy(() ->
                        in.toDF().select(caseWhen(col("v"), col("k"), col("k")).as("x")))
                .hasMessageContaining("must be boolean");
    }

    @Test
    void when_aCaseWhenBranchWouldFailForRowsThatDoNotReachIt_then_onlyTheRowsThatReachItComputeIt() {
        // timestamp_millis of Long.MAX_VALUE / 10 overflows: that row takes the other branch, as in Spark
        Dataset q = in.toDF()
                .select(
                        col("k"),
                        caseWhen(col("v").lt(1_000_000L), timestamp_millis(col("v")), timestamp_millis(lit(0L)))
                                .as("t"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("append"))) {
            in.addData(new Object[] {"a", 2L}, new Object[] {"b", Long.MAX_VALUE / 10});
            assertThat(texts(d.runTrigger().newRows())).containsExactly("a 2000", "b 0");
        }
    }

    @Test
    void when_coalesceFindsAValue_then_itsLaterArgumentsAreNotComputed() {
        Dataset q = in.toDF()
                .select(
                        col("k"),
                        coalesce(timestamp_millis(col("v")), timestamp_seconds(lit(1.0e300)))
                                .as("t"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("append"))) {
            in.addData(new Object[] {"a", 2L}, new Object[] {"b", 3L});
            assertThat(texts(d.runTrigger().newRows())).containsExactly("a 2000", "b 3000");
        }
    }
}
