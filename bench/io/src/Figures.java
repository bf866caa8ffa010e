import java.util.Locale;
import java.util.concurrent.Callable;

/** Timing (best of a few runs after a warm-up) and the "<figure> <value> <unit>" output lines. */
final class Figures {
    private Figures() {}

    /** Rows per second of the best of {@code runs} timed runs, after {@code warmups} untimed ones. */
    static double rowsPerSecond(int warmups, int runs, Callable<Long> work) throws Exception {
        for (int i = 0; i < warmups; i++) {
            work.call();
        }
        double best = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            long rows = work.call();
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, rows / s);
        }
        return best;
    }

    static void print(String figure, double value, String unit) {
        System.out.println(
                figure + " " + String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value) + " " + unit);
    }
}
