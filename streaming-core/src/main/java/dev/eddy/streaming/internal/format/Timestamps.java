package dev.eddy.streaming.internal.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * ISO-8601 timestamps to epoch microseconds: with an offset or 'Z', or local (read as UTC), with 'T' or a space
 * between date and time (Spark accepts both), fractions to nanoseconds; a bare date is midnight UTC.
 */
public final class Timestamps {
    /** Returned for text that is not a timestamp (no valid timestamp maps to it). */
    public static final long INVALID = Long.MIN_VALUE;

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .toFormatter();

    private Timestamps() {}

    public static long parseMicros(String s) {
        if (s.length() < 10 || !Character.isDigit(s.charAt(0))) {
            return INVALID;
        }
        try {
            if (s.length() == 10) {
                return toMicros(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            var parsed = LOCAL.parse(s);
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneOffset offset =
                    parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
            return toMicros(OffsetDateTime.of(local, offset).toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }

    static long toMicros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    /** Epoch microseconds as ISO-8601 UTC text, e.g. {@code 2026-11-21T10:15:30.123Z}. */
    public static String format(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
                .toString();
    }
}
