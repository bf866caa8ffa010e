package dev.eddy.streaming.internal.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The timestamp text Spark reads without a pattern (its cast from string, which its CSV and JSON readers use when no
 * {@code timestampFormat} is given): blanks around it ignored, {@code [+-]yyyy[yy][-[m]m[-[d]d[( |T)[h]h[:[m]m[:[s]s[.
 * fraction]]]]]]} with up to six fraction digits kept (more are cut), then an optional zone: {@code Z}, an offset
 * ({@code +05:30}, {@code -5}), a prefixed offset ({@code UTC+1}, {@code GMT-05:00}), a short id or a region ({@code
 * Europe/Paris}), with or without a blank before it. Without a zone the text is in UTC (Eddy's session time zone). A
 * time without a date ({@code [T][h]h:[m]m[:[s]s[.fraction]][zone]}, or {@code T[h]h}; a {@code T} only as the
 * text's first character, before any blank), which Spark reads on the current day (in the
 * value's zone), is read on the day of the time the reader is given ({@link #parseMicros(String, Long)}: the query's
 * session clock, never the wall clock); without one it is no timestamp.
 */
public final class SparkTimestampText {
    private SparkTimestampText() {}

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /**
     * Epoch microseconds, or {@link Timestamps#INVALID}; a time alone is on the day {@code nowMillis} (epoch
     * milliseconds) falls on in the value's zone (UTC without one), and no timestamp when {@code nowMillis} is null.
     */
    public static long parseMicros(String text, Long nowMillis) {
        String s = text.strip();
        // Spark takes a T as the start of a time only as the text's first character: " T10:15" is no timestamp
        if (nowMillis == null || !isTimeAlone(s) || s.charAt(0) == 'T' && text.charAt(0) != 'T') {
            return parseMicros(text);
        }
        String time = s.charAt(0) == 'T' ? s.substring(1) : s;
        long nowMicros = Math.multiplyExact(nowMillis, 1000L);
        LocalDate utcDay = LocalDate.ofEpochDay(Math.floorDiv(nowMicros, MICROS_PER_DAY));
        long onUtcDay = parseMicros(utcDay + " " + time);
        if (onUtcDay == Timestamps.INVALID) {
            return Timestamps.INVALID;
        }
        // the zone's offset that day: the local time read as UTC minus the instant; today in the zone may be another
        long local = parseMicros(utcDay + " " + stripZone(time));
        long offset = local == Timestamps.INVALID ? 0 : local - onUtcDay;
        LocalDate zoneDay = LocalDate.ofEpochDay(Math.floorDiv(nowMicros + offset, MICROS_PER_DAY));
        return zoneDay.equals(utcDay) ? onUtcDay : parseMicros(zoneDay + " " + time);
    }

    /** {@code [T][h]h:} at the start, or {@code T[h]h} alone: Spark's time without a date. */
    private static boolean isTimeAlone(String s) {
        boolean t = !s.isEmpty() && s.charAt(0) == 'T';
        int j = t ? 1 : 0;
        int digits = 0;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
            digits++;
        }
        return digits >= 1 && digits <= 2 && (j < s.length() ? s.charAt(j) == ':' : t);
    }

    /** The time of a time-alone text without its zone: its digits, colons and fraction. */
    private static String stripZone(String time) {
        int j = 0;
        while (j < time.length()
                && (Character.isDigit(time.charAt(j)) || time.charAt(j) == ':' || time.charAt(j) == '.')) {
            j++;
        }
        return time.substring(0, j);
    }

    /** Epoch microseconds, or {@link Timestamps#INVALID} (a time alone included: no day to put it on). */
    public static long parseMicros(String text) {
        String s = text.strip();
        int n = s.length();
        if (n == 0) {
            return Timestamps.INVALID;
        }
        int[] seg = {1, 1, 1, 0, 0, 0, 0};
        int i = 0; // the segment being read: year, month, day, hour, minute, second, fraction
        int value = 0;
        int digits = 0;
        int fractionDigits = 0;
        int sign = 1;
        int j = 0;
        String zone = null;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            sign = s.charAt(0) == '-' ? -1 : 1;
            j = 1;
        }
        for (; j < n; j++) {
            char b = s.charAt(j);
            if (b >= '0' && b <= '9') {
                if (i == 6) {
                    fractionDigits++;
                }
                if (i != 6 || digits < 6) {
                    value = value * 10 + (b - '0');
                }
                digits++;
                if (i != 6 && digits > 9) {
                    return Timestamps.INVALID;
                }
                continue;
            }
            boolean next;
            if (i < 2) {
                next = b == '-';
            } else if (i == 2) {
                next = b == ' ' || b == 'T';
            } else if (i == 3 || i == 4) {
                next = b == ':';
            } else {
                next = i == 5 && b == '.';
                if (!next) { // the rest is the zone
                    if (!validDigits(i, digits)) {
                        return Timestamps.INVALID;
                    }
                    seg[i] = value;
                    zone = s.substring(j).strip();
                    i++;
                    break;
                }
            }
            if (!next || !validDigits(i, digits)) {
                return Timestamps.INVALID;
            }
            seg[i++] = value;
            value = 0;
            digits = 0;
        }
        if (zone == null) {
            if (!validDigits(i, digits)) {
                return Timestamps.INVALID;
            }
            seg[i] = value;
        }
        for (; fractionDigits < 6; fractionDigits++) {
            seg[6] *= 10;
        }
        try {
            ZoneId z = zone == null ? ZoneOffset.UTC : zoneId(zone);
            ZonedDateTime at = ZonedDateTime.of(
                    LocalDateTime.of(sign * seg[0], seg[1], seg[2], seg[3], seg[4], seg[5], seg[6] * 1000), z);
            return Math.addExact(Math.multiplyExact(at.toEpochSecond(), 1_000_000L), seg[6]);
        } catch (DateTimeException | ArithmeticException e) {
            return Timestamps.INVALID;
        }
    }

    private static boolean validDigits(int segment, int digits) {
        if (segment == 0) {
            return digits >= 4 && digits <= 6;
        }
        if (segment == 6) {
            return true;
        }
        return digits > 0 && digits <= 2;
    }

    /** Spark's zone id text: also {@code +h:mm} and {@code +hh:m}, and the short ids (EST, PST, ...). */
    private static ZoneId zoneId(String zone) {
        String z = zone.replaceFirst("([+\\-])(\\d):", "$10$2:").replaceFirst("([+\\-])(\\d\\d):(\\d)$", "$1$2:0$3");
        return ZoneId.of(z, ZoneId.SHORT_IDS);
    }
}
