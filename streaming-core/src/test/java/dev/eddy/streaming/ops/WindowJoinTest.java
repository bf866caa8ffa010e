package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.window;
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
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * window(ts, ...) projected without a GROUP BY, and two streams joined on the equality of their windows (and a key),
 * as Spark 4.2 runs them (a probe of Spark 4.2 gave the batches asserted in the first test): the window carries the
 * watermark of its time column, so the join evicts both sides' rows once window.end <= watermark, drops a side's rows
 * late by window.end <= the previous batch's watermark, and may be an outer join.
 */
class WindowJoinTest {
    private static final Schema EVENTS =
            Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING), Field.of("v", DataType.INT));

    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream lefts = eddy.memoryStream(EVENTS);
    private final MemoryStream rights = eddy.memoryStream(EVENTS);

    private static Object[] ev(long second, String k, int v) {
        return new Object[] {Instant.ofEpochSecond(second), k, v};
    }

    private Dataset side(MemoryStream in, String delay, Expr window) {
        return in.toDF().withWatermark("ts", delay).select(window.as("w"), col("k"), col("v"));
    }

    /** lefts (watermark 5 s) and rights (0 s) on k and their windows; the join's columns are w, k, v, right_w, ... */
    private Dataset join(Expr window, String type) {
        Dataset l = side(lefts, "5 seconds", window);
        Dataset r = side(rights, "0 seconds", window);
        return l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))), type);
    }

    private static Expr tumbling() {
        return window(col("ts"), "10 seconds");
    }

    /** "start-end k lv/rv" per joined row, sorted; start and end in seconds. */
    private static List<String> joined(List<Row> rows) {
        return rows.stream()
                .map(r -> {
                    Row w = r.getStruct("w") != null ? r.getStruct("w") : r.getStruct("right_w");
                    return w.getLong(0) / 1_000_000 + "-" + w.getLong(1) / 1_000_000 + " "
                            + (r.isNull("k") ? r.getString("right_k") : r.getString("k")) + " " + r.get("v") + "/"
                            + (r.schema().indexOf("right_v") >= 0 ? r.get("right_v") : "-");
                })
                .sorted()
                .toList();
    }

    private static long stateRows(QueryProgress p) {
        return p.stateOperators().get(0).numRowsTotal();
    }

    private static long dropped(QueryProgress p) {
        return p.stateOperators().get(0).numRowsDroppedByWatermark();
    }

    @Test
    void when_bothSidesProjectTumblingWindows_then_rowsOfOneWindowAndKeyJoinAndLeaveTheStateWhenItEnds() {
        try (QueryTestDriver d = QueryTestDriver.start(join(tumbling(), "inner").writeStream())) {
            lefts.addData(ev(101, "a", 1), ev(112, "b", 2));
            rights.addData(ev(103, "a", 3));
            QueryTestDriver.TriggerResult t = d.runTrigger(); // then a no-data batch at watermark min(107, 103)
            assertThat(joined(t.newRows())).containsExactly("100-110 a 1/3");
            assertThat(t.batches()).extracting(WindowJoinTest::stateRows).containsExactly(3L, 3L);

            lefts.addData(ev(125, "a", 4));
            rights.addData(ev(114, "b", 5), ev(102, "a", 6));
            t = d.runTrigger(); // the watermark 114 ends [100, 110) on both sides
            assertThat(joined(t.newRows())).containsExactly("100-110 a 1/6", "110-120 b 2/5");
            assertThat(t.batches()).extracting(WindowJoinTest::stateRows).containsExactly(6L, 3L);

            lefts.addData(ev(108, "a", 7), ev(126, "a", 8));
            rights.addData(ev(141, "c", 9), ev(127, "a", 10));
            t = d.runTrigger(); // then 121 ends [110, 120)
            assertThat(dropped(t.batches().get(0)))
                    .as("108 falls into [100, 110), which the watermark has ended: late")
                    .isEqualTo(1);
            assertThat(joined(t.newRows())).containsExactly("120-130 a 4/10", "120-130 a 8/10");
            assertThat(t.batches()).extracting(WindowJoinTest::stateRows).containsExactly(6L, 4L);

            lefts.addData(ev(160, "a", 11));
            rights.addData(ev(131, "a", 12));
            t = d.runTrigger(); // then 141 ends [120, 130) and [130, 140)
            assertThat(t.newRows()).isEmpty();
            assertThat(t.batches()).extracting(WindowJoinTest::stateRows).containsExactly(6L, 2L);
        }
    }

    @Test
    void when_aSlidingWindowIsProjected_then_eachRowJoinsOncePerWindowItFallsInto() {
        try (QueryTestDriver d = QueryTestDriver.start(
                join(window(col("ts"), "10 seconds", "5 seconds"), "inner").writeStream())) {
            lefts.addData(ev(101, "a", 1), ev(112, "b", 2));
            rights.addData(ev(103, "a", 3));
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(joined(t.newRows())).containsExactly("100-110 a 1/3", "95-105 a 1/3");
            assertThat(stateRows(t.batches().get(0))).as("two windows per row").isEqualTo(6);
        }
    }

    /** Spark 4.2: the left row of [105, 115) that never matched comes out with nulls when the watermark ends it. */
    @Test
    void when_aLeftWindowEndsWithoutAMatch_then_aLeftOuterJoinEmitsItWithNulls() {
        try (QueryTestDriver d = QueryTestDriver.start(
                join(window(col("ts"), "10 seconds", "5 seconds"), "left_outer").writeStream())) {
            lefts.addData(ev(101, "a", 1));
            rights.addData(ev(103, "a", 3));
            assertThat(joined(d.runTrigger().newRows())).containsExactly("100-110 a 1/3", "95-105 a 1/3");
            lefts.addData(ev(108, "a", 7), ev(126, "a", 8));
            rights.addData(ev(116, "b", 5));
            QueryTestDriver.TriggerResult t = d.runTrigger(); // then the watermark min(121, 116) ends [105, 115)
            assertThat(joined(t.newRows()))
                    .as("[100, 110) of 108 matches 103; its [105, 115) meets b only")
                    .containsExactly("100-110 a 7/3", "105-115 a 7/null");
            assertThat(joined(t.newRows().subList(0, 1))).containsExactly("100-110 a 7/3");
        }
    }

    /**
     * Seed 7 case 285 of the stream differential, on Spark 4.2 (no no-data batches, so the row is late only by the
     * watermark the batch evicts with): the row is not kept, and as it matched nothing it comes out at once.
     */
    @Test
    void when_aNewLeftRowsWindowHasEndedByTheCurrentWatermark_then_anOuterJoinEmitsItAtOnceAndKeepsNothing() {
        Eddy noNoData =
                Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
        MemoryStream a = noNoData.memoryStream(EVENTS);
        MemoryStream b = noNoData.memoryStream(EVENTS);
        Dataset l = a.toDF().withWatermark("ts", "0 seconds").select(tumbling().as("w"), col("k"), col("v"));
        Dataset r = b.toDF().withWatermark("ts", "0 seconds").select(tumbling().as("w"), col("k"), col("v"));
        Dataset j = l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))), "left_outer");
        try (QueryTestDriver d = QueryTestDriver.start(j.writeStream().option("multipleWatermarkPolicy", "max"))) {
            a.addData(ev(105, "b", 9));
            d.runTrigger();
            a.addData(ev(25, "a", 6)); // not late by 0, but [20, 30) has ended by 105
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(joined(t.newRows())).containsExactly("20-30 a 6/null");
            assertThat(stateRows(t.batches().get(0))).isEqualTo(1);
        }
    }

    /**
     * Seed 7 case 478 of the stream differential (Spark 4.2, no no-data batches, policy min): in batch 1 both sides get
     * a row of key b whose windows the watermark (154.905 s) has already ended. Spark adds the new left rows to the
     * state before the new right rows join it, so [120, 130) of both meets; only the left's [125, 135) goes out with
     * nulls, and neither side holds anything of b afterwards.
     */
    @Test
    void when_bothSidesBringAWindowTheWatermarkHasEnded_then_theyStillJoinEachOtherInThatBatch() {
        for (String type : List.of("left_outer", "inner")) {
            Eddy noNoData = Eddy.builder()
                    .clock(new ManualClock(0))
                    .noDataBatches(false)
                    .build();
            MemoryStream a = noNoData.memoryStream(EVENTS);
            MemoryStream b = noNoData.memoryStream(EVENTS);
            Expr sliding = window(col("ts"), "10 seconds", "5 seconds");
            Dataset l = a.toDF().withWatermark("ts", "5 seconds").select(sliding.as("w"), col("k"), col("v"));
            Dataset r = b.toDF().withWatermark("ts", "0 seconds").select(sliding.as("w"), col("k"), col("v"));
            Dataset j = l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))), type);
            try (QueryTestDriver d = QueryTestDriver.start(j.writeStream().option("multipleWatermarkPolicy", "min"))) {
                a.addData(new Object[] {Instant.ofEpochMilli(163_545), "b", 13});
                b.addData(new Object[] {Instant.ofEpochMilli(154_905), "a", 11});
                assertThat(d.runTrigger().newRows()).isEmpty();
                a.addData(new Object[] {Instant.ofEpochSecond(126), "b", null});
                b.addData(ev(120, "b", -1));
                QueryTestDriver.TriggerResult t = d.runTrigger();
                assertThat(joined(t.newRows()))
                        .as(type)
                        .containsExactlyElementsOf(
                                type.equals("inner")
                                        ? List.of("120-130 b null/-1")
                                        : List.of("120-130 b null/-1", "125-135 b null/null"));
                assertThat(stateRows(t.batches().get(0)))
                        .as("batch 0's four windows only")
                        .isEqualTo(4);
            }
        }
    }

    /**
     * Spark keeps a watermark on the attribute, not on its name: with only the left input watermarked, the right
     * side's window w (named as the left's) has none, so a right row whose window has ended is not late (not counted
     * as dropped); it matches nothing, as the left rows of that window have left the state, and is not kept.
     */
    @Test
    void when_onlyOneSideHasAWatermark_then_theOtherSidesRowsOfTheSameColumnNameAreNeverLate() {
        Dataset l = side(lefts, "5 seconds", tumbling());
        Dataset r = rights.toDF().select(tumbling().as("w"), col("k"), col("v"));
        Dataset j = l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))), "left_outer");
        try (QueryTestDriver d = QueryTestDriver.start(j.writeStream())) {
            lefts.addData(ev(101, "a", 1));
            rights.addData(ev(102, "a", 2));
            assertThat(joined(d.runTrigger().newRows())).containsExactly("100-110 a 1/2");
            lefts.addData(ev(126, "b", 3));
            d.runTrigger(); // watermark 121 ends [100, 110) and [110, 120)
            rights.addData(ev(103, "a", 4), ev(128, "b", 5));
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(dropped(t.batches().get(0)))
                    .as("the right side has no watermark")
                    .isZero();
            assertThat(joined(t.newRows())).containsExactly("120-130 b 3/5");
            assertThat(stateRows(t.batches().get(0)))
                    .as("b's left and right rows")
                    .isEqualTo(2);
        }
    }

    @Test
    void when_aLeftSemiJoinMeetsTheSameWindowAndKey_then_theLeftRowIsEmittedOnce() {
        try (QueryTestDriver d =
                QueryTestDriver.start(join(tumbling(), "left_semi").writeStream())) {
            lefts.addData(ev(101, "a", 1), ev(112, "b", 2));
            rights.addData(ev(103, "a", 3), ev(104, "a", 4));
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(joined(t.newRows())).containsExactly("100-110 a 1/-");
            assertThat(stateRows(t.batches().get(0))).as("b and the two rights").isEqualTo(3);
        }
    }

    @Test
    void when_theJoinRestartsFromItsCheckpoint_then_heldWindowsStillMatchAndAreEvictedLater() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        try (QueryTestDriver d =
                QueryTestDriver.start(join(tumbling(), "inner").writeStream().checkpointStore(store))) {
            lefts.addData(ev(101, "a", 1), ev(112, "b", 2));
            rights.addData(ev(103, "c", 3));
            d.runTrigger();
        }
        rights.addData(ev(115, "b", 5));
        try (QueryTestDriver d =
                QueryTestDriver.start(join(tumbling(), "inner").writeStream().checkpointStore(store))) {
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(joined(t.newRows())).containsExactly("110-120 b 2/5");
            lefts.addData(ev(135, "z", 0));
            rights.addData(ev(131, "z", 0));
            t = d.runTrigger(); // 130 - 5 vs 131: watermark 130 ends [100, 110) and [110, 120)
            assertThat(joined(t.newRows())).containsExactly("130-140 z 0/0");
            assertThat(stateRows(t.batches().get(t.batches().size() - 1))).isEqualTo(2);
        }
    }

    @Test
    void when_aSideKeepsTheTimeColumnNextToItsWindow_then_itsFirstBatchFailsAsInSpark() {
        Dataset l =
                lefts.toDF().withWatermark("ts", "5 seconds").select(tumbling().as("w"), col("ts"), col("k"));
        Dataset r =
                rights.toDF().withWatermark("ts", "5 seconds").select(tumbling().as("w"), col("k"));
        Dataset j = l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))));
        try (QueryTestDriver d = QueryTestDriver.start(j.writeStream())) { // Spark too starts it, and fails its batch
            lefts.addData(ev(101, "a", 1));
            assertThatThrownBy(d::runTrigger)
                    .hasStackTraceContaining("More than one event time columns")
                    .hasStackTraceContaining("w and ts");
        }
    }

    @Test
    void when_neitherSideHasAWatermark_then_anOuterJoinOnWindowsIsRefused() {
        Dataset l = lefts.toDF().select(tumbling().as("w"), col("k"));
        Dataset r = rights.toDF().select(tumbling().as("w"), col("k"));
        Dataset j = l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))), "left_outer");
        assertThatThrownBy(() -> QueryTestDriver.start(j.writeStream()))
                .hasMessageContaining("LEFT OUTER join is not supported without a watermark");
    }

    @Test
    void when_aWindowIsSelected_then_tumblingGivesOneRowPerTimeAndSlidingOnePerWindowAndNullTimesNone() {
        Dataset q = lefts.toDF()
                .select(window(col("ts"), "10 seconds", "4 seconds").as("w"), col("v"))
                .select(col("w.start").as("s"), col("w").getField("end").as("e"), col("v"));
        assertThat(q.schema().names()).containsExactly("s", "e", "v");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            lefts.addData(ev(101, "a", 1), new Object[] {null, "n", 2});
            assertThat(d.runTrigger().newRows())
                    .extracting(r -> r.getTimestamp("s").getEpochSecond() + "-"
                            + r.getTimestamp("e").getEpochSecond() + " " + r.get("v"))
                    .containsExactlyInAnyOrder("100-110 1", "96-106 1", "92-102 1");
        }
        Dataset tumble = rights.toDF().select(tumbling(), col("v"));
        assertThat(tumble.schema().names()).containsExactly("window", "v");
        try (QueryTestDriver d = QueryTestDriver.start(tumble.writeStream())) {
            rights.addData(ev(101, "a", 1), ev(110, "a", 2));
            assertThat(d.runTrigger().newRows())
                    .extracting(r -> r.getStruct("window").getLong(0) / 1_000_000 + " " + r.get("v"))
                    .containsExactlyInAnyOrder("100 1", "110 2");
        }
    }

    @Test
    void when_twoWindowsAreSelected_then_theSelectIsRefused() {
        assertThatThrownBy(() -> lefts.toDF()
                        .select(
                                tumbling().as("a"),
                                window(col("ts"), "20 seconds").as("b")))
                .hasMessageContaining("only one window(...) per select");
    }

    /**
     * Spark 4.2 (stream differential, seed 20261206 cases 281, 338, 734 and 787 drawn with windowJoinAggregate=false,
     * which differed before filters passed window assignments): a filter on a side's key above its window projection
     * runs below the side's watermark (Spark's pushdown passes a tumbling window's projection and a sliding window's
     * Expand, then the EventTimeWatermark), so a row of another key never moves the watermark (nor runs a no-data
     * batch for it).
     */
    @Test
    void when_aWindowSideIsFilteredOnItsKey_then_rowsOfOtherKeysDoNotMoveItsWatermark() {
        assertThat(filteredOnKey("10 seconds")).as("tumbling").containsExactly("100-110 a 1/3");
        assertThat(filteredOnKey("5 seconds")).as("sliding").containsExactly("100-110 a 1/3", "95-105 a 1/3");
    }

    /** The joined rows of a join whose left side (windows of 10 s sliding by {@code slide}) keeps key a only. */
    private static List<String> filteredOnKey(String slide) {
        Eddy own = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream ls = own.memoryStream(EVENTS);
        MemoryStream rs = own.memoryStream(EVENTS);
        Expr w = window(col("ts"), "10 seconds", slide);
        Dataset l = ls.toDF()
                .withWatermark("ts", "5 seconds")
                .select(w.as("w"), col("k"), col("v"))
                .filter(col("k").equalTo(lit("a")));
        Dataset r = rs.toDF().withWatermark("ts", "0 seconds").select(w.as("w"), col("k"), col("v"));
        Dataset j = l.join(r, col("k").equalTo(col("right_k")).and(col("w").equalTo(col("right_w"))), "inner");
        try (QueryTestDriver d = QueryTestDriver.start(j.writeStream())) {
            ls.addData(ev(101, "a", 1), ev(190, "b", 2));
            rs.addData(ev(103, "a", 3), ev(150, "a", 4));
            List<String> out = joined(d.runTrigger().newRows());
            assertThat(d.watermark())
                    .as("min(101 - 5, 150 - 0): the left row of b at 190 s (which would make it 150) moved nothing")
                    .contains(Instant.ofEpochSecond(96));
            return out;
        }
    }
}
