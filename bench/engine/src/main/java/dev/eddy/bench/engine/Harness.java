package dev.eddy.bench.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A small measuring harness: warm-up rounds (JIT), then measured rounds; the figure is the median round, which a
 * noisy shared machine disturbs less than the mean. Prints {@code <figure> <value> <unit>} lines.
 */
final class Harness {
    private static final String ONLY = System.getProperty("bench.only", "");

    private Harness() {}

    /** False when {@code -Dbench.only=<prefix>} asks for other figures only (profiling one figure). */
    static boolean wanted(String figure) {
        return figure.startsWith(ONLY) || (ONLY.startsWith(figure) && !ONLY.isEmpty());
    }

    /** One measured unit of work; returns how many rows it processed. */
    @FunctionalInterface
    interface Round {
        long run() throws Exception;
    }

    /** Median rows per second over {@code rounds} rounds after {@code warmups} unmeasured ones. */
    static double rowsPerSecond(int warmups, int rounds, Round round) throws Exception {
        for (int i = 0; i < warmups; i++) {
            round.run();
        }
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            long rows = round.run();
            long ns = System.nanoTime() - t0;
            rates[i] = rows * 1e9 / Math.max(1, ns);
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }

    /** Median milliseconds of one call, after warm-ups. */
    static double millis(int warmups, int rounds, Round round) throws Exception {
        for (int i = 0; i < warmups; i++) {
            round.run();
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            round.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }

    /** Heap in use after full collections (retained heap, not garbage). */
    static long usedHeapAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static void print(String figure, double value, String unit) {
        System.out.println(figure + " " + format(value) + " " + unit);
        System.out.flush();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v); // small times keep their significant digits
    }
}
