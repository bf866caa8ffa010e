package dev.eddy.bench.engine;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.mod;
import static dev.eddy.streaming.api.expr.Functions.mul;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static dev.eddy.streaming.api.expr.Functions.window;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.function.Function;

/**
 * The engine's figures, each a query built with the public Dataset API over pre-built batches (a {@link BatchFeed},
 * one batch per trigger) into a counting sink, run on the engine's own query thread while the main thread waits.
 */
final class EngineFigures {
    private static final int BATCH_ROWS = 500_000;
    private static final int BID_TIME = Nexmark.BID.indexOf("dateTime");
    private static final int KEYED_TIME = Nexmark.KEYED.indexOf("dateTime");
    private static int feeds;

    private EngineFigures() {}

    static void run(int scale, double kstreamsRate) throws Exception {
        Providers.register(new CountingSink());
        int rows = BATCH_ROWS / scale;
        throughput(
                "engine.passthrough.rows_per_s",
                bids(rows, 4),
                -1,
                false,
                d -> d.select(
                        col("auction"),
                        col("bidder"),
                        alias(mul(col("price"), lit(0.908)), "price_eur"),
                        col("dateTime")));
        throughput(
                "engine.filter.rows_per_s",
                bids(rows, 4),
                -1,
                false,
                d -> d.filter(eq(mod(col("auction"), lit(123L)), lit(0L))).select("auction", "price"));
        if (Harness.wanted("engine.q7") || Harness.wanted("engine.q5") || Harness.wanted("engine.window_count_sum")) {
            checkAnswers();
        }
        throughput("engine.q7_tumbling_max.rows_per_s", bids(rows, 4), BID_TIME, true, EngineFigures::q7);
        throughput("engine.q5_sliding_count.rows_per_s", bids(rows, 4), BID_TIME, true, EngineFigures::q5);
        double engine = throughput(
                "engine.window_count_sum.rows_per_s",
                EngineBench.keyedInput(4, rows),
                KEYED_TIME,
                true,
                EngineFigures::windowCountSum);
        if (!Double.isNaN(kstreamsRate)) {
            Harness.print("engine_vs_kstreams.window_count_sum.ratio", engine / kstreamsRate, "x");
        }
        if (Harness.wanted("engine.empty_trigger")) {
            emptyTrigger();
            emptyTriggerRoundTrip();
        }
        if (Harness.wanted("engine.window_groups")) {
            windowGroups(scale);
        }
        if (Harness.wanted("engine.state_flat")) {
            stateFlat(scale);
        }
    }

    static Dataset q7(Dataset d) {
        return d.withWatermark("dateTime", "5 seconds")
                .groupBy(window(col("dateTime"), "10 seconds"))
                .agg(alias(max(col("price")), "maxPrice"));
    }

    static Dataset q5(Dataset d) {
        return d.withWatermark("dateTime", "5 seconds")
                .groupBy(window(col("dateTime"), "10 seconds", "2 seconds"), col("auction"))
                .count();
    }

    /**
     * Runs the windowed queries on a small input (several batches, so windows span batches and get evicted) and
     * compares their final update-mode tables with the reference loop; throws before any speed is reported for a
     * wrong answer.
     */
    private static void checkAnswers() throws Exception {
        long second = 1_000_000L;
        Batch[] bids = bids(40_000, 5);
        int auction = Nexmark.BID.indexOf("auction");
        int price = Nexmark.BID.indexOf("price");
        Batch[] longer = bids(100_000, 10); // q7 has one group per window: about 11 windows of event time
        check(
                "engine.q7_tumbling_max",
                longer,
                EngineFigures::q7,
                -1,
                1,
                1,
                Checksums.reference(longer, -1, price, BID_TIME, 10 * second, 10 * second, Checksums.Agg.MAX));
        check(
                "engine.q5_sliding_count",
                bids,
                EngineFigures::q5,
                1,
                2,
                1,
                Checksums.reference(bids, auction, price, BID_TIME, 10 * second, 2 * second, Checksums.Agg.COUNT));
        Batch[] keyed = EngineBench.keyedInput(5, 40_000);
        check(
                "engine.window_count_sum",
                keyed,
                EngineFigures::windowCountSum,
                1,
                2,
                2,
                Checksums.reference(keyed, 0, 1, KEYED_TIME, 10 * second, 10 * second, Checksums.Agg.COUNT_SUM));
    }

    private static void check(
            String figure,
            Batch[] input,
            Function<Dataset, Dataset> query,
            int keyCol,
            int firstValueCol,
            int values,
            long expected)
            throws Exception {
        BatchFeed f = new BatchFeed("benchfeed" + feeds++, input[0].schema());
        Providers.register(f);
        for (Batch b : input) {
            f.add(b);
        }
        Dataset q =
                query.apply(Eddy.create().readStream().format(f.formatName()).load());
        long actual;
        int groups;
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("update"))) {
            for (int i = 0; i < input.length; i++) {
                f.release(1);
                d.runTrigger();
            }
            actual = Checksums.ofResult(d.result(), keyCol, firstValueCol, values);
            groups = d.result().size();
        }
        if (actual != expected) {
            throw new IllegalStateException(figure + ": the result's checksum " + actual + " over " + groups
                    + " groups differs from the reference loop's " + expected);
        }
        Harness.print(figure + ".checked_groups", groups, "groups");
    }

    static Dataset windowCountSum(Dataset d) {
        return d.withWatermark("dateTime", "5 seconds")
                .groupBy(window(col("dateTime"), "10 seconds"), col("key"))
                .agg(alias(count(), "n"), alias(sum(col("price")), "total"));
    }

    private static Batch[] bids(int rows, int batches) {
        Nexmark gen = new Nexmark(42, 0, EngineBench.EVENT_MICROS);
        Batch[] out = new Batch[batches];
        for (int i = 0; i < batches; i++) {
            out[i] = gen.nextEvents((int) (rows / 0.92)).bids();
        }
        return out;
    }

    /** A cycling feed over {@code input}; {@code timeColumn} < 0 for stateless figures (no time shift). */
    private static BatchFeed feed(Batch[] input, int timeColumn) {
        long first = ((LongColumn) input[0].column(Math.max(0, timeColumn))).getLong(0);
        Batch lastBatch = input[input.length - 1];
        long last = ((LongColumn) lastBatch.column(Math.max(0, timeColumn))).getLong(lastBatch.numRows() - 1);
        BatchFeed f = BatchFeed.cycling(
                "benchfeed" + feeds++, input, timeColumn, timeColumn < 0 ? 0 : last - first + EngineBench.EVENT_MICROS);
        Providers.register(f);
        return f;
    }

    private static StreamingQuery start(Eddy eddy, BatchFeed f, boolean update, Function<Dataset, Dataset> query) {
        Dataset in = eddy.readStream().format(f.formatName()).load();
        return query.apply(in)
                .writeStream()
                .format("benchcount")
                .outputMode(update ? "update" : "append")
                .trigger(Trigger.asFastAsPossible())
                .start();
    }

    /**
     * Warm-up for about 1.5 s of batches, then 5 measured rounds of about 0.4 s each (sized from the warm-up
     * rate); the median round's rate. Event time keeps advancing across all of them.
     */
    private static double throughput(
            String figure, Batch[] input, int timeColumn, boolean update, Function<Dataset, Dataset> query)
            throws Exception {
        if (!Harness.wanted(figure)) {
            return Double.NaN;
        }
        BatchFeed f = feed(input, timeColumn);
        StreamingQuery q = start(Eddy.create(), f, update, query);
        int rows = input[0].numRows();
        double rate;
        try {
            long t0 = System.nanoTime();
            int warm = 0;
            while (System.nanoTime() - t0 < 1_500_000_000L || warm < 4) {
                f.release(1);
                q.processAllAvailable();
                warm++;
            }
            double batchesPerSecond = warm / ((System.nanoTime() - t0) / 1e9);
            int perRound = (int) Math.max(1, Math.round(batchesPerSecond * 0.4));
            rate = Harness.rowsPerSecond(0, 5, () -> {
                f.release(perRound);
                q.processAllAvailable();
                return (long) perRound * rows;
            });
            checkAllProcessed(figure, q, f);
        } finally {
            q.stop();
        }
        Harness.print(figure, rate, "rows/s");
        return rate;
    }

    /** Guards the figure: the query must really have read every batch released to it. */
    private static void checkAllProcessed(String figure, StreamingQuery q, BatchFeed f) {
        QueryProgress last = q.lastProgress();
        String end = last == null || last.sources().isEmpty()
                ? "none"
                : last.sources().get(0).endOffset();
        if (!end.equals(Long.toString(f.released()))) {
            throw new IllegalStateException(figure + ": the query read up to batch " + end + " of " + f.released());
        }
    }

    /** A trigger with nothing new, on the windowed count+sum query holding 1,000 groups. */
    private static void emptyTrigger() throws Exception {
        BatchFeed f = feed(EngineBench.keyedInput(1, 10_000), KEYED_TIME);
        Eddy eddy = Eddy.create();
        Dataset q = windowCountSum(eddy.readStream().format(f.formatName()).load());
        try (QueryTestDriver d =
                QueryTestDriver.start(q.writeStream().format("benchcount").outputMode("update"))) {
            f.release(1);
            d.runTrigger();
            double ms = Harness.millis(2_000, 5_001, () -> {
                d.runTrigger();
                return 0;
            });
            Harness.print("engine.empty_trigger.ms", ms, "ms");
        }
    }

    /** The same, through a running query: a cell asks the query thread to process all available data. */
    private static void emptyTriggerRoundTrip() throws Exception {
        BatchFeed f = feed(EngineBench.keyedInput(1, 10_000), KEYED_TIME);
        StreamingQuery q = start(Eddy.create(), f, true, EngineFigures::windowCountSum);
        try {
            f.release(1);
            q.processAllAvailable();
            double ms = Harness.millis(200, 501, () -> {
                q.processAllAvailable();
                return 0;
            });
            Harness.print("engine.process_all_available_idle.ms", ms, "ms");
        } finally {
            q.stop();
        }
    }

    /**
     * Retained heap of 1 million live window groups (1M keys in one open window, no watermark yet): the heap the
     * query holds after processing, measured as what stopping the query and dropping it frees.
     */
    private static void windowGroups(int scale) throws Exception {
        int groups = 1_000_000 / scale;
        Eddy eddy = Eddy.create();
        BatchFeed f = new BatchFeed("benchfeed" + feeds++, Nexmark.KEYED);
        Providers.register(f);
        StreamingQuery q = start(eddy, f, true, EngineFigures::windowCountSum);
        f.add(new Nexmark(3, 0, 0).keyedBids(groups, Integer.MAX_VALUE)); // all rows at time 0: one window
        f.release(1);
        q.processAllAvailable();
        long state = stateRows(q.lastProgress());
        long withState = Harness.usedHeapAfterGc();
        q.stop();
        q = null;
        eddy = null;
        Providers.register(new BatchFeed(f.formatName(), Nexmark.KEYED)); // drop the feed too
        f = null;
        long without = Harness.usedHeapAfterGc();
        double perMillion = (withState - without) / 1e6 * (1_000_000.0 / groups);
        Harness.print("engine.window_groups_1m.mb", perMillion, "MB");
        Harness.print("engine.window_groups_1m.state_rows", state * scale, "rows");
    }

    /** State rows after 100 and after 400 batches of advancing event time: should stay flat. */
    private static void stateFlat(int scale) throws Exception {
        int rows = 50_000 / scale;
        Eddy eddy = Eddy.create();
        BatchFeed f = new BatchFeed("benchfeed" + feeds++, Nexmark.KEYED);
        Providers.register(f);
        Nexmark gen = new Nexmark(11, 0, EngineBench.EVENT_MICROS);
        StreamingQuery q = start(eddy, f, true, EngineFigures::windowCountSum);
        try {
            long mid = 0;
            for (int b = 1; b <= 400; b++) {
                f.add(gen.keyedBids(rows, EngineBench.KEYS));
                f.release(1);
                q.processAllAvailable();
                if (b == 100) {
                    mid = stateRows(q.lastProgress());
                }
            }
            long end = stateRows(q.lastProgress());
            Harness.print("engine.state_flat.rows", end, "rows");
            Harness.print("engine.state_flat.growth", mid == 0 ? Double.NaN : (double) end / mid, "x");
        } finally {
            q.stop();
        }
    }

    private static long stateRows(QueryProgress p) {
        return p == null
                ? -1
                : p.stateOperators().stream()
                        .mapToLong(StateOperatorProgress::numRowsTotal)
                        .sum();
    }
}
