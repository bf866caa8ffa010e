package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Days;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Set;

/**
 * Spark's DATE: days since 1970-01-01 (proleptic Gregorian, UTC session time zone), its text forms and its
 * DATE-valued functions ({@code to_date}, {@code date_add}, {@code date_sub}, {@code add_months}, {@code last_day},
 * {@code next_day}, {@code make_date}, {@code trunc}, {@code datediff}).
 */
public final class Dates {
    public static final long MICROS_PER_DAY = 86_400_000_000L;

    /** The engine's own DATE functions (a name a front end registers in ScalarFunctions carries its prefix). */
    static final Set<String> FUNCTIONS = Set.of(
            "to_date", "date_add", "date_sub", "add_months", "last_day", "next_day", "make_date", "trunc", "datediff");

    private Dates() {}

    /** The day of Spark's date text, or null when the text is no date. */
    public static Integer parse(String s) {
        return Days.parse(s);
    }

    /** The day of a timestamp (epoch microseconds, UTC). */
    public static int ofMicros(long micros) {
        return Math.toIntExact(Math.floorDiv(micros, MICROS_PER_DAY));
    }

    /** A column of any type Spark casts to DATE (DATE, TIMESTAMP, STRING) as a DATE column; other text is null. */
    static Column toDateColumn(Column c) {
        return Casts.cast(c, DataType.DATE);
    }

    /** A DATE column of {@code days[0..n)}. */
    static IntColumn column(int[] days, int n, long[] nulls) {
        return new IntColumn(DataType.DATE, days, n, nulls);
    }

    /** TIMESTAMP to DATE: the day the instant falls on in UTC. */
    static Column fromTimestamp(Column c) {
        long[] v = Vectors.asLongs(c);
        int n = c.size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) Math.floorDiv(v[i], MICROS_PER_DAY);
        }
        return column(out, n, c.nullBitmap());
    }

    /**
     * DATE to TIMESTAMP: the day's midnight in UTC; a day past the TIMESTAMP's range fails with Spark's {@code long
     * overflow} (a NULL row's value is not read).
     */
    static Column toTimestamp(Column c) {
        int[] v = ((IntColumn) c).values();
        int n = c.size();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = c.isNull(i) ? 0 : Math.multiplyExact((long) v[i], MICROS_PER_DAY);
        }
        return new LongColumn(DataType.TIMESTAMP, out, n, c.nullBitmap());
    }

    /** The type a date function answers with. */
    static DataType resultType(String fn) {
        return fn.equals("datediff") ? DataType.INT : DataType.DATE;
    }

    /** Evaluates date function {@code fn} over its argument columns. */
    static Column call(String fn, Column[] a, int n) {
        if (fn.equals("make_date")) {
            return rowByRow(n, i -> {
                if (a[0].isNull(i) || a[1].isNull(i) || a[2].isNull(i)) {
                    return null;
                }
                return makeDate(intOf(a[0], i), intOf(a[1], i), intOf(a[2], i));
            });
        }
        Column d = toDateColumn(a[0]);
        switch (fn) {
            case "to_date":
                return d;
            case "last_day":
                return rowByRow(n, i -> d.isNull(i) ? null : day(date(d, i).with(TemporalAdjusters.lastDayOfMonth())));
            default:
                break;
        }
        Column b = a[1];
        Column e = fn.equals("datediff") ? toDateColumn(b) : null;
        return rowByRow(resultType(fn), n, i -> {
            if (d.isNull(i) || b.isNull(i)) {
                return null;
            }
            LocalDate x = date(d, i);
            return switch (fn) {
                // Spark adds the days as an INT, wrapping around past its range (ANSI mode too)
                case "date_add" -> day(x) + intOf(b, i);
                case "date_sub" -> day(x) - intOf(b, i);
                case "add_months" -> day(x.plusMonths(intOf(b, i)));
                case "next_day" ->
                    day(x.with(TemporalAdjusters.next(dayOfWeek(b.get(i).toString()))));
                case "trunc" -> trunc(x, b.get(i).toString());
                case "datediff" -> e.isNull(i) ? null : day(x) - ((IntColumn) e).values()[i];
                default -> throw new IllegalArgumentException("unknown function '" + fn + "'");
            };
        });
    }

    private interface RowValue {
        Integer at(int row);
    }

    private static Column rowByRow(int n, RowValue f) {
        return rowByRow(DataType.DATE, n, f);
    }

    private static Column rowByRow(DataType type, int n, RowValue f) {
        BatchBuilder out = Batch.builder(Schema.of(Field.of("c", type)), n);
        for (int i = 0; i < n; i++) {
            out.setValue(0, f.at(i)).endRow();
        }
        return out.build().column(0);
    }

    private static int intOf(Column c, int row) {
        return ((Number) c.get(row)).intValue();
    }

    private static LocalDate date(Column days, int row) {
        return LocalDate.ofEpochDay(((IntColumn) days).values()[row]);
    }

    private static int day(LocalDate d) {
        return Math.toIntExact(d.toEpochDay());
    }

    /** Spark's make_date: fields out of range fail the query (ANSI mode). */
    static int makeDate(int year, int month, int day) {
        try {
            return day(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("[DATETIME_FIELD_OUT_OF_BOUNDS] " + e.getMessage()
                    + ". Use try_make_date to tolerate it and return NULL instead.");
        }
    }

    /** Spark's day names for next_day: two or three letters or the full English name, any case. */
    static DayOfWeek dayOfWeek(String name) {
        String s = name.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name();
            if (s.equals(full) || s.equals(full.substring(0, 3)) || s.equals(full.substring(0, 2))) {
                return d;
            }
        }
        throw new IllegalArgumentException("[ILLEGAL_DAY_OF_WEEK] Illegal input for day of week: " + name + ".");
    }

    /** Spark's trunc(date, fmt): the first day of the year, quarter, month or week (Monday); null for another unit. */
    private static Integer trunc(LocalDate d, String unit) {
        return switch (unit.strip().toUpperCase(Locale.ROOT)) {
            case "YEAR", "YYYY", "YY" -> day(d.withDayOfYear(1));
            case "QUARTER" -> day(LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1));
            case "MONTH", "MM", "MON" -> day(d.withDayOfMonth(1));
            case "WEEK" -> day(d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            default -> null;
        };
    }
}
