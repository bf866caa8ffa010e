package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.data.IntervalFields;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text cast to an ANSI interval as Spark 4 reads it ({@code CAST(s AS INTERVAL DAY TO SECOND)}): the value alone in
 * the form of the target's fields ({@code '1 02:03:04.5'}, {@code '02:03'} for HOUR TO MINUTE, {@code '1-2'} for YEAR
 * TO MONTH, {@code '3'} for DAY), with an optional sign, or Spark's text of an interval of exactly those fields
 * ({@code INTERVAL '3' DAY}, {@code INTERVAL -'1-2' YEAR TO MONTH}), blanks around it ignored. The first field is
 * unbounded, later ones are within their unit (hours 0-23, minutes and seconds 0-59), seconds take up to nine
 * fraction digits (cut to the microsecond). Other text fails with Spark's [INVALID_INTERVAL_FORMAT]. Past the type's
 * range, as Spark 4.2: a DAY, HOUR or MINUTE alone wraps around, a year-month one fails with [INVALID_INTERVAL_FORMAT]
 * and other day-time ones with [INTERVAL_ARITHMETIC_OVERFLOW].
 */
final class IntervalTexts {
    private static final Pattern LITERAL = Pattern.compile(
            "INTERVAL\\s+([+-])?'([^']*)'\\s+(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)(?:\\s+TO\\s+(MONTH|HOUR|MINUTE|SECOND))?",
            Pattern.CASE_INSENSITIVE);
    private static final String SECONDS = "(\\d{1,2})(?:\\.(\\d{1,9}))?";

    private IntervalTexts() {}

    /** The months (year-month) or microseconds (day-time) of {@code text} as an interval of {@code fields}. */
    static long parse(String text, IntervalFields fields) {
        String t = text.strip();
        boolean negate = false;
        Matcher lit = LITERAL.matcher(t);
        if (lit.matches()) {
            IntervalFields.Unit start = IntervalFields.Unit.valueOf(lit.group(3).toUpperCase(Locale.ROOT));
            IntervalFields.Unit end = lit.group(4) == null
                    ? start
                    : IntervalFields.Unit.valueOf(lit.group(4).toUpperCase(Locale.ROOT));
            if (start != fields.start() || end != fields.end()) {
                throw unmatched(text, fields);
            }
            negate = "-".equals(lit.group(1));
            t = lit.group(2);
        }
        Matcher m = Pattern.compile("([+-])?" + valuePattern(fields)).matcher(t);
        if (!m.matches()) {
            throw unmatched(text, fields);
        }
        negate ^= "-".equals(m.group(1));
        if (fields.isYearMonth()) {
            return months(text, fields, m, negate);
        }
        long value = micros(text, fields, m);
        return negate ? -value : value;
    }

    private static String valuePattern(IntervalFields f) {
        return switch (f) {
            case YEAR, MONTH, DAY, HOUR, MINUTE -> "(\\d+)";
            case SECOND -> "(\\d+)(?:\\.(\\d{1,9}))?";
            case YEAR_TO_MONTH -> "(\\d+)-(\\d{1,2})";
            case DAY_TO_HOUR -> "(\\d+) (\\d{1,2})";
            case DAY_TO_MINUTE -> "(\\d+) (\\d{1,2}):(\\d{1,2})";
            case DAY_TO_SECOND -> "(\\d+) (\\d{1,2}):(\\d{1,2}):" + SECONDS;
            case HOUR_TO_MINUTE -> "(\\d+):(\\d{1,2})";
            case HOUR_TO_SECOND -> "(\\d+):(\\d{1,2}):" + SECONDS;
            case MINUTE_TO_SECOND -> "(\\d+):" + SECONDS;
        };
    }

    /**
     * Spark's months of a year-month text: within an INT with its sign ({@code '-2147483648'} MONTH and {@code
     * '-178956970-8'} YEAR TO MONTH are in range, one more is not), else [INVALID_INTERVAL_FORMAT.INTERVAL_PARSING].
     */
    private static long months(String text, IntervalFields f, Matcher m, boolean negate) {
        long months;
        try {
            long first = Long.parseLong(m.group(2));
            months = f == IntervalFields.MONTH
                    ? first
                    : Math.addExact(
                            Math.multiplyExact(first, 12),
                            f == IntervalFields.YEAR ? 0 : bounded(text, f, m.group(3), 11));
        } catch (NumberFormatException | ArithmeticException e) {
            throw yearMonthParsing(text);
        }
        long signed = negate ? -months : months;
        if (signed < Integer.MIN_VALUE || signed > Integer.MAX_VALUE) {
            throw yearMonthParsing(text);
        }
        return signed;
    }

    private static IllegalArgumentException yearMonthParsing(String text) {
        return new IllegalArgumentException("[INVALID_INTERVAL_FORMAT.INTERVAL_PARSING] Error parsing '" + text
                + "' to interval. Please ensure that the value provided is in a valid format for defining an"
                + " interval. Error parsing interval year-month string.");
    }

    private static long micros(String text, IntervalFields f, Matcher m) {
        long total = 0;
        int group = 2;
        for (IntervalFields.Unit u : new IntervalFields.Unit[] {
            IntervalFields.Unit.DAY, IntervalFields.Unit.HOUR, IntervalFields.Unit.MINUTE, IntervalFields.Unit.SECOND
        }) {
            if (u.compareTo(f.start()) < 0 || u.compareTo(f.end()) > 0) {
                continue;
            }
            String digits = m.group(group++);
            if (f.start() == f.end() && u != IntervalFields.Unit.SECOND) {
                return wrapped(text, f, digits);
            }
            long n = u == f.start()
                    ? number(text, f, digits)
                    : bounded(text, f, digits, u == IntervalFields.Unit.HOUR ? 23 : 59);
            long unit = unitMicros(u);
            try {
                total = Math.addExact(total, Math.multiplyExact(n, unit));
            } catch (ArithmeticException e) {
                throw overflow(text, f);
            }
            if (u == IntervalFields.Unit.SECOND && m.group(group) != null) {
                String fraction = (m.group(group) + "000000").substring(0, 6);
                total = Math.addExact(total, Long.parseLong(fraction));
            }
        }
        // Spark's range of a day-time interval: Long.MIN_VALUE + 1 .. Long.MAX_VALUE microseconds
        return total;
    }

    /**
     * A DAY, HOUR or MINUTE alone as Spark 4.2 reads it: the count (an INT of days, a BIGINT of hours or minutes, else
     * the text does not match) times the unit's microseconds, unchecked, so past the type's range it wraps around
     * ({@code '106751992'} DAY is {@code INTERVAL '-106751990' DAY}).
     */
    private static long wrapped(String text, IntervalFields f, String digits) {
        long n;
        try {
            n = f == IntervalFields.DAY ? Integer.parseInt(digits) : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw unmatched(text, f);
        }
        return n * unitMicros(f.start());
    }

    private static long unitMicros(IntervalFields.Unit u) {
        return switch (u) {
            case DAY -> IntervalFields.MICROS_PER_DAY;
            case HOUR -> 3_600_000_000L;
            case MINUTE -> 60_000_000L;
            default -> 1_000_000L;
        };
    }

    private static long number(String text, IntervalFields f, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw overflow(text, f);
        }
    }

    private static long bounded(String text, IntervalFields f, String digits, int max) {
        long n = Long.parseLong(digits);
        if (n > max) {
            throw new IllegalArgumentException("[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING] Error parsing '"
                    + text + "' to interval: a field of " + f.sparkName() + " is out of its range 0-" + max
                    + " (" + digits + ").");
        }
        return n;
    }

    private static IllegalArgumentException unmatched(String text, IntervalFields f) {
        return new IllegalArgumentException("[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING] Error parsing '" + text
                + "' to interval. Interval string does not match " + (f.isYearMonth() ? "year-month" : "day-time")
                + " format of `[+|-]" + example(f) + "`, `INTERVAL [+|-]'[+|-]" + example(f) + "' "
                + f.sqlText().substring("INTERVAL ".length()) + "` when cast to " + f.sparkName() + ": " + text
                + ".");
    }

    private static String example(IntervalFields f) {
        return switch (f) {
            case YEAR -> "y";
            case MONTH -> "m";
            case YEAR_TO_MONTH -> "y-m";
            case DAY -> "d";
            case DAY_TO_HOUR -> "d h";
            case DAY_TO_MINUTE -> "d h:m";
            case DAY_TO_SECOND -> "d h:m:s.n";
            case HOUR -> "h";
            case HOUR_TO_MINUTE -> "h:m";
            case HOUR_TO_SECOND -> "h:m:s.n";
            case MINUTE -> "m";
            case MINUTE_TO_SECOND -> "m:s.n";
            case SECOND -> "s.n";
        };
    }

    private static ArithmeticException overflow(String text, IntervalFields f) {
        return new ArithmeticException(
                "[INTERVAL_ARITHMETIC_OVERFLOW] '" + text + "' is out of the range of " + f.sparkName() + ".");
    }
}
