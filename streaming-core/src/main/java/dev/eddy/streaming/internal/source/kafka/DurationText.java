package dev.eddy.streaming.internal.source.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spark's time strings ({@code 15m}, {@code 30s}, {@code 500ms}, {@code 1h}, {@code 2d}; a bare number is ms). */
final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d|us)?");
    private static final Map<String, Long> UNIT_MS =
            Map.of("ms", 1L, "s", 1000L, "m", 60_000L, "min", 60_000L, "h", 3_600_000L, "d", 86_400_000L);

    private DurationText() {}

    static long millis(String option, String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "option '" + option + "' must be a time like 15m, 30s or 500ms, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return unit.equals("us") ? n / 1000 : n * UNIT_MS.get(unit);
    }
}
