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

    private EngineBench() {
    }

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
        Batch[] input = keyedInput(15, 50_000 / scale);
        double rate;
        try (KStreamsWindowBench ks = new KStreamsWindowBench(WINDOW, Duration.ofSeconds(5))) {
            int[] next = {0};
            rate = Harness.rowsPerSecond(10, 5, () -> { // its large code path needs a long JIT warm-up
                Batch b = input[next[0]++ % input.length];
                long[] k = ((LongColumn) b.column(0)).values();
                long[] p = ((LongColumn) b.column(1)).values();
                long[] t = ((LongColumn) b.column(2)).values();
                ks.pipe(k, p, t, 0, b.numRows());
                return b.numRows();
            });
        }
        Harness.print("kstreams.window_count_sum.rows_per_s", rate, "rows/s");
        return rate;
    }
}
