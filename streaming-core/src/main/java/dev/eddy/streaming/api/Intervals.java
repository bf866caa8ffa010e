package dev.eddy.streaming.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of interval strings, used by the Java API ({@code window(...)}, {@code withWatermark},
 * timeouts), SQL ({@code window(ts, '10 minutes')}), the magics ({@code --trigger 2s}) and triggers.
 *
 * <p>Accepts Spark's forms and a few short ones: one or more "number unit" pairs ({@code 10 seconds},
 * {@code 1 hour 30 minutes}), decimals ({@code 1.5 minutes}), units written right after the number
 * ({@code 10s}, {@code 500ms}, {@code 1h30m}), an optional leading {@code interval}, and ISO-8601 durations
 * ({@code PT10S}, {@code P1D}). Units: microsecond/us, millisecond/milli/ms, second/sec/s, minute/min/m,
 * hour/h, day/d, week/w, singular or plural, any case. Zero is an interval ({@code 0 seconds}); negative
 * ones are not (callers that take a sign, such as a window's start time, read it themselves).
 *
 * <pre>{@code
 * Duration d = Intervals.parse("1 hour 30 minutes");   // PT1H30M
 * long us = Intervals.parseMicros("10s");               // 10_000_000
 * Optional<Duration> none = Intervals.tryParse("soon"); // empty
 * }</pre>
 */
public final class Intervals {
    private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-z]+)");
    private static final String EXAMPLES =
            "use e.g. '10 seconds', '10s', '1.5 minutes', '1 hour 30 minutes' or 'PT10S'";

    private Intervals() {}

    /** The interval {@code text} denotes, or a one-line error that says what is wrong and what to write. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing interval: " + EXAMPLES);
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("interval")) {
            s = s.substring("interval".length()).strip();
        }
        if (s.startsWith("p")) {
            return iso(text, s);
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (end < s.length() && m.find(end) && m.start() == end) {
            long unit = unitNanos(m.group(2), text);
            BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
            try {
                total = total.plusNanos(nanos.longValueExact());
            } catch (ArithmeticException tooLongOrFractional) {
                throw new IllegalArgumentException(
                        "interval '" + text + "' is out of range or finer than a nanosecond");
            }
            end = m.end();
        }
        if (end == 0 || !s.substring(end).isBlank()) {
            throw new IllegalArgumentException("cannot read interval '" + text + "': " + EXAMPLES);
        }
        return total;
    }

    /** The interval, or empty when {@code text} is not one (the caller reports where). */
    public static Optional<Duration> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@link #parse} in microseconds, the engine's unit of time (finer parts are cut off). */
    public static long parseMicros(String text) {
        return toMicros(parse(text));
    }

    public static long toMicros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
    }

    /** A short human form in the largest exact unit, e.g. "10 minutes". */
    public static String format(long micros) {
        long[] units = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"days", "hours", "minutes", "seconds", "milliseconds", "microseconds"};
        for (int i = 0; i < units.length; i++) {
            if (micros != 0 && micros % units[i] == 0) {
                return micros / units[i] + " " + names[i];
            }
        }
        return micros + " microseconds";
    }

    private static Duration iso(String text, String s) {
        Duration d;
        try {
            d = Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read interval '" + text + "': " + EXAMPLES);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("interval '" + text + "' must not be negative");
        }
        return d;
    }

    private static long unitNanos(String u, String text) {
        return switch (u) {
            case "us", "micro", "micros", "microsecond", "microseconds" -> 1_000L;
            case "ms", "milli", "millis", "millisecond", "milliseconds" -> 1_000_000L;
            case "s", "sec", "secs", "second", "seconds" -> 1_000_000_000L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000_000_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000_000_000L;
            case "d", "day", "days" -> 86_400_000_000_000L;
            case "w", "week", "weeks" -> 7 * 86_400_000_000_000L;
            default ->
                throw new IllegalArgumentException("unknown time unit '" + u + "' in interval '" + text
                        + "': use us, ms, s, m, h, d or w, or their names (seconds, minutes, ...)");
        };
    }
}
