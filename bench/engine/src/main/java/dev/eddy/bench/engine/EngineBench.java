package dev.eddy.bench.engine;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.LongColumn;
import java.time.Duration;

/**
 * Runs every engine figure and the Kafka Streams peer in one JVM (run.sh gives it one core's worth of work) and
 * prints one line per figure. Argument {@code quick} shrinks the inputs (a smoke run).
 */
public final class EngineBench {
    static final int KEYS = 1_000;
    static final long EVENT_MICROS = 100; // 10,000 events per second of event time
    static final Duration WINDOW = Duration.ofSeconds(10);

    private EngineBench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        int scale = quick ? 10 : 1;
        if (Harness.wanted("nexmark")) {
            generator(scale);
        }
        double kstreams = Harness.wanted("kstreams") ? kstreamsWindowCountSum(scale) : Double.NaN;
        if (Harness.wanted("io.")) {
            IoFigures.run(scale);
        }
        EngineFigures.run(scale, kstreams);
        if (Harness.wanted("engine.sum_update")) {
            SumFigures.run(scale);
        }
    }

    private static void generator(int scale) throws Exception {
        Nexmark gen = new Nexmark(42, 0, EVENT_MICROS);
        int chunk = 100_000;
        double rate = Harness.rowsPerSecond(5, 5, () -> {
            long n = 0;
            for (int i = 0; i < 20 / scale; i++) {
                n += chunk;
                gen.nextEvents(chunk);
            }
            return n;
        });
        Harness.print("nexmark.generator.events_per_s", rate, "events/s");
    }

    /** The same input the engine's window_count_sum figure uses: keyed bids, 1,000 keys. */
    static Batch[] keyedInput(int batches, int rowsPerBatch) {
        Nexmark gen = new Nexmark(7, 0, EVENT_MICROS);
        Batch[] out = new Batch[batches];
        for (int i = 0; i < batches; i++) {
            out[i] = gen.keyedBids(rowsPerBatch, KEYS);
        }
        return out;
    }

    private static double kstreamsWindowCountSum(int scale) throws Exception {
        checkKStreamsAnswer();
        Batch[] input = keyedInput(15, 50_000 / scale);
        KStreamsWindowBench.Serialized[] records = new KStreamsWindowBench.Serialized[input.length];
        for (int i = 0; i < input.length; i++) {
            records[i] = serialized(input[i]);
        }
        double rate;
        try (KStreamsWindowBench ks = new KStreamsWindowBench(WINDOW, Duration.ofSeconds(5))) {
            int[] next = {0};
            rate = Harness.rowsPerSecond(
                    10,
                    5,
                    () -> { // its large code path needs a long JIT warm-up
                        KStreamsWindowBench.Serialized b = records[next[0]++ % records.length];
                        ks.pipe(b);
                        return b.keys().length;
                    });
        }
        Harness.print("kstreams.window_count_sum.rows_per_s", rate, "rows/s");
        return rate;
    }

    private static KStreamsWindowBench.Serialized serialized(Batch b) {
        return KStreamsWindowBench.Serialized.of(
                ((LongColumn) b.column(0)).values(),
                ((LongColumn) b.column(1)).values(),
                ((LongColumn) b.column(2)).values(),
                b.numRows());
    }

    /** The peer's answer on a small input (all windows still retained by its store) against the reference loop. */
    private static void checkKStreamsAnswer() {
        Batch[] small = keyedInput(2, 20_000); // 4 s of event time: nothing leaves the 15 s store retention
        long expected = Checksums.reference(
                small, 0, 1, 2, WINDOW.toNanos() / 1000, WINDOW.toNanos() / 1000, Checksums.Agg.COUNT_SUM);
        try (KStreamsWindowBench ks = new KStreamsWindowBench(WINDOW, Duration.ofSeconds(5))) {
            for (Batch b : small) {
                ks.pipe(serialized(b));
            }
            long actual = ks.checksum();
            if (actual != expected) {
                throw new IllegalStateException("kstreams.window_count_sum: checksum " + actual
                        + " differs from the reference loop's " + expected);
            }
        }
    }
}
