package dev.eddy.bench.engine;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.internal.expr.Vectors;
import dev.eddy.streaming.internal.ops.agg.Accumulator;
import dev.eddy.streaming.internal.ops.agg.Accumulators;
import java.util.Arrays;

/**
 * SUM of a BIGINT column into 1,000 groups, the accumulator alone (no query around it): the engine's accumulator
 * (one overflow test per batch) against {@link PerRowChecked}, the loop it had before (an overflow branch and the
 * aggregate's kind decided on every row), in the same JVM on the same rows, in alternating rounds; the ratio is the
 * median of the rounds' ratios. Both answers are compared first.
 */
final class SumFigures {
    private SumFigures() {}

    static void run(int scale) throws Exception {
        Batch input = new Nexmark(7, 0, EngineBench.EVENT_MICROS).keyedBids(500_000 / scale, EngineBench.KEYS);
        int n = input.numRows();
        long[] keys = ((LongColumn) input.column(0)).values();
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) {
            groups[i] = (int) keys[i];
        }
        Column price = input.column(1);
        Accumulator engine = Accumulators.create(Expr.AggFn.SUM, DataType.LONG);
        engine.ensureCapacity(EngineBench.KEYS);
        PerRowChecked before = new PerRowChecked(PerRowChecked.Kind.SUM, EngineBench.KEYS);
        checkSameSums(engine, before, groups, price);
        int laps = 20;
        Harness.Round oldRound = () -> {
            for (int l = 0; l < laps; l++) {
                before.update(groups, null, n, price);
            }
            return (long) laps * n;
        };
        Harness.Round newRound = () -> {
            for (int l = 0; l < laps; l++) {
                engine.update(groups, null, n, price);
            }
            return (long) laps * n;
        };
        // rounds alternate between the two loops, so a change in the machine's load falls on both alike
        int rounds = 21;
        double[] old = new double[rounds];
        double[] now = new double[rounds];
        double[] ratio = new double[rounds];
        for (int w = 0; w < 10; w++) {
            oldRound.run();
            newRound.run();
        }
        for (int r = 0; r < rounds; r++) {
            old[r] = rate(oldRound);
            now[r] = rate(newRound);
            ratio[r] = now[r] / old[r];
        }
        Harness.print("engine.sum_update_per_row_check.rows_per_s", median(old), "rows/s");
        Harness.print("engine.sum_update.rows_per_s", median(now), "rows/s");
        Harness.print("engine.sum_update_vs_per_row_check.ratio", median(ratio), "x");
    }

    private static double rate(Harness.Round round) throws Exception {
        long t0 = System.nanoTime();
        long rows = round.run();
        return rows * 1e9 / Math.max(1, System.nanoTime() - t0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void checkSameSums(Accumulator engine, PerRowChecked before, int[] groups, Column price) {
        int n = groups.length;
        engine.update(groups, null, n, price);
        before.update(groups, null, n, price);
        int[] all = new int[EngineBench.KEYS];
        Arrays.setAll(all, g -> g);
        long[] sums = ((LongColumn) engine.result(all, all.length)).values();
        if (!Arrays.equals(sums, before.values)) {
            throw new IllegalStateException("engine.sum_update: the accumulator's sums differ from the per-row loop's");
        }
    }

    /**
     * The engine's LongAccumulator.update before it gave SUM a loop of its own (as of commit 586a598b), cut to what a
     * SUM runs through: the kind switched on per row and the overflow tested per row.
     */
    static final class PerRowChecked {
        enum Kind {
            COUNT,
            SUM,
            MIN,
            MAX
        }

        private final Kind kind;
        final long[] values;
        private final long[] seen;

        PerRowChecked(Kind kind, int groups) {
            this.kind = kind;
            values = new long[groups];
            seen = new long[(groups + 63) >>> 6];
        }

        void update(int[] groups, int[] rows, int n, Column arg) {
            long[] v = values;
            long[] x = kind == Kind.COUNT ? null : Vectors.asLongs(arg);
            long[] nulls = Vectors.nullsOf(arg);
            long[] s = seen;
            for (int i = 0; i < n; i++) {
                int r = rows == null ? i : rows[i];
                if (nulls != null && Vectors.isNull(nulls, r)) {
                    continue;
                }
                int g = groups[i];
                boolean had = (s[g >>> 6] & (1L << g)) != 0;
                switch (kind) {
                    case COUNT -> v[g]++;
                    case SUM -> v[g] = sum(v[g], x[r]);
                    case MIN -> v[g] = had ? Math.min(v[g], x[r]) : x[r];
                    default -> v[g] = had ? Math.max(v[g], x[r]) : x[r];
                }
                s[g >>> 6] |= 1L << g;
            }
        }

        private static long sum(long a, long b) {
            long r = a + b;
            if (((a ^ r) & (b ^ r)) < 0) {
                throw new ArithmeticException("long overflow in sum");
            }
            return r;
        }
    }
}
