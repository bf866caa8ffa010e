package dev.eddy.streaming.api.expr;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Spark-style interval strings ("10 minutes", "5 seconds", "1 hour 30 minutes") into microseconds. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*([a-z]+)");

    private Durations() {
    }

    public static long parseMicros(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("interval")) {
            s = s.substring("interval".length()).trim();
        }
        Matcher m = PART.matcher(s);
        long total = 0;
        int end = 0;
        boolean any = false;
        while (m.find()) {
            if (!s.substring(end, m.start()).isBlank()) {
                break;
            }
            total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), unit(m.group(2), text)));
            end = m.end();
            any = true;
        }
        if (!any || !s.substring(end).isBlank()) {
            throw new IllegalArgumentException("cannot read duration '" + text
                    + "': use e.g. '10 seconds', '5 minutes', '1 hour'");
        }
        return total;
    }

    public static long toMicros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
    }

    private static long unit(String u, String text) {
        return switch (u) {
            case "us", "microsecond", "microseconds" -> 1L;
            case "ms", "millisecond", "milliseconds" -> 1_000L;
            case "s", "sec", "secs", "second", "seconds" -> 1_000_000L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000_000L;
            case "h", "hour", "hours" -> 3_600_000_000L;
            case "d", "day", "days" -> 86_400_000_000L;
            case "week", "weeks" -> 7 * 86_400_000_000L;
            default -> throw new IllegalArgumentException("unknown time unit '" + u + "' in '" + text + "'");
        };
    }

    /** A short human form, e.g. "10 minutes". */
    public static String format(long micros) {
        long[] units = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"days", "hours", "minutes", "seconds", "milliseconds", "microseconds"};
        for (int i = 0; i < units.length; i++) {
            if (micros != 0 && micros % units[i] == 0) {
                return micros / units[i] + " " + names[i];
            }
        }
        return micros + " microseconds";
    }
}
