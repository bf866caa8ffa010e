package dev.eddy.magics.internal.chart;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Short labels for the times of one chart, the same in Vega-Lite (d3 time format) and in the PNG (Java): as
 * precise as the data (minutes, seconds or milliseconds), with the date only when the times span more than one
 * day, and only the date when every time is a midnight. Always UTC, as the engine's timestamps are.
 */
enum TimeLabels {
    DAY("%Y-%m-%d", "yyyy-MM-dd"),
    MINUTE("%H:%M", "HH:mm"),
    SECOND("%H:%M:%S", "HH:mm:ss"),
    MILLI("%H:%M:%S.%L", "HH:mm:ss.SSS"),
    DAY_MINUTE("%b %d %H:%M", "MMM dd HH:mm"),
    DAY_SECOND("%b %d %H:%M:%S", "MMM dd HH:mm:ss"),
    DAY_MILLI("%b %d %H:%M:%S.%L", "MMM dd HH:mm:ss.SSS");

    private static final long DAY_MS = 86_400_000L;
    final String d3;
    /** The same as a Java pattern (XChart's date axis takes one). */
    final String javaPattern;

    private final DateTimeFormatter java;

    TimeLabels(String d3, String java) {
        this.d3 = d3;
        this.javaPattern = java;
        this.java = DateTimeFormatter.ofPattern(java, Locale.ROOT).withZone(ZoneOffset.UTC);
    }

    /** Whether the labels show milliseconds. */
    boolean millis() {
        return this == MILLI || this == DAY_MILLI;
    }

    String format(long epochMillis) {
        return java.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The labels for these times (epoch millis). */
    static TimeLabels of(List<Long> times) {
        if (times.isEmpty()) {
            return MINUTE;
        }
        boolean millis = false;
        boolean seconds = false;
        boolean midnights = true;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : times) {
            millis |= t % 1000 != 0;
            seconds |= t % 60_000 != 0;
            midnights &= Math.floorMod(t, DAY_MS) == 0;
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        if (midnights) {
            return DAY;
        }
        boolean days = Math.floorDiv(min, DAY_MS) != Math.floorDiv(max, DAY_MS);
        if (millis) {
            return days ? DAY_MILLI : MILLI;
        }
        if (seconds) {
            return days ? DAY_SECOND : SECOND;
        }
        return days ? DAY_MINUTE : MINUTE;
    }
}
