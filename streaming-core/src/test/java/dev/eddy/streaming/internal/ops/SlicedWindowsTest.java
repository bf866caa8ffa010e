package dev.eddy.streaming.internal.ops;

import static dev.eddy.streaming.api.expr.Functions.approxCountDistinct;
import static dev.eddy.streaming.api.expr.Functions.avg;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.min;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.internal.state.StateMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pane-sliced sliding-window path against the per-row path on random input: same output (in the same order),
 * state metrics, state deltas, saved state and late rows, batch after batch, including across a state restore.
 */
class SlicedWindowsTest {
    private static final long U = 1_000_000;
    private static final Schema IN = Schema.of(
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("k", DataType.LONG),
            Field.of("s", DataType.STRING),
            Field.of("v", DataType.LONG),
            Field.of("d", DataType.DOUBLE));
    private static final List<Expr> EXACT = List.of(
            count(),
            count(col("v")),
            sum(col("v")),
            min(col("v")),
            max(col("v")),
            approxCountDistinct(col("v")),
            min(col("d")),
            max(col("d")));
    /** size, slide, offset (in U): slide dividing size or not, gcd 1, offsets inside and beyond the slide. */
    private static final long[][] WINDOWS = {{10, 2, 0}, {10, 4, 0}, {9, 6, 0}, {7, 3, 0}, {10, 5, 3}, {12, 8, -5}};

    @Test
    void when_slidingWindowsAreSliced_then_everyBatchMatchesThePerRowPath() {
        long seed = 1;
        for (long[] w : WINDOWS) {
            for (OutputMode mode : OutputMode.values()) {
                for (boolean stringKeyFirst : new boolean[] {false, true}) {
                    Expr window = new Expr.Window(col("ts"), w[0] * U, w[1] * U, w[2] * U);
                    List<Expr> groupings = stringKeyFirst ? List.of(col("s"), window) : List.of(window, col("k"));
                    compare(
                            groupings,
                            EXACT,
                            mode,
                            new Random(seed++),
                            "window " + w[0] + "/" + w[1] + "+" + w[2] + " " + mode
                                    + (stringKeyFirst ? " (s, window)" : " (window, k)"));
                }
            }
        }
    }

    @Test
    void when_aggregatesMergeExactly_then_slidingWindowsAreSlicedAndOthersStayPerRow() {
        Expr sliding = new Expr.Window(col("ts"), 10 * U, 2 * U, 0);
        Expr tumbling = new Expr.Window(col("ts"), 10 * U, 10 * U, 0);
        assertThat(op(List.of(sliding, col("k")), EXACT, OutputMode.UPDATE, true)
                        .slicesPanes())
                .isTrue();
        assertThat(op(List.of(sliding, col("k")), List.of(count(), avg(col("v"))), OutputMode.UPDATE, true)
                        .slicesPanes())
                .isFalse();
        assertThat(op(List.of(sliding, col("k")), List.of(sum(col("d"))), OutputMode.UPDATE, true)
                        .slicesPanes())
                .isFalse();
        assertThat(op(List.of(tumbling, col("k")), EXACT, OutputMode.UPDATE, true)
                        .slicesPanes())
                .isFalse();
    }

    @Test
    void when_aggregateIsNotExact_then_resultsStillMatchThePerRowPath() {
        Expr window = new Expr.Window(col("ts"), 10 * U, 4 * U, 0);
        compare(
                List.of(window, col("k")),
                List.of(count(), avg(col("v")), sum(col("d"))),
                OutputMode.UPDATE,
                new Random(99),
                "avg");
    }

    private static AggregateOp op(List<Expr> groupings, List<Expr> aggs, OutputMode mode, boolean slicing) {
        return op(new Feed(), groupings, aggs, mode, slicing);
    }

    private static AggregateOp op(Feed feed, List<Expr> groupings, List<Expr> aggs, OutputMode mode, boolean slicing) {
        Aggregate node = new Aggregate(new Scan("memory", Map.of(), IN), groupings, aggs);
        return new AggregateOp(feed, node, mode, Set.of("ts"), slicing);
    }

    private static void compare(List<Expr> groupings, List<Expr> aggs, OutputMode mode, Random rnd, String what) {
        Feed feed = new Feed();
        AggregateOp sliced = op(feed, groupings, aggs, mode, true);
        AggregateOp perRow = op(feed, groupings, aggs, mode, false);
        long wm = Long.MIN_VALUE;
        long maxTs = Long.MIN_VALUE;
        int batches = 24;
        long lateSeen = 0;
        for (int b = 0; b < batches; b++) {
            Batch in = batch(rnd, b);
            feed.next = in;
            BatchContext ctx = new BatchContext(b, wm, new Batch[0], mode, 0);
            String at = what + ", batch " + b;
            assertThat(rows(sliced.process(List.of(in), ctx))).as(at).isEqualTo(rows(perRow.process(List.of(in), ctx)));
            assertThat(counts(sliced.store().metrics()))
                    .as(at)
                    .isEqualTo(counts(perRow.store().metrics()));
            assertDeltasEqual(sliced.store().delta(), perRow.store().delta(), at);
            assertThat(late(sliced, b)).as(at).isEqualTo(late(perRow, b));
            lateSeen += late(perRow, b).size();
            if (b == batches / 2) {
                // a restored sliced operator carries on exactly like the per-row one
                AggregateOp restored = op(feed, groupings, aggs, mode, true);
                restored.store().load(sliced.store().snapshot());
                assertThat(rows(restored.stateRows())).as(at).isEqualTo(rows(perRow.stateRows()));
                sliced = restored;
            }
            for (Row r : in.toRows()) {
                if (r.get(0) != null) {
                    maxTs = Math.max(maxTs, (Long) r.get(0));
                }
            }
            wm = Math.max(wm, maxTs - 4 * U);
        }
        assertThat(rows(sliced.store().snapshot()))
                .as(what)
                .isEqualTo(rows(perRow.store().snapshot()));
        if (mode != OutputMode.COMPLETE) {
            assertThat(lateSeen).as(what + ": the input has late rows").isPositive();
        }
    }

    /** The state metrics but memory, which follows table capacity (different after a restore, as after a restart). */
    private static List<Long> counts(StateMetrics m) {
        return List.of(m.numRowsTotal(), m.numRowsUpdated(), m.numRowsRemoved(), m.numRowsDroppedByWatermark());
    }

    private static void assertDeltasEqual(StateDelta a, StateDelta b, String at) {
        assertThat(rows(a.upserts())).as(at + " upserts").isEqualTo(rows(b.upserts()));
        assertThat(rows(a.removedKeys())).as(at + " removed").isEqualTo(rows(b.removedKeys()));
    }

    /** The late rows one batch dropped (a restored operator starts a new sample, as after a restart). */
    private static List<String> late(AggregateOp op, long batchId) {
        return op.store().lateRows().sample().stream()
                .filter(d -> d.batchId() == batchId)
                .map(Object::toString)
                .collect(Collectors.toList());
    }

    private static List<String> rows(Batch b) {
        return b.toRows().stream().map(Object::toString).collect(Collectors.toList());
    }

    /** Rows moving forward about 6 U per batch, some up to 14 U back (late), nulls in every column. */
    private static Batch batch(Random rnd, int b) {
        BatchBuilder bb = Batch.builder(IN);
        int n = rnd.nextInt(120);
        long base = (b * 6 - 20) * U;
        for (int i = 0; i < n; i++) {
            long ts = base + (long) (rnd.nextDouble() * 6 * U) - (rnd.nextInt(8) == 0 ? rnd.nextInt(14) * U : 0);
            if (rnd.nextInt(30) == 0) {
                bb.setNull(0);
            } else {
                bb.setTimestampMicros(0, ts);
            }
            if (rnd.nextInt(20) == 0) {
                bb.setNull(1);
            } else {
                bb.setLong(1, rnd.nextInt(6));
            }
            if (rnd.nextInt(20) == 0) {
                bb.setNull(2);
            } else {
                bb.setString(2, "s" + rnd.nextInt(5));
            }
            if (rnd.nextInt(8) == 0) {
                bb.setNull(3);
                bb.setNull(4);
            } else {
                bb.setLong(3, rnd.nextInt(50) - 10);
                bb.setDouble(4, rnd.nextInt(9) == 0 ? -0.0 : rnd.nextGaussian());
            }
            bb.endRow();
        }
        return bb.build();
    }

    /** The batch both operators read in the current trigger (each executes its child once). */
    private static final class Feed implements Operator {
        Batch next = Batch.empty(IN);

        @Override
        public Schema schema() {
            return IN;
        }

        @Override
        public List<Operator> children() {
            return new ArrayList<>();
        }

        @Override
        public Batch process(List<Batch> inputs, BatchContext ctx) {
            return next;
        }

        @Override
        public String describe() {
            return "feed";
        }
    }
}
