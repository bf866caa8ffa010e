import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static dev.eddy.streaming.api.expr.Functions.window;

import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StringColumn;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Windowed count + sum (10 s tumbling windows, 5k keys, 10 s watermark), one micro-batch per simulated second of a
 * 1-second trigger, with and without a file checkpoint (offsets, a state delta and commit per batch, a state snapshot
 * every 10 batches). Prints rows/s for both, their ratio, and the state bytes written per batch; then the overhead
 * again with the checkpoint on tmpfs ({@code /dev/shm}), where fsync is free, to show the encoding and writing part. Runs alternate (nockpt, ckpt) rounds and keeps each side's best.
 */
public final class CkptBench {
    static final int ROWS_PER_BATCH = Integer.getInteger("rows", 100_000);
    static final int BATCHES = Integer.getInteger("batches", 30);
    static final int KEYS = 5_000;

    public static void main(String[] args) throws Exception {
        Batch[] data = new Batch[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            data[b] = batch(b);
        }
        measure(data, "ckpt", null);
        // the same on tmpfs, where fsync costs nothing: what is left is encoding and writing the state files
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            measure(data, "ckpt_tmpfs", shm);
        }
    }

    static void measure(Batch[] data, String prefix, Path parent) throws Exception {
        double best0 = 0;
        double best1 = 0;
        long cpu0 = Long.MAX_VALUE;
        long cpu1 = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            double r0 = run(data, false, parent);
            long c0 = lastCpuNanos;
            double r1 = run(data, true, parent);
            long c1 = lastCpuNanos;
            stateBytesPerBatch = lastStateBytes / (double) BATCHES;
            if (round > 0) { // round 0 warms up the JIT
                best0 = Math.max(best0, r0);
                best1 = Math.max(best1, r1);
                cpu0 = Math.min(cpu0, c0);
                cpu1 = Math.min(cpu1, c1);
            }
        }
        String f = prefix + ".window_count_sum.";
        if (parent == null) {
            System.out.printf("nockpt.window_count_sum.rows_per_s %.0f rows/s%n", best0);
        }
        System.out.printf(f + "rows_per_s %.0f rows/s%n", best1);
        System.out.printf(f + "slowdown %.1f %%%n", (best0 / best1 - 1) * 100);
        double perBatchMs = ((double) ROWS_PER_BATCH / best1 - (double) ROWS_PER_BATCH / best0) * 1000;
        System.out.printf(f + "overhead_per_batch %.1f ms%n", perBatchMs);
        // CPU time of the query thread: unlike wall time, not inflated when other processes hold the cores
        System.out.printf(f + "cpu_overhead_per_batch %.1f ms%n", (cpu1 - cpu0) / 1e6 / BATCHES);
        if (parent == null) {
            // share of a 1-second trigger interval the checkpoint takes at this load
            System.out.printf(f + "overhead_of_1s_trigger %.1f %%%n", perBatchMs / 10);
            // bytes of state files (deltas and snapshots) written per batch: what incremental state saves
            System.out.printf(f + "state_bytes_per_batch %.0f bytes%n", stateBytesPerBatch);
        }
    }

    static Batch batch(int b) {
        long[] ts = new long[ROWS_PER_BATCH];
        String[] key = new String[ROWS_PER_BATCH];
        long[] price = new long[ROWS_PER_BATCH];
        long base = 1_700_000_000_000_000L + b * 1_000_000L;
        for (int i = 0; i < ROWS_PER_BATCH; i++) {
            ts[i] = base + (i * 997L) % 1_000_000L;
            key[i] = "k" + ((i * 7919L + b) % KEYS);
            price[i] = i % 100;
        }
        return Batch.of(SCHEMA, new Column[] {
            new LongColumn(DataType.TIMESTAMP, ts, ROWS_PER_BATCH, null),
            new StringColumn(key, ROWS_PER_BATCH),
            new LongColumn(DataType.LONG, price, ROWS_PER_BATCH, null)
        });
    }

    static final Schema SCHEMA = Schema.of(
            Field.of("ts", DataType.TIMESTAMP), Field.of("key", DataType.STRING), Field.of("price", DataType.LONG));

    /** Runs all batches; the checkpoint (if any) goes under {@code parent} (null: the default temp directory). */
    static double run(Batch[] data, boolean checkpoint, Path parent) throws Exception {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        Eddy eddy = Eddy.builder().clock(clock).build();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        Dataset q = in.toDF()
                .withWatermark("ts", "10 seconds")
                .groupBy(window(col("ts"), "10 seconds"), col("key"))
                .agg(count(), sum(col("price")));
        Path dir = parent == null
                ? Files.createTempDirectory("ckpt-bench")
                : Files.createTempDirectory(parent, "ckpt-bench");
        DataStreamWriter w = q.writeStream().outputMode("update").queryName("bench");
        if (checkpoint) {
            w = w.checkpointLocation(dir.resolve("ckpt").toString());
        }
        long nanos = 0;
        var threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        try (QueryTestDriver d = QueryTestDriver.start(w, false)) {
            for (Batch b : data) {
                in.addBatch(b);
                clock.advance(1000);
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                d.runTrigger();
                cpu += threads.getCurrentThreadCpuTime() - c0;
                nanos += System.nanoTime() - t0;
            }
        }
        if (checkpoint) {
            lastStateBytes = bytesUnder(dir.resolve("ckpt").resolve("state"));
        }
        lastCpuNanos = cpu;
        deleteTree(dir);
        return (double) data.length * ROWS_PER_BATCH / (nanos / 1e9);
    }

    static long lastStateBytes;
    static long lastCpuNanos;
    static double stateBytesPerBatch;

    /** All bytes of the files under {@code p} (the batches run are fewer than the retained 100: nothing was purged). */
    static long bytesUnder(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
