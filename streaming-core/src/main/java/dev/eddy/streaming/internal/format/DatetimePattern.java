package dev.eddy.streaming.internal.format;

import java.text.SimpleDateFormat;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A datetime pattern of Spark's readers ({@code dateFormat}, {@code timestampFormat}) compiled once, with Spark's own
 * rules over java.time: week-based letters ({@code Y W w u e c}) and {@code A B n N p} are refused, and for parsing
 * {@code E F q Q} too; five of {@code G M L E Q q} and seven {@code y} are too many; {@code y} reads a proleptic year
 * (negative years allowed) unless the pattern has an era {@code G}; a run of {@code S} reads 1 to that many fraction
 * digits; letters are matched ignoring case; the text must match the whole pattern, strictly (no 31 April). Fields the
 * pattern leaves out take Spark's defaults (year 1970, month and day 1, time 00:00); a timestamp without a zone in its
 * text is in UTC (Eddy's session time zone). A pattern refused by both Spark's parser and its legacy one ({@code Q},
 * {@code b}, {@code e}) is not refused: as in Spark, no value matches it (each is malformed).
 */
public final class DatetimePattern {
    private static final Set<Character> WEEK_BASED = Set.of('Y', 'W', 'w', 'u', 'e', 'c');
    private static final Set<Character> UNSUPPORTED = Set.of('A', 'B', 'n', 'N', 'p');
    private static final Set<Character> UNSUPPORTED_FOR_PARSING = Set.of('E', 'F', 'q', 'Q');
    private static final String[] TOO_LONG = {"GGGGG", "MMMMM", "LLLLL", "EEEEE", "QQQQQ", "qqqqq", "yyyyyyy"};
    private static final Pattern FRACTION = Pattern.compile("^([^S]*)(S*)(.*)$", Pattern.DOTALL);

    private final String pattern;
    /** Null for a pattern that neither Spark's parser nor its legacy one takes: no value matches it. */
    private final DateTimeFormatter formatter;

    private DatetimePattern(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    /**
     * Compiles {@code pattern} for reading; a pattern Spark refuses gets Spark's reason, naming the option.
     *
     * @throws IllegalArgumentException for a pattern Spark does not accept
     */
    public static DatetimePattern compile(String option, String pattern) {
        try {
            String converted = convert(pattern);
            DateTimeFormatterBuilder b = converted.indexOf('S') >= 0
                    ? withVariableFraction(converted, pattern)
                    : new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(converted);
            DateTimeFormatter f = b.parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.US)
                    .withChronology(IsoChronology.INSTANCE)
                    .withResolverStyle(ResolverStyle.STRICT);
            return new DatetimePattern(pattern, f);
        } catch (IllegalArgumentException e) {
            if (!legacyParserTakes(pattern)) {
                // Spark's reader then fails on each value, not on the query: every value of the type is malformed
                return new DatetimePattern(pattern, null);
            }
            throw new IllegalArgumentException("option '" + option + "': Fail to recognize '" + pattern
                    + "' pattern in the DateTimeFormatter: " + e.getMessage());
        }
    }

    /**
     * Spark refuses a pattern its parser does not take only when its legacy parser ({@link SimpleDateFormat}) takes
     * it (an upgrade error that fails the query); when neither takes it, each value fails to parse.
     */
    private static boolean legacyParserTakes(String pattern) {
        try {
            new SimpleDateFormat(pattern, Locale.US);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String pattern() {
        return pattern;
    }

    /** Spark's checks and letter substitutions, outside quoted text only. */
    private static String convert(String pattern) {
        String[] parts = (pattern + " ").split("'", -1);
        boolean era = false;
        for (int i = 0; i < parts.length; i += 2) {
            era |= parts[i].indexOf('G') >= 0;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i > 0) {
                out.append('\'');
            }
            if (i % 2 == 1) {
                out.append(part);
                continue;
            }
            for (char c : part.toCharArray()) {
                if (WEEK_BASED.contains(c)) {
                    throw new IllegalArgumentException("All week-based patterns are unsupported since Spark 3.0,"
                            + " detected: " + c + ", Please use the SQL function EXTRACT instead");
                }
                if (UNSUPPORTED.contains(c) || UNSUPPORTED_FOR_PARSING.contains(c)) {
                    throw new IllegalArgumentException("Illegal pattern character: " + c);
                }
            }
            for (String s : TOO_LONG) {
                if (part.contains(s)) {
                    throw new IllegalArgumentException("Too many pattern letters: " + s.charAt(0));
                }
            }
            out.append(era ? part : part.replace('y', 'u'));
        }
        return out.substring(0, out.length() - 1); // the blank added above
    }

    /** A run of S reads 1 to that many digits of the second's fraction (java.time's SSS reads exactly three). */
    private static DateTimeFormatterBuilder withVariableFraction(String converted, String original) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        String[] parts = converted.split("'"); // as Spark splits it: a trailing '' is dropped
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() && i != 0) {
                b.appendLiteral('\''); // '' is a quote
                continue;
            }
            if (i % 2 == 1) {
                b.appendLiteral(part);
                continue;
            }
            String rest = part;
            while (!rest.isEmpty()) {
                Matcher m = FRACTION.matcher(rest);
                if (!m.matches()) {
                    throw new IllegalArgumentException("Unrecognized datetime pattern: " + original);
                }
                b.appendPattern(m.group(1));
                if (!m.group(2).isEmpty()) {
                    b.appendFraction(ChronoField.NANO_OF_SECOND, 1, m.group(2).length(), false);
                }
                rest = m.group(3);
            }
        }
        return b;
    }

    /** The timestamp {@code text} stands for, in epoch microseconds, or {@link Timestamps#INVALID}. */
    public long parseMicros(String text) {
        if (formatter == null) {
            return Timestamps.INVALID;
        }
        try {
            TemporalAccessor t = formatter.parse(text);
            ZoneId zone = t.query(TemporalQueries.zone());
            ZonedDateTime z = ZonedDateTime.of(localDate(t), localTime(t), zone == null ? ZoneOffset.UTC : zone);
            return Math.addExact(Math.multiplyExact(z.toEpochSecond(), 1_000_000L), z.get(ChronoField.MICRO_OF_SECOND));
        } catch (DateTimeException | ArithmeticException e) {
            return Timestamps.INVALID;
        }
    }

    /** The day {@code text} stands for (days since 1970-01-01), or null. */
    public Integer parseDays(String text) {
        if (formatter == null) {
            return null;
        }
        try {
            return Math.toIntExact(localDate(formatter.parse(text)).toEpochDay());
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static LocalDate localDate(TemporalAccessor t) {
        LocalDate d = t.query(TemporalQueries.localDate());
        if (d != null) {
            return d;
        }
        int year = field(t, ChronoField.YEAR, 1970);
        if (t.isSupported(ChronoField.DAY_OF_YEAR)) {
            LocalDate day = LocalDate.of(year, 1, 1).plusDays(t.get(ChronoField.DAY_OF_YEAR) - 1L);
            if (t.isSupported(ChronoField.MONTH_OF_YEAR) && day.getMonthValue() != t.get(ChronoField.MONTH_OF_YEAR)) {
                throw new DateTimeException("day of year does not fall in the month");
            }
            return day;
        }
        return LocalDate.of(year, field(t, ChronoField.MONTH_OF_YEAR, 1), field(t, ChronoField.DAY_OF_MONTH, 1));
    }

    private static LocalTime localTime(TemporalAccessor t) {
        LocalTime time = t.query(TemporalQueries.localTime());
        if (time != null) {
            return time;
        }
        int hour;
        if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
            hour = t.get(ChronoField.HOUR_OF_DAY);
        } else if (t.isSupported(ChronoField.HOUR_OF_AMPM)) {
            hour = t.get(ChronoField.HOUR_OF_AMPM); // no am/pm in the text: am, as Spark takes it
        } else {
            hour = 0;
        }
        return LocalTime.of(
                hour,
                field(t, ChronoField.MINUTE_OF_HOUR, 0),
                field(t, ChronoField.SECOND_OF_MINUTE, 0),
                field(t, ChronoField.NANO_OF_SECOND, 0));
    }

    private static int field(TemporalAccessor t, ChronoField f, int dflt) {
        return t.isSupported(f) ? t.get(f) : dflt;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
