package dev.eddy.magics.internal.args;

import dev.eddy.magics.api.MagicException;
import dev.eddy.streaming.api.topic.TopicConfig;

/**
 * The size arguments of magics (partition counts, row caps, tail counts, timeouts): each has a bound, and a value
 * outside it, or one that is not a whole number, is a one-line error that names the bound, before any work starts.
 */
public final class Sizes {
    /** Partitions of an embedded topic ({@code %topic create}); the engine refuses more too. */
    public static final int MAX_PARTITIONS = TopicConfig.MAX_PARTITIONS;
    /** Rows a table view shows ({@code %%sql --max-rows}). */
    public static final int MAX_ROWS = 10_000;
    /** Records a tail prints ({@code %topic tail}, {@code %kafka tail}). */
    public static final int MAX_TAIL = 10_000;
    /** Seconds {@code %stream await} waits at most. */
    public static final int MAX_AWAIT_SECONDS = 86_400;

    private Sizes() {}

    /** {@code text} as a whole number from {@code min} to {@code max}, or a one-line error naming {@code what}. */
    public static int parse(String what, String text, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new MagicException(
                    what + " must be a whole number from " + min + " to " + max + ", not '" + shorten(text) + "'");
        }
        return check(what, n, min, max);
    }

    /** {@code n} itself if it lies from {@code min} to {@code max}, else a one-line error naming the bound. */
    public static int check(String what, long n, int min, int max) {
        if (n < min || n > max) {
            throw new MagicException(what + " must be from " + min + " to " + max + ", not " + n);
        }
        return (int) n;
    }

    /** A seconds value (decimals allowed) from 0 to {@code maxSeconds}, in milliseconds. */
    public static long seconds(String what, String text, int maxSeconds) {
        double s;
        try {
            s = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            s = Double.NaN;
        }
        if (!(s >= 0 && s <= maxSeconds)) {
            throw new MagicException(
                    what + " must be a number of seconds from 0 to " + maxSeconds + ", not '" + shorten(text) + "'");
        }
        return (long) (s * 1000);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
