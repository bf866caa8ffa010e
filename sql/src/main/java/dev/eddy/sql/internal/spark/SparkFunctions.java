package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.data.Days;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.function.LongBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime of Spark's functions as Calcite calls them from generated code (public static, boxed so SQL NULL
 * arrives as null). TIMESTAMP values are Eddy's, as Spark's: epoch microseconds, UTC (batch SQL runs on Calcite's runtime
 * with a Long of microseconds in place of its milliseconds, see {@link SparkMicros}). Errors carry Spark's error class.
 */
public final class SparkFunctions {
    private static final DateTimeFormatter DEFAULT_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private SparkFunctions() {}

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
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] long overflow. Use 'try_' functions to tolerate"
                    + " overflow and return NULL instead.");
        }
    }

    /** {@code ts / divisor}, rounded toward the past (as Spark's unix_seconds and unix_millis). */
    public static Long microsScaleDown(Long ts, Long divisor) {
        return ts == null || divisor == null ? null : Math.floorDiv(ts, divisor);
    }

    /** Spark's cast of a DATE (days since the epoch) to TIMESTAMP: its midnight in UTC. */
    public static Long dateToTimestamp(Integer days) {
        return days == null ? null : days * 86_400_000_000L;
    }

    /** Spark's cast of a TIMESTAMP to DATE: the day it falls on in UTC. */
    public static Integer timestampToDate(Long ts) {
        return ts == null ? null : Math.toIntExact(Math.floorDiv(ts, 86_400_000_000L));
    }

    /** {@code ts + interval} of a day-time interval given in microseconds; past the range it fails, as Spark's. */
    public static Long timestampPlus(Long ts, Long micros) {
        if (ts == null || micros == null) {
            return null;
        }
        try {
            return Math.addExact(ts, micros);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] long overflow. Use 'try_add' to tolerate overflow"
                    + " and return NULL instead.");
        }
    }

    /** {@code ts + interval} of a year-month interval: months added to its date, the time of day kept. */
    public static Long timestampPlusMonths(Long ts, Integer months) {
        return ts == null || months == null ? null : micros(localTime(ts).plusMonths(months));
    }

    /** {@code a / b} as Spark computes it: fractional, and an error for a zero divisor (ANSI mode). */
    public static Double divide(Double a, Double b) {
        return a == null || b == null ? null : a / divisor(b, b == 0);
    }

    /**
     * Spark's integral {@code + - *} and their try_ forms, one per {@link SparkOperators} operator: exact, and on
     * overflow an [ARITHMETIC_OVERFLOW] error (ANSI mode) or, for the try_ forms, NULL.
     */
    public enum Arithmetic {
        ADD(Math::addExact, false),
        SUBTRACT(Math::subtractExact, false),
        MULTIPLY(Math::multiplyExact, false),
        TRY_ADD(Math::addExact, true),
        TRY_SUBTRACT(Math::subtractExact, true),
        TRY_MULTIPLY(Math::multiplyExact, true);

        private final LongBinaryOperator exact;
        private final boolean orNull;

        Arithmetic(LongBinaryOperator exact, boolean orNull) {
            this.exact = exact;
            this.orNull = orNull;
        }

        private Long overflow(String what) {
            if (orNull) {
                return null;
            }
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] " + what
                    + ". Use try_add, try_subtract or try_multiply" + " to tolerate overflow and return NULL instead.");
        }
    }

    /** BIGINT {@code a op b}; {@code op} is an {@link Arithmetic}'s ordinal. */
    public static Long longArithmetic(Integer op, Long a, Long b) {
        if (a == null || b == null) {
            return null;
        }
        Arithmetic f = Arithmetic.values()[op];
        try {
            return f.exact.applyAsLong(a, b);
        } catch (ArithmeticException e) {
            return f.overflow("long overflow");
        }
    }

    /** INT {@code a op b}: computed exactly as a BIGINT (it cannot overflow there), then checked against INT's range. */
    public static Integer intArithmetic(Integer op, Integer a, Integer b) {
        Long r = a == null || b == null ? null : longArithmetic(op, a.longValue(), b.longValue());
        if (r == null || r == r.intValue()) {
            return r == null ? null : r.intValue();
        }
        Long overflow = Arithmetic.values()[op].overflow("integer overflow");
        return overflow == null ? null : overflow.intValue();
    }

    /** Whether {@code d} is NaN; NULL for NULL. */
    public static Boolean isNaN(Double d) {
        return d == null ? null : d.isNaN();
    }

    /** DECIMAL {@code a / b} as Spark computes it: rounded HALF_UP to the result's scale, an error for zero. */
    public static BigDecimal decimalDivide(BigDecimal a, BigDecimal b, Integer scale) {
        if (a == null || b == null) {
            return null;
        }
        return a.divide(divisor(b, b.signum() == 0), scale, RoundingMode.HALF_UP);
    }

    /**
     * Spark's cast to DECIMAL(precision, scale) of a DOUBLE (read by its shortest text, as Spark does) or of a wider
     * DECIMAL: rounded HALF_UP to the scale; a value with more integral digits than the type holds fails (ANSI mode).
     */
    public static BigDecimal toDecimal(Double d, Integer precision, Integer scale) {
        if (d != null && (d.isNaN() || d.isInfinite())) {
            throw new ArithmeticException("[CAST_OVERFLOW] The value " + d
                    + "D of the type \"DOUBLE\" cannot be cast to"
                    + " \"DECIMAL(" + precision + "," + scale + ")\" due to an overflow. Use `try_cast` to tolerate"
                    + " overflow and return NULL instead.");
        }
        return d == null ? null : toDecimal(BigDecimal.valueOf(d), precision, scale);
    }

    public static BigDecimal toDecimal(BigDecimal d, Integer precision, Integer scale) {
        if (d == null) {
            return null;
        }
        BigDecimal r = d.setScale(scale, RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > precision - scale) {
            throw new ArithmeticException("[NUMERIC_VALUE_OUT_OF_RANGE] " + clip(d.toPlainString()) + " cannot be"
                    + " represented as Decimal(" + precision + ", " + scale
                    + "). Use try_cast to tolerate overflow and return"
                    + " NULL instead.");
        }
        return r;
    }

    /** Spark's cast of a TIMESTAMP to DOUBLE: seconds since the epoch, with the fraction. */
    public static Double timestampSeconds(Long ts) {
        return ts == null ? null : ts / 1_000_000d;
    }

    /** {@code try_divide(a, b)}: as {@code /}, but NULL for a zero divisor. */
    public static Double tryDivide(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    /**
     * {@code a div b}: integral division truncating toward zero, an error for a zero divisor and for the one quotient
     * that overflows (Long.MIN_VALUE div -1), as Spark's ANSI mode has it.
     */
    public static Long div(Long a, Long b) {
        if (a == null || b == null) {
            return null;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] Overflow in integral divide. Use try_divide to"
                    + " tolerate overflow and return NULL instead.");
        }
        return a / divisor(b, b == 0);
    }

    /** The divisor, or Spark's [DIVIDE_BY_ZERO] error when it is zero. */
    private static <T> T divisor(T divisor, boolean zero) {
        if (zero) {
            throw new ArithmeticException(
                    "[DIVIDE_BY_ZERO] Division by zero. Use try_divide to tolerate divisor being 0"
                            + " and return NULL instead.");
        }
        return divisor;
    }

    /**
     * Spark's cast of text to BOOLEAN: {@code t, true, y, yes, 1} and {@code f, false, n, no, 0}, in any case and
     * with surrounding white space; other text fails the query (ANSI mode).
     */
    public static Boolean stringToBoolean(String s) {
        if (s == null) {
            return null;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "t":
            case "true":
            case "y":
            case "yes":
            case "1":
                return true;
            case "f":
            case "false":
            case "n":
            case "no":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException("[CAST_INVALID_INPUT] The value '" + clip(s)
                        + "' of the type \"STRING\"" + " cannot be cast to \"BOOLEAN\" because it is malformed.");
        }
    }

    /**
     * Spark's cast of text to DATE (ANSI mode): {@code yyyy}, {@code yyyy-[m]m}, {@code yyyy-[m]m-[d]d}, optionally
     * followed by a time, as days since the epoch; other text fails the query.
     */
    public static Integer stringToDate(String s) {
        if (s == null) {
            return null;
        }
        Integer days = Days.parse(s);
        if (days == null) {
            throw new IllegalArgumentException("[CAST_INVALID_INPUT] The value '" + clip(s)
                    + "' of the type \"STRING\" cannot be cast to \"DATE\" because it is malformed. Use try_cast to"
                    + " tolerate malformed input and return NULL instead.");
        }
        return days;
    }

    /** Spark's try_cast of text to DATE: NULL for text that is no date. */
    public static Integer tryStringToDate(String s) {
        return s == null ? null : Days.parse(s);
    }

    /**
     * Spark's cast of text to TIMESTAMP (its forms are to_timestamp's without a pattern), to the microsecond (a
     * finer fraction is cut, as Spark's); other text fails the query (ANSI mode).
     */
    public static Long stringToTimestamp(String s) {
        try {
            return toTimestamp(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[CAST_INVALID_INPUT] The value '" + clip(s)
                    + "' of the type \"STRING\" cannot be cast to \"TIMESTAMP\" because it is malformed.");
        }
    }

    /** Spark's try_cast of text to BOOLEAN: as {@link #stringToBoolean}, but NULL for text that is no boolean. */
    public static Boolean tryStringToBoolean(String s) {
        try {
            return stringToBoolean(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Spark's substring: 1-based, 0 is the first character, a negative position counts from the end. */
    public static String substring(String s, Integer pos, Integer length) {
        if (s == null || pos == null || length == null) {
            return null;
        }
        int len = s.codePointCount(0, s.length());
        long start = pos > 0 ? pos - 1 : pos < 0 ? len + pos : 0;
        long end = Math.min(start + length, len);
        start = Math.max(start, 0);
        if (start >= end) {
            return "";
        }
        return s.substring(s.offsetByCodePoints(0, (int) start), s.offsetByCodePoints(0, (int) end));
    }

    public static String substring(String s, Integer pos) {
        return substring(s, pos, Integer.MAX_VALUE);
    }

    /** {@code concat(a, b)}: NULL if any argument is NULL. */
    public static String concat(String a, String b) {
        return a == null || b == null ? null : a + b;
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

    /** Spark's text of a timestamp: the fraction of a second only if not zero, without trailing zeros. */
    public static String timestampString(Long ts) {
        if (ts == null) {
            return null;
        }
        LocalDateTime t = localTime(ts);
        String text = DEFAULT_TS.format(t);
        int micros = t.getNano() / 1000;
        if (micros == 0) {
            return text;
        }
        String fraction = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
        return text + "." + fraction;
    }

    /** Spark's text of a double: Java's ({@code 0.0}, {@code 1.0E10}, {@code NaN}). */
    public static String doubleString(Double d) {
        return d == null ? null : d.toString();
    }

    /** Spark's text of a decimal: Java's BigDecimal text, with its leading zero. */
    public static String decimalString(BigDecimal d) {
        return d == null ? null : d.toString();
    }

    /** {@code unix_timestamp(ts)}: whole seconds since the epoch. */
    public static Long unixTimestamp(Long ts) {
        return ts == null ? null : Math.floorDiv(ts, 1_000_000L);
    }

    /**
     * {@code to_timestamp(text)} (and a cast of text to TIMESTAMP): Spark's text forms, {@code yyyy[-[m]m[-[d]d]]}
     * with an optional {@code [ T][h]h:[m]m[:[s]s[.fraction]]}, or the time alone ({@code [T][h]h:[m]m...}), which
     * Spark puts on the current date (UTC); anything else is an error (ANSI mode).
     */
    public static Long toTimestamp(String s) {
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
                date = LocalDate.now(ZoneOffset.UTC);
                timeGroup = 1;
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

    private static final String TIME_PART = "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{0,9}))?)?";
    private static final Pattern SPARK_TIMESTAMP =
            Pattern.compile("(\\d{4,6})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T](?:" + TIME_PART + ")?)?)?)?");
    private static final Pattern SPARK_TIME = Pattern.compile("T?" + TIME_PART);

    /** {@code unix_timestamp(text)}: text in Spark's default pattern {@code yyyy-MM-dd HH:mm:ss}. */
    public static Long unixTimestamp(String s) {
        return unixTimestamp(s, "yyyy-MM-dd HH:mm:ss");
    }

    /** {@code unix_timestamp(text, pattern)}: the seconds of {@code to_timestamp(text, pattern)}. */
    public static Long unixTimestamp(String s, String pattern) {
        Long ts = toTimestamp(s, pattern);
        return ts == null ? null : Math.floorDiv(ts, 1_000_000L);
    }

    /** {@code sqrt(x)}: Java's square root (sqrt(-0.0) is -0.0, where Calcite's POWER(x, 0.5) gives 0.0). */
    public static Double sqrt(Double x) {
        return x == null ? null : Math.sqrt(x);
    }

    /** {@code to_timestamp(text, pattern)}. */
    public static Long toTimestamp(String s, String pattern) {
        if (s == null || pattern == null) {
            return null;
        }
        try {
            var parsed = formatter(pattern).parse(s);
            LocalDate date = LocalDate.from(parsed);
            LocalDateTime t =
                    parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(parsed) : date.atStartOfDay();
            return micros(t);
        } catch (DateTimeException e) {
            throw cannotParse(s);
        }
    }

    private static RuntimeException cannotParse(String s) {
        return new IllegalArgumentException("[CANNOT_PARSE_TIMESTAMP] Text '" + clip(s) + "' could not be parsed."
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
                        + clip(pattern) + "'");
            }
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.US);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid datetime pattern '" + clip(pattern) + "': " + e.getMessage());
        }
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    // SparkDefer's runtime: the identity, in a class Calcite's code generator does not treat as deterministic

    public static String deferString(String x) {
        return x;
    }

    public static Integer deferInt(Integer x) {
        return x;
    }

    public static Long deferLong(Long x) {
        return x;
    }

    public static Double deferDouble(Double x) {
        return x;
    }

    public static BigDecimal deferDecimal(BigDecimal x) {
        return x;
    }

    public static Boolean deferBoolean(Boolean x) {
        return x;
    }
}
