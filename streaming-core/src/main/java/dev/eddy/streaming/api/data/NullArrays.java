package dev.eddy.streaming.api.data;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The arrays behind all-null columns, shared by every such column instead of made per batch: a column the query does
 * not read (pruned) then costs nothing per row. Columns are read-only and their arrays may be longer than their size,
 * so one all-zero value array and one all-ones bitmap per type serve every length up to theirs. Each array grows to
 * the next power of two a column asks for, up to {@link #MAX_SHARED} rows (longer columns get their own arrays), and
 * is held softly, so the memory goes back under pressure.
 */
final class NullArrays {
    /** Beyond this many rows a null column gets arrays of its own (keeps the shared arrays' memory bounded). */
    static final int MAX_SHARED = 1 << 20;

    private static final Shared<long[]> BITS = new Shared<>(n -> filled(new long[(n + 63) >>> 6]), a -> a.length * 64);
    private static final Shared<long[]> LONGS = new Shared<>(long[]::new, a -> a.length);
    private static final Shared<int[]> INTS = new Shared<>(int[]::new, a -> a.length);
    private static final Shared<double[]> DOUBLES = new Shared<>(double[]::new, a -> a.length);
    private static final Shared<boolean[]> BOOLEANS = new Shared<>(boolean[]::new, a -> a.length);
    private static final Shared<String[]> STRINGS = new Shared<>(String[]::new, a -> a.length);

    private NullArrays() {}

    /** A bitmap with at least {@code n} bits, all set. */
    static long[] bits(int n) {
        return BITS.atLeast(n);
    }

    static long[] longs(int n) {
        return LONGS.atLeast(n);
    }

    static int[] ints(int n) {
        return INTS.atLeast(n);
    }

    static double[] doubles(int n) {
        return DOUBLES.atLeast(n);
    }

    static boolean[] booleans(int n) {
        return BOOLEANS.atLeast(n);
    }

    static String[] strings(int n) {
        return STRINGS.atLeast(n);
    }

    private static long[] filled(long[] a) {
        Arrays.fill(a, -1L);
        return a;
    }

    /** One softly held array of a type, replaced by a larger one when a longer column asks. */
    private static final class Shared<A> {
        /** Makes an all-null array for a number of rows. */
        private final IntFunction<A> make;

        private final ToRows<A> rows;
        private volatile SoftReference<A> ref = new SoftReference<>(null);

        Shared(IntFunction<A> make, ToRows<A> rows) {
            this.make = make;
            this.rows = rows;
        }

        /** An all-null array for at least {@code n} rows. */
        A atLeast(int n) {
            if (n > MAX_SHARED) {
                return make.apply(n);
            }
            A a = ref.get();
            if (a != null && rows.of(a) >= n) {
                return a;
            }
            int cap = Math.max(64, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
            // racing threads may each make one; any of them is a valid all-null array, the last one is kept
            A made = make.apply(cap);
            ref = new SoftReference<>(made);
            return made;
        }
    }

    @FunctionalInterface
    private interface ToRows<A> {
        int of(A array);
    }
}
