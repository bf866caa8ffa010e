package dev.eddy.kernel.internal.wire;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Header dates: ISO-8601 in UTC with exactly six fractional digits, e.g. 2026-11-21T15:04:05.123456Z. */
public final class Dates {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Dates() {}

    public static String now(Clock clock) {
        return FORMAT.format(clock.instant());
    }
}
