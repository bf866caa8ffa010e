package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Casts between types. A value that cannot be converted (e.g. "abc" to int) becomes null, as in Spark. */
public final class Casts {
    private Casts() {}

    /**
     * Spark's ANSI cast, as {@link Expr.Cast} means it: as {@link #cast}, but a number that does not fit the INT or
     * BIGINT it is cast to (NaN, an infinity, out of range) fails with [CAST_OVERFLOW] where Java would saturate or
     * wrap around.
     */
    public static Column ansiCast(Column c, DataType to) {
        if (c.type().isNumeric()) {
            Overflow.checkFits(c, to);
        }
        return cast(c, to);
    }

    public static Column cast(Column c, DataType to) {
        if (c.type() == to) {
            return c;
        }
        int n = c.size();
        if (c.type().isInterval() && (to.isInterval() || to == DataType.LONG)
                || to.isInterval() && c.type() == DataType.LONG) {
            // the same months or microseconds under another type (the SQL translation's own casts)
            return new LongColumn(to, Vectors.asLongs(c), n, c.nullBitmap());
        }
        if (to == DataType.DATE && c.type() == DataType.TIMESTAMP) {
            return Dates.fromTimestamp(c);
        }
        if (to == DataType.TIMESTAMP && c.type() == DataType.DATE) {
            return Dates.toTimestamp(c);
        }
        if ((c.type() == DataType.DATE && to != DataType.STRING)
                || (to == DataType.DATE && c.type() != DataType.STRING)) {
            throw new IllegalArgumentException("cannot cast " + c.type().sqlName() + " to " + to.sqlName());
        }
        if (to == DataType.DOUBLE && c.type().isNumeric()) {
            return new DoubleColumn(Vectors.asDoubles(c), n, c.nullBitmap());
        }
        if ((to == DataType.LONG || to == DataType.TIMESTAMP)
                && c.type() != DataType.STRING
                && c.type() != DataType.STRUCT) {
            long[] v = Vectors.asLongs(c);
            if (c.type() == DataType.TIMESTAMP && to == DataType.LONG) {
                v = divide(v, n, 1_000_000L);
            } else if (to == DataType.TIMESTAMP && c.type() != DataType.TIMESTAMP) {
                v = multiply(v, n, 1_000_000L);
            }
            return new LongColumn(to, v, n, c.nullBitmap());
        }
        if (to == DataType.INT && c.type().isNumeric()) {
            long[] v = Vectors.asLongs(c);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = (int) v[i];
            }
            return new IntColumn(out, n, c.nullBitmap());
        }
        BatchBuilder b = Batch.builder(Schema.of(Field.of("c", to)), n);
        for (int i = 0; i < n; i++) {
            b.setValue(0, convert(c.isNull(i) ? null : c.get(i), c.type(), to)).endRow();
        }
        return b.build().column(0);
    }

    private static long[] divide(long[] v, int n, long d) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.floorDiv(v[i], d);
        }
        return out;
    }

    private static long[] multiply(long[] v, int n, long m) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[i] * m;
        }
        return out;
    }

    /** Converts one boxed value; null when impossible. */
    /** Spark's text forms of a boolean (t, true, y, yes, 1 and f, false, n, no, 0); null for other text. */
    private static Boolean booleanOf(String s) {
        return switch (s) {
            case "t", "true", "y", "yes", "1" -> Boolean.TRUE;
            case "f", "false", "n", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    static Object convert(Object v, DataType from, DataType to) {
        if (v == null) {
            return null;
        }
        if (to == DataType.STRING) {
            if (from.isInterval()) {
                return from.intervalFields().format((Long) v); // Spark's INTERVAL '3' DAY
            }
            return from == DataType.TIMESTAMP ? formatTimestamp((Long) v) : v.toString(); // a DATE's is 2024-01-05
        }
        String s = v.toString().trim();
        try {
            return switch (to) {
                case LONG -> Long.parseLong(s);
                case INT -> Integer.parseInt(s);
                case DOUBLE -> Double.parseDouble(s);
                case BOOLEAN -> booleanOf(s.toLowerCase(Locale.ROOT));
                case TIMESTAMP -> parseTimestamp(s);
                case DATE -> Dates.parse(s);
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** ISO instant ("2024-01-01T12:00:00Z") or local date-time ("2024-01-01 12:00:00", taken as UTC). */
    public static long parseTimestamp(String s) {
        Instant i;
        if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
            i = OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
        } else {
            i = LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    public static String formatTimestamp(long micros) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC).toString().replace('T', ' ');
    }
}
