package dev.eddy.streaming.internal.format;

import java.time.DateTimeException;
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
 * time without a date (Spark takes today's date) is not read: Eddy's engine never reads the wall clock.
 */
public final class SparkTimestampText {
    private SparkTimestampText() {}

    /** Epoch microseconds, or {@link Timestamps#INVALID}. */
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
