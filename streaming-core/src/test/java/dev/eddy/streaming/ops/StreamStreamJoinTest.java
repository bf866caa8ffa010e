package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.add;
import static dev.eddy.streaming.api.expr.Functions.and;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.ge;
import static dev.eddy.streaming.api.expr.Functions.interval;
import static dev.eddy.streaming.api.expr.Functions.le;
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
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Spark's ad impressions / clicks example, in seconds. */
class StreamStreamJoinTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream impressions = eddy.memoryStream(
            Schema.of(Field.of("impressionAdId", DataType.STRING), Field.of("impressionTime", DataType.TIMESTAMP)));
    private final MemoryStream clicks = eddy.memoryStream(
            Schema.of(Field.of("clickAdId", DataType.STRING), Field.of("clickTime", DataType.TIMESTAMP)));
    private final Expr condition = and(
            eq(col("clickAdId"), col("impressionAdId")),
            and(
                    ge(col("clickTime"), col("impressionTime")),
                    le(col("clickTime"), add(col("impressionTime"), interval("60 seconds")))));

    private static Object[] ev(String ad, long second) {
        return new Object[] {ad, Instant.ofEpochSecond(second)};
    }

    private static List<String> ads(List<Row> rows) {
        return rows.stream()
                .map(r -> r.getString("impressionAdId") + "->" + r.getString("clickAdId"))
                .sorted()
                .collect(Collectors.toList());
    }

    private Dataset join(String type) {
        Dataset imps = impressions.toDF().withWatermark("impressionTime", "10 seconds");
        Dataset clk = clicks.toDF().withWatermark("clickTime", "20 seconds");
        return imps.join(clk, condition, type);
    }

    @Test
    void when_clickFollowsImpressionWithinTheBound_then_innerJoinEmitsThePairOnce() {
        try (QueryTestDriver d = QueryTestDriver.start(join("inner").writeStream())) {
            impressions.addData(ev("A", 100), ev("B", 100));
            clicks.addData(ev("A", 130), ev("B", 200));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("A->A");
            clicks.addData(ev("A", 150));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("A->A");
            assertThat(ads(d.result())).hasSize(2);
        }
    }

    @Test
    void when_impressionNeverGetsAClick_then_leftOuterEmitsItWithNullsOnceTheWatermarkPasses() {
        try (QueryTestDriver d = QueryTestDriver.start(join("left_outer").writeStream())) {
            impressions.addData(ev("A", 100), ev("B", 100));
            clicks.addData(ev("A", 130));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("A->A");
            impressions.addData(ev("C", 200));
            clicks.addData(ev("C", 200));
            // watermark becomes min(190, 180) = 180 >= 100 + 60: A and B leave state, B unmatched
            assertThat(ads(d.runTrigger().newRows())).containsExactly("B->null", "C->C");
            assertThat(d.watermark())
                    .as("the slower input holds the watermark back")
                    .contains(Instant.ofEpochSecond(180));
            assertThat(d.lastProgress().stateOperators().get(0).numRowsRemoved())
                    .isGreaterThanOrEqualTo(2);
            impressions.addData(ev("late", 150));
            d.runTrigger();
            assertThat(d.droppedRows().sample())
                    .extracting(r -> r.row().getString("impressionAdId"))
                    .contains("late");
        }
    }

    @Test
    void when_joinRestartsFromItsCheckpoint_then_bufferedRowsStillMatch() {
        var store = new InMemoryCheckpointStore();
        try (QueryTestDriver d =
                QueryTestDriver.start(join("left_outer").writeStream().checkpointStore(store))) {
            impressions.addData(ev("A", 100), ev("B", 100));
            d.runTrigger();
        }
        clicks.addData(ev("A", 130));
        try (QueryTestDriver d =
                QueryTestDriver.start(join("left_outer").writeStream().checkpointStore(store))) {
            assertThat(ads(d.runTrigger().newRows())).containsExactly("A->A");
            impressions.addData(ev("C", 300));
            clicks.addData(ev("C", 300));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("B->null", "C->C");
        }
    }

    @Test
    void when_leftOuterHasNoTimeBound_then_startFailsWithTheReason() {
        Dataset q = impressions.toDF().join(clicks.toDF(), eq(col("clickAdId"), col("impressionAdId")), "left_outer");
        assertThatThrownBy(() -> QueryTestDriver.start(q.writeStream()))
                .hasMessageContaining("LEFT OUTER join is not supported");
        assertThatThrownBy(
                        () -> QueryTestDriver.start(join("inner").writeStream().outputMode("update")))
                .hasMessageContaining("join between two streaming");
    }
}
