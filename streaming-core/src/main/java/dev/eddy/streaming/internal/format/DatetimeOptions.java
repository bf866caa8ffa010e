package dev.eddy.streaming.internal.format;

import dev.eddy.streaming.internal.expr.Dates;

/**
 * How the CSV and JSON readers read DATE and TIMESTAMP values, Spark's options: {@code dateFormat} and {@code
 * timestampFormat} (a {@link DatetimePattern}, compiled once per reader; null: Spark's default forms, {@link
 * SparkTimestampText} and Spark's date text) and {@code enableDateTimeParsingFallback} (when a pattern does not match, try the
 * default forms too; Spark's default: only when no pattern is given). Text no form reads is a malformed value.
 */
public record DatetimeOptions(
        DatetimePattern dateFormat, DatetimePattern timestampFormat, boolean dateFallback, boolean timestampFallback) {
    public static final DatetimeOptions DEFAULT = new DatetimeOptions(null, null, true, true);

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
        DatetimePattern date = dateFormat == null ? null : DatetimePattern.compile("dateFormat", dateFormat);
        DatetimePattern ts =
                timestampFormat == null ? null : DatetimePattern.compile("timestampFormat", timestampFormat);
        return new DatetimeOptions(date, ts, fb != null ? fb : date == null, fb != null ? fb : ts == null);
    }

    /** Epoch microseconds of a TIMESTAMP value's text, or {@link Timestamps#INVALID}. */
    public long micros(String text) {
        if (timestampFormat != null) {
            long v = timestampFormat.parseMicros(text);
            if (v != Timestamps.INVALID || !timestampFallback) {
                return v;
            }
        }
        return SparkTimestampText.parseMicros(text);
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
