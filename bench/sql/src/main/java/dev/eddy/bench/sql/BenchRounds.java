package dev.eddy.bench.sql;

import java.util.Locale;
import java.util.function.Supplier;

/** The timing loop and the output line the SQL benchmarks share. */
final class BenchRounds {
    private static final int ROUNDS = 6;

    private BenchRounds() {}

    /**
     * Runs the sides in turn, round after round, so that load changes on a shared machine hit all of them alike, and
     * keeps each side's best figures (element by element); the first round only warms up.
     */
    @SafeVarargs
    static double[][] best(Supplier<double[]>... sides) {
        double[][] best = new double[sides.length][];
        for (int round = 0; round < ROUNDS; round++) {
            for (int s = 0; s < sides.length; s++) {
                double[] figures = sides[s].get();
                if (round == 0) {
                    best[s] = new double[figures.length];
                    continue;
                }
                for (int k = 0; k < figures.length; k++) {
                    best[s][k] = Math.max(best[s][k], figures[k]);
                }
            }
        }
        return best;
    }

    /** One line {@code <figure> <value> <unit>}: whole from 100 up, else with three decimals. */
    static void print(String figure, double value, String unit) {
        System.out.printf(
                Locale.ROOT,
                value >= 100 || value == Math.rint(value) ? "%s %.0f %s%n" : "%s %.3f %s%n",
                figure,
                value,
                unit);
    }
}
