package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.expr.ScalarFunctions;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.util.Holder;

/**
 * Spark's timestamp functions (parsing and formatting text, date_trunc, unix_timestamp) and SparkMicros' runtime
 * (batch SQL's TIMESTAMP values are microseconds where Calcite's runtime assumes milliseconds).
 * Called by Calcite's generated code in batch queries and by the engine in streaming queries (public static, boxed
 * so SQL NULL arrives as null), with Eddy's values: TIMESTAMP as epoch microseconds (UTC), DATE as days since the
 * epoch. Errors carry Spark's error class.
 */
public final class SparkTimestampFunctions {
    /** Spark's default pattern of a timestamp's text. */
    static final DateTimeFormatter DEFAULT_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** The UTC date-time of a timestamp (epoch microseconds). */
    static LocalDateTime localTime(long micros) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /** A UTC date-time as a timestamp (epoch microseconds); a finer fraction is cut, as Spark's parsers do. */
    static long micros(LocalDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1000);
    }

    // SparkMicros' runtime: batch SQL's TIMESTAMP values are microseconds where Calcite's runtime assumes milliseconds
    /** {@code x * factor}, exact: a count of seconds, milliseconds or microseconds as microseconds. */
    public static Long microsScaleUp(Long x, Long factor) {
        if (x == null || factor == null) {
            return null;
        }
        try {
            return Math.multiplyExact(x, factor);
        } catch (ArithmeticException e) {
            throw longOverflow("'try_' functions");
        }
    }

    /** {@code ts / divisor}, rounded toward the past (as Spark's unix_seconds and unix_millis). */
    public static Long microsScaleDown(Long ts, Long divisor) {
        return ts == null || divisor == null ? null : Math.floorDiv(ts, divisor);
    }

    /** {@code ts + interval} of a day-time interval given in microseconds; past the range it fails, as Spark's. */
    public static Long timestampPlus(Long ts, Long micros) {
        if (ts == null || micros == null) {
            return null;
        }
        try {
            return Math.addExact(ts, micros);
        } catch (ArithmeticException e) {
            throw longOverflow("'try_add'");
        }
    }

    /** Spark's [ARITHMETIC_OVERFLOW] of a BIGINT, naming what tolerates it. */
    private static ArithmeticException longOverflow(String tolerant) {
        return new ArithmeticException("[ARITHMETIC_OVERFLOW] long overflow. Use " + tolerant
                + " to tolerate overflow and return NULL instead.");
    }

    /** {@code ts + interval} of a year-month interval: months added to its date, the time of day kept. */
    public static Long timestampPlusMonths(Long ts, Integer months) {
        return ts == null || months == null ? null : micros(localTime(ts).plusMonths(months));
    }

    /** {@code date_trunc(unit, ts)}; an unknown unit gives NULL, as in Spark. */
    public static Long dateTrunc(String unit, Long ts) {
        if (unit == null || ts == null) {
            return null;
        }
        LocalDateTime t = localTime(ts);
        LocalDateTime r;
        switch (unit.toUpperCase(Locale.ROOT)) {
            case "YEAR":
            case "YYYY":
            case "YY":
                r = t.toLocalDate().withDayOfYear(1).atStartOfDay();
                break;
            case "QUARTER":
                r = LocalDate.of(t.getYear(), (t.getMonthValue() - 1) / 3 * 3 + 1, 1)
                        .atStartOfDay();
                break;
            case "MONTH":
            case "MM":
            case "MON":
                r = t.toLocalDate().withDayOfMonth(1).atStartOfDay();
                break;
            case "WEEK":
                r = t.toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .atStartOfDay();
                break;
            case "DAY":
            case "DD":
                r = t.truncatedTo(ChronoUnit.DAYS);
                break;
            case "HOUR":
                r = t.truncatedTo(ChronoUnit.HOURS);
                break;
            case "MINUTE":
                r = t.truncatedTo(ChronoUnit.MINUTES);
                break;
            case "SECOND":
                r = t.truncatedTo(ChronoUnit.SECONDS);
                break;
            case "MILLISECOND":
                r = t.truncatedTo(ChronoUnit.MILLIS);
                break;
            case "MICROSECOND":
                r = t;
                break;
            default:
                return null;
        }
        return micros(r);
    }

    /** {@code date_format(ts, pattern)} in UTC with Spark's (java.time) pattern letters. */
    public static String dateFormat(Long ts, String pattern) {
        if (ts == null || pattern == null) {
            return null;
        }
        return formatter(pattern).format(localTime(ts));
    }

    /** {@code from_unixtime(seconds, pattern)}. */
    public static String fromUnixtime(Long seconds, String pattern) {
        if (seconds == null || pattern == null) {
            return null;
        }
        return formatter(pattern).format(unixTime(seconds));
    }

    public static String fromUnixtime(Long seconds) {
        return seconds == null ? null : DEFAULT_TS.format(unixTime(seconds));
    }

    /**
     * The time {@code from_unixtime} formats: Spark multiplies the seconds to microseconds as a long, wrapping
     * around past about 292,000 years as it does (so every BIGINT has an answer), then reads them in UTC.
     */
    private static LocalDateTime unixTime(long seconds) {
        long micros = seconds * 1_000_000L;
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /** {@code unix_timestamp(ts)}: whole seconds since the epoch. */
    public static Long unixTimestamp(Long ts) {
        return ts == null ? null : Math.floorDiv(ts, 1_000_000L);
    }

    /** {@code unix_timestamp(text)}: text in Spark's default pattern {@code yyyy-MM-dd HH:mm:ss}. */
    public static Long unixTimestamp(String s) {
        return unixTimestamp(s, "yyyy-MM-dd HH:mm:ss");
    }

    /** {@code unix_timestamp(text, pattern)}: the seconds of {@code to_timestamp(text, pattern)}. */
    public static Long unixTimestamp(String s, String pattern) {
        Long ts = toTimestamp(s, pattern);
        return ts == null ? null : Math.floorDiv(ts, 1_000_000L);
    }

    /**
     * {@code to_timestamp(text)} (and a cast of text to TIMESTAMP): Spark's text forms, {@code yyyy[-[m]m[-[d]d]]}
     * with an optional {@code [ T][h]h:[m]m[:[s]s[.fraction]]}, or the time alone ({@code [T][h]h:[m]m...}), which
     * Spark puts on the current date (UTC); anything else is an error (ANSI mode).
     */
    public static Long toTimestamp(String s) {
        return toTimestampAt(s, null);
    }

    /**
     * {@link #toTimestamp(String)} with a time alone on the day of {@code now} (microseconds: a streaming query's
     * micro-batch time, its engine clock's), or on the batch query's day when {@code now} is null.
     */
    public static Long toTimestampAt(String s, Long now) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        try {
            Matcher m = SPARK_TIMESTAMP.matcher(t);
            LocalDate date;
            int timeGroup;
            if (m.matches()) {
                date = LocalDate.of(
                        Integer.parseInt(m.group(1)),
                        m.group(2) == null ? 1 : Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
                timeGroup = 4;
            } else {
                m = SPARK_TIME.matcher(t);
                if (!m.matches()) {
                    throw cannotParse(s);
                }
                return timeAlone(m, now == null ? today() : LocalDate.ofEpochDay(Math.floorDiv(now, 86_400_000_000L)));
            }
            LocalDateTime at = date.atStartOfDay();
            if (m.group(timeGroup) != null) {
                String fraction = m.group(timeGroup + 3) == null ? "" : m.group(timeGroup + 3);
                int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
                at = date.atTime(
                        Integer.parseInt(m.group(timeGroup)),
                        Integer.parseInt(m.group(timeGroup + 1)),
                        m.group(timeGroup + 2) == null ? 0 : Integer.parseInt(m.group(timeGroup + 2)),
                        nanos);
            }
            return micros(at);
        } catch (DateTimeException e) {
            throw cannotParse(s);
        }
    }

    /** {@code to_timestamp(text, pattern)}. */
    public static Long toTimestamp(String s, String pattern) {
        if (s == null || pattern == null) {
            return null;
        }
        try {
            var parsed = formatter(pattern).parse(s);
            // fields the pattern leaves out are Spark's defaults: 1970-01-01 ('HH:mm:ss' reads a time on that day)
            LocalDate date = parsed.query(TemporalQueries.localDate());
            if (date == null) {
                date = LocalDate.of(
                        field(parsed, ChronoField.YEAR, 1970),
                        field(parsed, ChronoField.MONTH_OF_YEAR, 1),
                        field(parsed, ChronoField.DAY_OF_MONTH, 1));
            }
            LocalDateTime t = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                    ? date.atTime(LocalTime.from(parsed))
                    : date.atStartOfDay();
            return micros(t);
        } catch (DateTimeException e) {
            throw cannotParse(s);
        }
    }

    private static int field(TemporalAccessor parsed, ChronoField f, int otherwise) {
        return parsed.isSupported(f) ? parsed.get(f) : otherwise;
    }

    private static final String TIME_PART = "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{0,9}))?)?";

    private static final Pattern SPARK_TIMESTAMP =
            Pattern.compile("(\\d{4,6})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T](?:" + TIME_PART + ")?)?)?)?");

    /**
     * A time alone, as Spark reads it on the current day: {@code [T]h:m[:s[.fraction]]} or {@code Th} (an hour alone
     * after a {@code T}), with an optional zone ({@code Z}, {@code +01:00}, {@code -5}).
     */
    private static final Pattern SPARK_TIME =
            Pattern.compile("(?:T?" + TIME_PART + "|T(\\d{1,2}))(Z|[+-]\\d{1,2}(?::\\d{2})?)?");

    /** Whether {@code text} (blanks around it allowed) is a time alone that Spark reads as a TIMESTAMP today. */
    public static boolean isTimeAlone(String text) {
        return SPARK_TIME.matcher(text.strip()).matches();
    }

    /** The instant of a time alone ({@link #SPARK_TIME}'s match) on {@code day}, UTC. */
    private static Long timeAlone(Matcher m, LocalDate day) {
        String fraction = m.group(4) == null ? "" : m.group(4);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        LocalDateTime at = day.atTime(
                Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(5)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                nanos);
        long offsetSeconds = m.group(6) == null || m.group(6).equals("Z")
                ? 0
                : ZoneOffset.of(m.group(6)).getTotalSeconds();
        return micros(at) - offsetSeconds * 1_000_000L;
    }

    /**
     * The current day (UTC) Spark puts a time alone on: in a batch query the day of its time (the session clock, read
     * once when it starts, through Calcite's statement-time hook), in a streaming query the day of the micro-batch's
     * timestamp (the engine clock, read when the batch was planned: the manual clock in tests), as Spark's
     * current_date() of that batch. Outside both (a constant folded while a query is planned) the wall clock's, which
     * is what Spark's planner reads there. A caller that has the micro-batch's time passes it
     * ({@link #toTimestampAt}).
     */
    private static LocalDate today() {
        Holder<Long> time = Holder.empty();
        Hook.CURRENT_TIME.run(time);
        OptionalLong batch = ScalarFunctions.batchTimestampMillis();
        long millis =
                time.get() != null ? time.get() : batch.isPresent() ? batch.getAsLong() : System.currentTimeMillis();
        return LocalDate.ofEpochDay(Math.floorDiv(millis, 86_400_000L));
    }

    private static RuntimeException cannotParse(String s) {
        return new IllegalArgumentException(
                "[CANNOT_PARSE_TIMESTAMP] Text '" + SparkErrors.clip(s) + "' could not be parsed."
                        + " Use try_to_timestamp to tolerate invalid input string and return NULL instead.");
    }

    private static DateTimeFormatter formatter(String pattern) {
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            quoted ^= c == '\'';
            if (!quoted && "YWwuecAnNp".indexOf(c) >= 0) {
                // Spark 3+ refuses week-based and other letters it cannot map from its old patterns
                throw new IllegalArgumentException("[INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION]"
                        + " Spark >= 3.0 does not recognize the datetime pattern letter '" + c + "' in '"
                        + SparkErrors.clip(pattern) + "'");
            }
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.US);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid datetime pattern '" + SparkErrors.clip(pattern) + "': " + e.getMessage());
        }
    }

    private SparkTimestampFunctions() {}
}
