package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import org.junit.jupiter.api.Test;

/** Spark's global aggregates: {@code df.agg(...)} and {@code df.groupBy().agg(...)} keep one row for the whole stream. */
class GlobalAggregateTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(Schema.of(Field.of("v", DataType.LONG)));

    @Test
    void when_aStreamIsAggregatedWithoutKeys_then_oneRowHoldsTheRunningTotals() {
        Dataset totals = in.toDF().agg(count().as("n"), sum(col("v")).as("total"));
        try (QueryTestDriver d = QueryTestDriver.start(totals.writeStream().outputMode("complete"))) {
            in.addData(new Object[] {3L}, new Object[] {4L});
            d.runTrigger();
            assertThat(d.result()).singleElement().satisfies(r -> {
                assertThat(r.getLong("n")).isEqualTo(2);
                assertThat(r.getLong("total")).isEqualTo(7);
            });
            in.addData(new Object[] {10L});
            assertThat(d.runTrigger().newRows())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getLong("total")).isEqualTo(17));
        }
    }

    @Test
    void when_groupByHasNoArguments_then_itIsTheGlobalGroup() {
        Dataset n = in.toDF().groupBy().count();
        try (QueryTestDriver d = QueryTestDriver.start(n.writeStream().outputMode("update"))) {
            in.addData(new Object[] {1L}, new Object[] {2L}, new Object[] {3L});
            assertThat(d.runTrigger().newRows())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getLong("count")).isEqualTo(3));
        }
    }

    @Test
    void when_aGlobalAggregateRunsInAppendModeWithoutWatermark_then_startFailsWithSparksRule() {
        Dataset n = in.toDF().agg(count());
        assertThatThrownBy(() -> QueryTestDriver.start(n.writeStream().outputMode("append")))
                .hasMessageContaining("append");
    }
}
