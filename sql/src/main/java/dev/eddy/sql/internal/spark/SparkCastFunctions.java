package dev.eddy.sql.internal.spark;

import dev.eddy.streaming.api.data.Days;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * Spark's casts that Calcite's differ from (text to BOOLEAN, DATE and TIMESTAMP; DOUBLE and DECIMAL to DECIMAL; a
 * value's text).
 * Called by Calcite's generated code in batch queries and by the engine in streaming queries (public static, boxed
 * so SQL NULL arrives as null), with Eddy's values: TIMESTAMP as epoch microseconds (UTC), DATE as days since the
 * epoch. Errors carry Spark's error class.
 */
public final class SparkCastFunctions {
    /**
     * Spark's cast of a DATE (days since the epoch) to TIMESTAMP: its midnight in UTC. A day whose midnight is past the
     * TIMESTAMP's range (about ±290,000 years: {@code date_add(DATE '2024-01-01', 2147483647)}) fails with Spark's
     * {@code long overflow}, as wherever Spark reads a DATE as a timestamp ({@code date_format}, {@code
     * unix_timestamp}, {@code d < ts}, ...).
     */
    public static Long dateToTimestamp(Integer days) {
        return days == null ? null : Math.multiplyExact((long) days, 86_400_000_000L);
    }

    /**
     * {@code days} itself, where Spark reads the DATE as a timestamp for a field of its time ({@code hour(d)}, {@code
     * EXTRACT(SECOND FROM d)}): a day past the TIMESTAMP's range fails with {@code long overflow}.
     */
    public static Integer dateWithinTimestamps(Integer days) {
        dateToTimestamp(days);
        return days;
    }

    /** Spark's cast of a TIMESTAMP to DATE: the day it falls on in UTC. */
    public static Integer timestampToDate(Long ts) {
        return ts == null ? null : Math.toIntExact(Math.floorDiv(ts, 86_400_000_000L));
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
            throw new ArithmeticException(
                    "[NUMERIC_VALUE_OUT_OF_RANGE] " + SparkErrors.clip(d.toPlainString()) + " cannot be"
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
                throw new IllegalArgumentException("[CAST_INVALID_INPUT] The value '" + SparkErrors.clip(s)
                        + "' of the type \"STRING\"" + " cannot be cast to \"BOOLEAN\" because it is malformed.");
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
            throw new IllegalArgumentException("[CAST_INVALID_INPUT] The value '" + SparkErrors.clip(s)
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
            return SparkTimestampFunctions.toTimestamp(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[CAST_INVALID_INPUT] The value '" + SparkErrors.clip(s)
                    + "' of the type \"STRING\" cannot be cast to \"TIMESTAMP\" because it is malformed.");
        }
    }

    /**
     * Spark's try_cast of text to TIMESTAMP in a streaming query, a time alone on the day of {@code now} (the
     * micro-batch's time, microseconds): NULL for text that is no timestamp.
     */
    public static Long tryStringToTimestampAt(String s, Long now) {
        try {
            return SparkTimestampFunctions.toTimestampAt(s, now);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Spark's try_cast of text to TIMESTAMP: NULL for text that is no timestamp. */
    public static Long tryStringToTimestamp(String s) {
        try {
            return SparkTimestampFunctions.toTimestamp(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Spark's text of a timestamp: the fraction of a second only if not zero, without trailing zeros. */
    public static String timestampString(Long ts) {
        if (ts == null) {
            return null;
        }
        LocalDateTime t = SparkTimestampFunctions.localTime(ts);
        String text = SparkTimestampFunctions.DEFAULT_TS.format(t);
        int micros = t.getNano() / 1000;
        if (micros == 0) {
            return text;
        }
        String fraction = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
        return text + "." + fraction;
    }

    /**
     * Spark's text of a DATE: {@code 2024-01-05}, a year past 9999 with its sign ({@code +32140-12-23}) and one before
     * year 1 with a minus ({@code -5877587-06-21}), as java.time prints it.
     */
    public static String dateString(Integer days) {
        return days == null ? null : LocalDate.ofEpochDay(days).toString();
    }

    /** Spark's text of a double: Java's ({@code 0.0}, {@code 1.0E10}, {@code NaN}). */
    public static String doubleString(Double d) {
        return d == null ? null : d.toString();
    }

    /** Spark's text of a decimal: Java's BigDecimal text, with its leading zero. */
    public static String decimalString(BigDecimal d) {
        return d == null ? null : d.toString();
    }

    private SparkCastFunctions() {}
}
