package dev.eddy.streaming.internal.format;

import dev.eddy.streaming.internal.expr.Dates;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.function.LongSupplier;

/**
 * How the CSV and JSON readers read DATE and TIMESTAMP values, Spark's options: {@code dateFormat} and {@code
 * timestampFormat} (a {@link DatetimePattern}, compiled once per reader; null: Spark's default forms, {@link
 * SparkTimestampText} and Spark's date text) and {@code enableDateTimeParsingFallback} (when a pattern does not match, try the
 * default forms too; Spark's default: only when no pattern is given). Text no form reads is a malformed value. {@code
 * clock} gives the time a read runs at in epoch milliseconds (a batch query's session clock read once, a stream's
 * engine clock; null: none), whose day a TIMESTAMP of a time alone ({@code 10:15:30}, read by the default forms) is
 * on, as Spark reads it on the current day; it is read only for such a value.
 */
public record DatetimeOptions(
        DatetimePattern dateFormat,
        DatetimePattern timestampFormat,
        boolean dateFallback,
        boolean timestampFallback,
        LongSupplier clock) {
    public static final DatetimeOptions DEFAULT = new DatetimeOptions(null, null, true, true, null);
    /** Spark's date pattern when none is given (its strict form, before the fallback to its date text). */
    private static final DatetimePattern ISO_DATE = DatetimePattern.compile("dateFormat", "yyyy-MM-dd");

    /**
     * @param dateFormat the {@code dateFormat} option or null
     * @param timestampFormat the {@code timestampFormat} option or null
     * @param fallback the {@code enableDateTimeParsingFallback} option or null
     */
    public static DatetimeOptions of(String dateFormat, String timestampFormat, String fallback) {
        Boolean fb = null;
        if (fallback != null) {
            String f = fallback.trim();
            if (!f.equalsIgnoreCase("true") && !f.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("option 'enableDateTimeParsingFallback' must be 'true' or 'false',"
                        + " got '" + fallback + "'");
            }
            fb = Boolean.parseBoolean(f);
        }
        DatetimePattern date = dateFormat == null
                ? (fb != null && !fb ? ISO_DATE : null) // no fallback: only Spark's strict default form
                : DatetimePattern.compile("dateFormat", dateFormat);
        DatetimePattern ts =
                timestampFormat == null ? null : DatetimePattern.compile("timestampFormat", timestampFormat);
        return new DatetimeOptions(date, ts, fb != null ? fb : date == null, fb != null ? fb : ts == null, null);
    }

    /** These options for a read that runs at {@code millis} (epoch milliseconds: a time alone is on its day). */
    public DatetimeOptions withNow(long millis) {
        return withClock(() -> millis);
    }

    /** These options for a read whose time alone is on the day of {@code clock} (epoch milliseconds) when read. */
    public DatetimeOptions withClock(LongSupplier clock) {
        return new DatetimeOptions(dateFormat, timestampFormat, dateFallback, timestampFallback, clock);
    }

    /** Epoch microseconds of a TIMESTAMP value's text, or {@link Timestamps#INVALID}. */
    public long micros(String text) {
        if (timestampFormat != null) {
            long v = timestampFormat.parseMicros(text);
            if (v != Timestamps.INVALID || !timestampFallback) {
                return v;
            }
        }
        long v = SparkTimestampText.parseMicros(text);
        return v != Timestamps.INVALID || clock == null ? v : SparkTimestampText.parseMicros(text, clock.getAsLong());
    }

    /**
     * {@link #days} for a JSON string: where the fallback applies, a whole number is also read as days since the
     * epoch (Spark 1.5 wrote dates so; Spark reads the number as a day of the Julian calendar before 1582-10-15).
     */
    public Integer jsonDays(String text) {
        if (dateFormat == ISO_DATE) {
            return Dates.parse(text); // JSON reads Spark's date text even without the fallback (unlike CSV)
        }
        Integer v = days(text);
        if (v != null || (dateFormat != null && !dateFallback)) {
            return v;
        }
        try {
            return julianToGregorian(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int julianToGregorian(int days) {
        GregorianCalendar hybrid = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        hybrid.setTimeInMillis(days * 86_400_000L);
        int year = hybrid.get(Calendar.YEAR);
        if (hybrid.get(Calendar.ERA) == GregorianCalendar.BC) {
            year = 1 - year;
        }
        return Math.toIntExact(LocalDate.of(year, hybrid.get(Calendar.MONTH) + 1, hybrid.get(Calendar.DAY_OF_MONTH))
                .toEpochDay());
    }

    /** Days since the epoch of a DATE value's text, or null. */
    public Integer days(String text) {
        if (dateFormat != null) {
            Integer v = dateFormat.parseDays(text);
            if (v != null || !dateFallback) {
                return v;
            }
        }
        return Dates.parse(text);
    }

    /** True when values are read in the default forms only. */
    public boolean isDefault() {
        return dateFormat == null && timestampFormat == null;
    }
}
