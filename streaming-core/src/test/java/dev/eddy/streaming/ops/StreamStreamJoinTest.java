package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.ops.AdStreams.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Spark's ad impressions / clicks example, in seconds. */
class StreamStreamJoinTest {
    private final AdStreams streams = new AdStreams();
    private final MemoryStream impressions = streams.impressions;
    private final MemoryStream clicks = streams.clicks;

    private static List<String> ads(List<Row> rows) {
        return rows.stream()
                .map(r -> r.getString("impressionAdId") + "->" + r.getString("clickAdId"))
                .sorted()
                .collect(Collectors.toList());
    }

    private Dataset join(String type) {
        return streams.join(type);
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
