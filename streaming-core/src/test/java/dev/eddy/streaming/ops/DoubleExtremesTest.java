package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Functions;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * MIN and MAX of DOUBLEs in Spark's order (SQLOrderingUtil.compareDoubles): NaN is above every number, so MAX of a
 * group holding a NaN is NaN and MIN skips it unless every value is NaN; -0.0 equals 0.0, so the one seen first
 * stays. The same across batches (the state's partial answer meets new rows) and where sliding windows
 * merge their panes.
 */
class DoubleExtremesTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(Schema.of(
            Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING), Field.of("x", DataType.DOUBLE)));

    private static Object[] ev(long second, String k, Double x) {
        return new Object[] {Instant.ofEpochSecond(second), k, x};
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Object::toString).sorted().collect(Collectors.toList());
    }

    private Dataset extremes() {
        return in.toDF().groupBy("k").agg(alias(min(col("x")), "lo"), alias(max(col("x")), "hi"));
    }

    @Test
    void when_aGroupHoldsNaN_then_maxIsNaNAndMinSkipsIt() {
        try (QueryTestDriver d = QueryTestDriver.start(extremes().writeStream().outputMode("complete"))) {
            in.addData(
                    ev(1, "a", 1.5),
                    ev(2, "a", Double.NaN),
                    ev(3, "a", Double.POSITIVE_INFINITY),
                    ev(4, "b", Double.NaN),
                    ev(5, "b", null),
                    ev(6, "c", Double.NaN),
                    ev(7, "c", -2.0));
            assertThat(sorted(d.runTrigger().newRows()))
                    .containsExactly("[a, 1.5, NaN]", "[b, NaN, NaN]", "[c, -2.0, NaN]");
            // the state's NaN meets numbers in a later batch: MAX stays NaN, MIN takes the number
            in.addData(ev(8, "b", 7.0), ev(9, "b", Double.NEGATIVE_INFINITY));
            assertThat(sorted(d.runTrigger().newRows()))
                    .containsExactly("[a, 1.5, NaN]", "[b, -Infinity, NaN]", "[c, -2.0, NaN]");
        }
    }

    @Test
    void when_minusZeroMeetsZero_then_theValueSeenFirstStays() {
        try (QueryTestDriver d = QueryTestDriver.start(extremes().writeStream().outputMode("complete"))) {
            in.addData(ev(1, "a", -0.0), ev(2, "a", 0.0), ev(3, "b", 0.0), ev(4, "b", -0.0));
            assertThat(sorted(d.runTrigger().newRows())).containsExactly("[a, -0.0, -0.0]", "[b, 0.0, 0.0]");
        }
    }

    @Test
    void when_slidingWindowsSharePanes_then_theirPartialExtremesMergeInSparksOrder() {
        Dataset q = in.toDF()
                .groupBy(Functions.window(col("ts"), "10 seconds", "5 seconds"))
                .agg(alias(min(col("x")), "lo"), alias(max(col("x")), "hi"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("complete"))) {
            in.addData(ev(1, "a", Double.NaN), ev(6, "a", 3.0));
            // windows [-5, 5): NaN alone; [0, 10): NaN and 3.0; [5, 15): 3.0
            assertThat(d.runTrigger().newRows().stream()
                            .map(r -> r.get(1) + " " + r.get(2))
                            .sorted()
                            .collect(Collectors.toList()))
                    .containsExactly("3.0 3.0", "3.0 NaN", "NaN NaN");
        }
    }
}
