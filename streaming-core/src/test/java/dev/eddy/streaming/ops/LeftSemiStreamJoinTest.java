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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Left semi join of two streams as Spark's StreamingSymmetricHashJoinExec runs it: impressions that got a click
 * within a minute, each emitted once at its first match, with the impression's columns only.
 */
class LeftSemiStreamJoinTest {
    private final AdStreams streams = new AdStreams();
    private final MemoryStream impressions = streams.impressions;
    private final MemoryStream clicks = streams.clicks;

    private static List<String> ads(List<Row> rows) {
        return rows.stream()
                .map(r -> r.getString("impressionAdId") + "@"
                        + r.getTimestamp("impressionTime").getEpochSecond())
                .sorted()
                .toList();
    }

    private Dataset semi() {
        return streams.join("left_semi");
    }

    @Test
    void when_severalClicksMatchAnImpression_then_itIsEmittedOnceWithItsOwnColumns() {
        assertThat(semi().schema().names()).containsExactly("impressionAdId", "impressionTime");
        try (QueryTestDriver d = QueryTestDriver.start(semi().writeStream())) {
            impressions.addData(ev("A", 100), ev("B", 100));
            clicks.addData(ev("A", 110), ev("A", 120), ev("B", 300));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("A@100");
            clicks.addData(ev("A", 130));
            assertThat(d.runTrigger().newRows()).as("A matched already").isEmpty();
        }
    }

    @Test
    void when_theClickCameFirst_then_theImpressionIsEmittedOnArrivalAndNotKept() {
        try (QueryTestDriver d = QueryTestDriver.start(semi().writeStream())) {
            clicks.addData(ev("A", 130));
            assertThat(d.runTrigger().newRows()).isEmpty();
            impressions.addData(ev("A", 100), ev("C", 100));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("A@100");
            assertThat(d.stateRows(0))
                    .as("the click and the unmatched impression C; the matched A is not kept")
                    .extracting(r -> r.getString("impressionAdId") + "/" + r.getString("clickAdId"))
                    .containsExactlyInAnyOrder("null/A", "C/null");
        }
    }

    /**
     * Spark 4.2 joins a left semi join's new right rows first: an impression and its click in one batch meet when the
     * impression arrives, so the impression is emitted and not kept (a probe of Spark 4.2: state rows 1).
     */
    @Test
    void when_impressionAndClickArriveInOneBatch_then_onlyTheClickIsKept() {
        try (QueryTestDriver d = QueryTestDriver.start(semi().writeStream())) {
            impressions.addData(ev("A", 100));
            clicks.addData(ev("A", 101));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("A@100");
            assertThat(d.stateRows(0))
                    .extracting(r -> r.getString("impressionAdId") + "/" + r.getString("clickAdId"))
                    .containsExactly("null/A");
            impressions.addData(ev("A", 95));
            assertThat(ads(d.runTrigger().newRows()))
                    .as("the held click matches a later impression")
                    .containsExactly("A@95");
        }
    }

    /** Spark 4.2's getJoinedRowsAndRemoveMatched: a held impression leaves the state when a click matches it. */
    @Test
    void when_aLaterClickMatchesAHeldImpression_then_itIsEmittedAndLeavesTheState() {
        try (QueryTestDriver d = QueryTestDriver.start(semi().writeStream())) {
            impressions.addData(ev("A", 100));
            assertThat(d.runTrigger().newRows()).isEmpty();
            clicks.addData(ev("A", 110));
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(ads(t.newRows())).containsExactly("A@100");
            assertThat(d.stateRows(0))
                    .extracting(r -> r.getString("impressionAdId") + "/" + r.getString("clickAdId"))
                    .containsExactly("null/A");
        }
    }

    @Test
    void when_theWatermarkPassesAnUnmatchedImpression_then_itIsEvictedWithoutOutputAndLateRowsAreCounted() {
        try (QueryTestDriver d = QueryTestDriver.start(semi().writeStream())) {
            impressions.addData(ev("B", 100));
            clicks.addData(ev("X", 100));
            d.runTrigger();
            impressions.addData(ev("Z", 300));
            clicks.addData(ev("Z", 300)); // watermark min(290, 280) = 280 >= 100 + 60: B leaves state
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(ads(t.newRows())).containsExactly("Z@300");
            assertThat(d.stateRows(0))
                    .as("B and X evicted; Z matched a click of its own batch, so it is not kept")
                    .extracting(r -> r.getString("impressionAdId") + "/" + r.getString("clickAdId"))
                    .containsExactly("null/Z");
            impressions.addData(ev("B", 250), ev("Y", 290)); // 250 <= 280: late
            QueryTestDriver.TriggerResult late = d.runTrigger();
            assertThat(late.batches().get(0).stateOperators().get(0).numRowsDroppedByWatermark())
                    .isEqualTo(1);
            clicks.addData(ev("B", 300));
            assertThat(d.runTrigger().newRows()).isEmpty();
        }
    }

    @Test
    void when_queryRestartsFromCheckpoint_then_heldImpressionsMatchOnceAndMatchedOnesStaySilent() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        try (QueryTestDriver d = QueryTestDriver.start(semi().writeStream().checkpointStore(store))) {
            impressions.addData(ev("A", 100), ev("B", 100));
            clicks.addData(ev("A", 110));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("A@100");
        }
        try (QueryTestDriver d = QueryTestDriver.start(semi().writeStream().checkpointStore(store))) {
            clicks.addData(ev("A", 120), ev("B", 130));
            assertThat(ads(d.runTrigger().newRows())).containsExactly("B@100");
        }
    }

    @Test
    void when_thereIsNoTimeRange_then_theSemiJoinIsRefusedWithTheReason() {
        Dataset imps = impressions.toDF().withWatermark("impressionTime", "10 seconds");
        Dataset q = imps.join(clicks.toDF(), eq(col("clickAdId"), col("impressionAdId")), "left_semi");
        assertThatThrownBy(() -> QueryTestDriver.start(q.writeStream()))
                .hasMessageContaining("Stream-stream LEFT SEMI join is not supported without a watermark");
    }
}
