package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.JoinedStreams.BOUND;
import static dev.eddy.sql.engine.JoinedStreams.at;
import static dev.eddy.sql.engine.JoinedStreams.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.plan.Filter;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.testing.QueryTestDriver;
import org.junit.jupiter.api.Test;

/** Stream-stream joins in SQL follow Spark's optimizer and join rules (checked against Spark 4.2 by SparkStreamDifferentialIT). */
class SqlStreamJoinSparkRulesTest {
    private final JoinedStreams streams = new JoinedStreams();
    private final Sql sql = streams.sql;
    private final MemoryStream lefts = streams.lefts;
    private final MemoryStream rights = streams.rights;

    private static boolean hasFilter(LogicalPlan p) {
        return p instanceof Filter || p.children().stream().anyMatch(SqlStreamJoinSparkRulesTest::hasFilter);
    }

    /**
     * Spark's EliminateOuterJoin and PushPredicateThroughJoin: a WHERE on the right side's column rejects the rows a
     * left outer join would pad with nulls, so the join is an inner one and the filter runs on the right input, before
     * its rows go into the join's state.
     */
    @Test
    void when_whereRejectsTheNullPaddedRows_then_theOuterJoinIsInnerAndTheFilterRunsBelowIt() {
        LogicalPlan plan = sql.stream(
                        "SELECT window.start AS ws, SUM(v) AS sv FROM (SELECT l.ts AS ts, l.k AS k, r.v AS v FROM lefts AS l"
                                + " LEFT OUTER JOIN rights AS r" + BOUND
                                + ") AS w WHERE v > 0 GROUP BY window(ts, '10 seconds', '5 seconds')")
                .plan();
        Join j = join(plan);
        assertThat(j.type()).isEqualTo(Join.JoinType.INNER);
        assertThat(hasFilter(j.right())).isTrue();
        assertThat(hasFilter(j.left())).isFalse();
    }

    /**
     * Spark's right outer stream-stream join: a right row comes out joined with every left match, and one without a
     * match comes out once with nulls on the left, when the watermark says no left row can match it any more (right
     * state watermark: watermark - 10 s - 1 ms for {@code r.ts <= l.ts + 10 s}).
     */
    @Test
    void when_rightRowNeverMatches_then_aRightOuterJoinEmitsItWithNullsOnceTheWatermarkPassesItsBound() {
        String q = "SELECT l.k AS lk, l.v AS lv, r.k AS rk, r.v AS rv FROM lefts AS l RIGHT OUTER JOIN rights AS r"
                + BOUND;
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(q).writeStream().outputMode("append"))) {
            lefts.addData(new Object[] {at(1000), "a", 1});
            rights.addData(new Object[] {at(1002), "a", 2}, new Object[] {at(1003), "b", 3});
            assertThat(RowTexts.sorted(d.runTrigger().newRows())).containsExactly("a 1 a 2");
            lefts.addData(new Object[] {at(1040), "c", 7});
            rights.addData(new Object[] {at(1040), "c", 9});
            // watermark 1035 s: right rows at or before 1024.999 s are evicted, the unmatched b with nulls
            assertThat(RowTexts.sorted(d.runTrigger().newRows())).containsExactly("c 7 c 9", "null null b 3");
        }
    }

    /**
     * Spark's state watermark is inclusive and one millisecond short for a bound written with {@code <=}: with
     * {@code r.ts <= l.ts} a left row at exactly the watermark is kept (a right row at the watermark would be late, but
     * Spark does not reason so), and goes at the next move of the watermark.
     */
    @Test
    void when_leftRowSitsExactlyAtTheWatermark_then_theLeftOuterJoinKeepsItOneMoreBatch() {
        String q = "SELECT l.k AS lk, r.k AS rk FROM lefts AS l LEFT OUTER JOIN rights AS r"
                + " ON l.k = r.k AND r.ts >= l.ts - INTERVAL '5' SECOND AND r.ts <= l.ts";
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(q).writeStream().outputMode("append"))) {
            lefts.addData(new Object[] {at(1000), "a", 1}, new Object[] {at(1005), "x", 1});
            rights.addData(new Object[] {at(1005), "y", 1});
            // watermark 1000 s: the left row at 1000 s stays (evicted only at or before 999.999 s)
            assertThat(d.runTrigger().newRows()).isEmpty();
            assertThat(d.stateRows(0)).hasSize(3);
            lefts.addData(new Object[] {at(1006), "x", 1});
            rights.addData(new Object[] {at(1006), "y", 1});
            assertThat(RowTexts.sorted(d.runTrigger().newRows())).containsExactly("a null");
        }
    }

    /**
     * Spark keeps the watermark on a join's columns whatever their names: an aggregation above a right outer join
     * windows by the left side's event time (the engine's {@code right_ts} after mirroring) in append mode, and emits a
     * window once the join's output watermark (watermark - 10 s - 1 ms here) passes its end.
     */
    @Test
    void when_rightOuterJoinFeedsAWindowAggregation_then_theLeftEventTimeKeepsItsWatermark() {
        String q = "SELECT window.start AS ws, COUNT(*) AS n FROM (SELECT l.ts AS ts, r.k AS k FROM lefts AS l"
                + " RIGHT OUTER JOIN rights AS r" + BOUND + ") AS j GROUP BY window(ts, '10 seconds')";
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(q).writeStream().outputMode("append"))) {
            lefts.addData(new Object[] {at(1000), "a", 1});
            rights.addData(new Object[] {at(1002), "a", 2});
            assertThat(d.runTrigger().newRows()).isEmpty();
            lefts.addData(new Object[] {at(1040), "c", 7});
            rights.addData(new Object[] {at(1040), "c", 9});
            assertThat(RowTexts.sorted(d.runTrigger().newRows()))
                    .containsExactly(1_000_000_000L + " 1"); // window start in micros
        }
    }
    /**
     * Seed 7 case 451 of the stream differential: the right outer join's unmatched right row goes out with a NULL left
     * time, and Spark's window aggregation filters rows without a time before it computes anything (its TimeWindowing
     * adds {@code isnotnull(ts)}), so {@code 100 / (v - 15)} is never computed for that row's {@code v = 15}.
     */
    @Test
    void when_aRightOuterRowWithoutLeftTimeReachesAWindowAggregation_then_itsExpressionsAreNeverComputed() {
        String q =
                "SELECT window.start AS ws, COUNT(*) AS n, MIN(100 / (v - 15)) AS q FROM (SELECT l.ts AS ts, r.v AS v"
                        + " FROM lefts AS l RIGHT OUTER JOIN rights AS r" + BOUND + ") AS j WHERE v > 0"
                        + " GROUP BY window(ts, '20 seconds', '10 seconds')";
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(q).writeStream().outputMode("append"))) {
            lefts.addData(new Object[] {at(1000), "a", 1});
            rights.addData(new Object[] {at(1001), "c", 15}, new Object[] {at(1002), "a", 20});
            assertThat(d.runTrigger().newRows()).isEmpty();
            lefts.addData(new Object[] {at(1060), "z", 1});
            rights.addData(new Object[] {at(1060), "z", 1});
            // watermark 1055 s: the unmatched c (v = 15) leaves the join with nulls; the windows of 1000 s close
            assertThat(RowTexts.sorted(d.runTrigger().newRows()))
                    .containsExactly(1_000_000_000L + " 1 20.0", 990_000_000L + " 1 20.0");
        }
    }
}
