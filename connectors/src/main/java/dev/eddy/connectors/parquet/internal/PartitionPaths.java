package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.BitSet;
import java.util.Locale;

/**
 * Hive-style partition directory names ({@code date=2024-05-01}) written and read the way Spark does: the value
 * as Spark casts it to a string (timestamps in UTC, {@code yyyy-MM-dd HH:mm:ss[.ffffff]}), a null or empty value
 * as {@code __HIVE_DEFAULT_PARTITION__}, and the characters Spark escapes as {@code %XX}.
 */
public final class PartitionPaths {
    /** The directory value of a null (or empty string) partition value, as in Hive and Spark. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private static final BitSet ESCAPED = new BitSet(128);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    static {
        for (char c = 1; c < 0x20; c++) {
            ESCAPED.set(c);
        }
        for (char c : "\"#%'*/:=?\\\u007F{[]^".toCharArray()) {
            ESCAPED.set(c);
        }
    }

    private PartitionPaths() {}

    /** Spark's escaping of a path element: the characters a file system or Hive would misread, as %XX. */
    public static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 && ESCAPED.get(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** The inverse of {@link #escape}: every {@code %XX} with two hex digits becomes its character. */
    public static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                sb.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The directory element {@code name=value} of row {@code row} of a partition column. */
    public static String element(String name, Column column, int row) {
        return escape(name) + "=" + escape(valueString(column, row));
    }

    /** Spark's string of a partition value; null and "" become {@link #DEFAULT_PARTITION}. */
    static String valueString(Column column, int row) {
        if (column.isNull(row)) {
            return DEFAULT_PARTITION;
        }
        if (column.type() == DataType.TIMESTAMP) {
            long micros = ((LongColumn) column).getLong(row);
            Instant t = Instant.EPOCH
                    .plusSeconds(Math.floorDiv(micros, 1_000_000L))
                    .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
            return TIMESTAMP.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        }
        String s = String.valueOf(column.get(row));
        return s.isEmpty() ? DEFAULT_PARTITION : s;
    }

    /** Parses a timestamp partition value Spark or Eddy wrote (UTC), in epoch microseconds. */
    static long parseTimestamp(String s) {
        LocalDateTime t = LocalDateTime.parse(s, TIMESTAMP);
        Instant i = t.toInstant(ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000L);
    }
}
