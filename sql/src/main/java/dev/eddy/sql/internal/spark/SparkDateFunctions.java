package dev.eddy.sql.internal.spark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.TemporalUnit;
import java.util.Locale;

/**
 * Spark's calendar functions on dates (parts, date arithmetic, make_date, to_date) that Calcite lacks or answers
 * differently.
 * Called by Calcite's generated code in batch queries and by the engine in streaming queries (public static, boxed
 * so SQL NULL arrives as null), with Eddy's values: TIMESTAMP as epoch microseconds (UTC), DATE as days since the
 * epoch. Errors carry Spark's error class.
 */
public final class SparkDateFunctions {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private static LocalDate date(long micros) {
        return LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
    }

    private static Integer days(LocalDate d) {
        return Math.toIntExact(d.toEpochDay());
    }

    /** {@code day(ts)}, {@code dayofmonth(ts)}. */
    public static Integer dayOfMonth(Long ts) {
        return ts == null ? null : date(ts).getDayOfMonth();
    }

    /** {@code dayofweek(ts)}: 1 for Sunday to 7 for Saturday. */
    public static Integer dayOfWeek(Long ts) {
        return ts == null ? null : date(ts).getDayOfWeek().getValue() % 7 + 1;
    }

    /** {@code weekday(ts)}: 0 for Monday to 6 for Sunday. */
    public static Integer weekday(Long ts) {
        return ts == null ? null : date(ts).getDayOfWeek().getValue() - 1;
    }

    public static Integer dayOfYear(Long ts) {
        return ts == null ? null : date(ts).getDayOfYear();
    }

    /** {@code weekofyear(ts)}: the ISO-8601 week (weeks start on Monday; week 1 has more than 3 days). */
    public static Integer weekOfYear(Long ts) {
        return ts == null ? null : date(ts).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    public static Integer quarter(Long ts) {
        return ts == null ? null : (date(ts).getMonthValue() - 1) / 3 + 1;
    }

    /** {@code last_day(ts)}: the last day of its month, a DATE. */
    public static Integer lastDay(Long ts) {
        return ts == null ? null : days(date(ts).with(TemporalAdjusters.lastDayOfMonth()));
    }

    /**
     * Spark's {@code trunc(date, unit)}: the first day of the date's year ({@code year}, {@code yyyy}, {@code yy}),
     * quarter, month ({@code month}, {@code mm}, {@code mon}) or week (its Monday), a DATE; NULL for another unit.
     */
    public static Integer trunc(Long ts, String unit) {
        if (ts == null || unit == null) {
            return null;
        }
        LocalDate d = date(ts);
        return switch (unit.strip().toUpperCase(Locale.ROOT)) {
            case "YEAR", "YYYY", "YY" -> days(d.withDayOfYear(1));
            case "QUARTER" -> days(LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1));
            case "MONTH", "MM", "MON" -> days(d.withDayOfMonth(1));
            case "WEEK" -> days(d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            default -> null;
        };
    }

    /** Spark's {@code extract(SECOND FROM ts)}: the seconds with their fraction (DECIMAL(8, 6)). */
    public static BigDecimal secondWithFraction(Long ts) {
        if (ts == null) {
            return null;
        }
        return BigDecimal.valueOf(Math.floorMod(ts, 60_000_000L), 6);
    }

    /**
     * Spark's {@code timestampdiff(unit, start, end)} (also {@code datediff(unit, start, end)}): the whole units from
     * start to end (UTC), as Java's {@code ChronoUnit.between}, which Spark's DateTimeUtils.timestampDiff uses.
     */
    public static Long timestampDiff(String unit, Long start, Long end) {
        if (unit == null || start == null || end == null) {
            return null;
        }
        LocalDateTime a = SparkTimestampFunctions.localTime(start);
        LocalDateTime b = SparkTimestampFunctions.localTime(end);
        TemporalUnit u = switch (unit.toUpperCase(Locale.ROOT)) {
            case "YEAR" -> ChronoUnit.YEARS;
            case "QUARTER" -> IsoFields.QUARTER_YEARS;
            case "MONTH" -> ChronoUnit.MONTHS;
            case "WEEK" -> ChronoUnit.WEEKS;
            case "DAY" -> ChronoUnit.DAYS;
            case "HOUR" -> ChronoUnit.HOURS;
            case "MINUTE" -> ChronoUnit.MINUTES;
            case "SECOND" -> ChronoUnit.SECONDS;
            case "MILLISECOND" -> ChronoUnit.MILLIS;
            case "MICROSECOND" -> ChronoUnit.MICROS;
            default -> throw new IllegalArgumentException("timestampdiff: unknown unit " + unit);
        };
        return u.between(a, b);
    }

    /**
     * Spark's {@code timestampadd(unit, n, ts)} and {@code dateadd(unit, n, ts)} (DateTimeUtils.timestampAdd, UTC):
     * whole days, weeks, months, quarters and years on the calendar (a month's day clipped to its last day), smaller
     * units as exact microseconds. A count that does not fit (more than an INT of days or months, a product past a
     * BIGINT of microseconds) or a result past the TIMESTAMP range fails with Spark's {@code [DATETIME_OVERFLOW]}.
     */
    public static Long timestampAdd(String unit, Long n, Long ts) {
        if (unit == null || n == null || ts == null) {
            return null;
        }
        try {
            LocalDateTime t = SparkTimestampFunctions.localTime(ts);
            return switch (unit.toUpperCase(Locale.ROOT)) {
                case "MICROSECOND" -> Math.addExact(ts, n);
                case "MILLISECOND" -> Math.addExact(ts, Math.multiplyExact(n, 1_000L));
                case "SECOND" -> Math.addExact(ts, Math.multiplyExact(n, 1_000_000L));
                case "MINUTE" -> Math.addExact(ts, Math.multiplyExact(n, 60_000_000L));
                case "HOUR" -> Math.addExact(ts, Math.multiplyExact(n, 3_600_000_000L));
                case "DAY" -> SparkTimestampFunctions.micros(t.plusDays(Math.toIntExact(n)));
                case "WEEK" -> SparkTimestampFunctions.micros(t.plusDays(Math.toIntExact(Math.multiplyExact(n, 7L))));
                case "MONTH" -> SparkTimestampFunctions.micros(t.plusMonths(Math.toIntExact(n)));
                case "QUARTER" ->
                    SparkTimestampFunctions.micros(t.plusMonths(Math.toIntExact(Math.multiplyExact(n, 3L))));
                case "YEAR" ->
                    SparkTimestampFunctions.micros(t.plusMonths(Math.toIntExact(Math.multiplyExact(n, 12L))));
                default ->
                    throw new IllegalArgumentException("[INVALID_PARAMETER_VALUE.DATETIME_UNIT] The value of"
                            + " parameter(s) `unit` in `timestampadd` is invalid: " + unit);
            };
        } catch (ArithmeticException | DateTimeException e) {
            throw new ArithmeticException("[DATETIME_OVERFLOW] Datetime operation overflow: add " + n + "L "
                    + unit.toUpperCase(Locale.ROOT) + " to TIMESTAMP '" + SparkCastFunctions.timestampString(ts)
                    + "'.");
        }
    }

    /** Spark's {@code unix_date(date)}: the days since 1970-01-01. */
    public static Integer unixDate(Integer days) {
        return days;
    }

    /** Spark's {@code date_from_unix_date(n)}: the date n days after 1970-01-01. */
    public static Integer dateFromUnixDate(Integer days) {
        return days;
    }

    /**
     * {@code next_day(ts, 'Mon')}: the first date after ts that is that day of the week (two- or three-letter names
     * or the full name, any case); another name fails the query, as in Spark's ANSI mode.
     */
    public static Integer nextDay(Long ts, String dayName) {
        if (ts == null || dayName == null) {
            return null;
        }
        DayOfWeek dow = dayOfWeekNamed(dayName.trim().toUpperCase(Locale.ROOT));
        if (dow == null) {
            throw new IllegalArgumentException("[ILLEGAL_DAY_OF_WEEK] Illegal input for day of week: "
                    + SparkErrors.clip(dayName) + ". Use try_next_day to tolerate it and return NULL instead.");
        }
        return days(date(ts).with(TemporalAdjusters.next(dow)));
    }

    private static DayOfWeek dayOfWeekNamed(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name();
            if (s.equals(full) || s.equals(full.substring(0, 2)) || s.equals(full.substring(0, 3))) {
                return d;
            }
        }
        return null;
    }

    /** {@code date_add(ts, n)}: a DATE n days after ts's date. */
    /**
     * {@code date_add(d, n)} (and {@code d + n}): Spark adds the days as an INT and wraps around past its range, as
     * Spark 4.2 does in ANSI mode too ({@code date_add(DATE '2024-01-01', 2147483647)} is -5877587-06-21).
     */
    public static Integer dateAdd(Long ts, Integer n) {
        return ts == null || n == null ? null : (int) Math.floorDiv(ts, MICROS_PER_DAY) + n;
    }

    /** {@code date_sub(d, n)} (and {@code d - n}): the INT of days minus n, wrapping around as Spark's. */
    public static Integer dateSub(Long ts, Integer n) {
        return ts == null || n == null ? null : (int) Math.floorDiv(ts, MICROS_PER_DAY) - n;
    }

    /**
     * {@code add_months(ts, n)}: a DATE, the day of month clipped to the new month's last day; past the INT of days
     * it fails with Spark's {@code [ARITHMETIC_OVERFLOW]}.
     */
    public static Integer addMonths(Long ts, Integer n) {
        return ts == null ? null : addMonths(date(ts), n);
    }

    private static Integer addMonths(LocalDate date, Integer n) {
        if (n == null) {
            return null;
        }
        try {
            return days(date.plusMonths(n));
        } catch (ArithmeticException | DateTimeException e) {
            throw new ArithmeticException("[ARITHMETIC_OVERFLOW] overflow. If necessary set \"spark.sql.ansi.enabled\""
                    + " to \"false\" to bypass this error.");
        }
    }

    /** {@code datediff(end, start)}: days from start's date to end's date. */
    public static Integer dateDiff(Long end, Long start) {
        return end == null || start == null
                ? null
                : Math.toIntExact(date(end).toEpochDay() - date(start).toEpochDay());
    }

    /** {@code months_between(t1, t2)}, rounded to 8 digits. */
    public static Double monthsBetween(Long t1, Long t2) {
        return monthsBetween(t1, t2, true);
    }

    /**
     * {@code months_between(t1, t2, roundOff)}: whole months when both times are on the same day of the month or
     * both on their month's last day, else the months plus the rest counted in 31-day months (seconds, as Spark).
     */
    public static Double monthsBetween(Long t1, Long t2, Boolean roundOff) {
        if (t1 == null || t2 == null || roundOff == null) {
            return null;
        }
        LocalDate d1 = date(t1);
        LocalDate d2 = date(t2);
        double months = (d1.getYear() * 12 + d1.getMonthValue()) - (d2.getYear() * 12 + d2.getMonthValue());
        boolean lastDays = d1.getDayOfMonth() == d1.lengthOfMonth() && d2.getDayOfMonth() == d2.lengthOfMonth();
        if (d1.getDayOfMonth() == d2.getDayOfMonth() || lastDays) {
            return months;
        }
        long seconds1 = Math.floorDiv(t1 - d1.toEpochDay() * MICROS_PER_DAY, 1_000_000L);
        long seconds2 = Math.floorDiv(t2 - d2.toEpochDay() * MICROS_PER_DAY, 1_000_000L);
        long secondsDiff = (d1.getDayOfMonth() - d2.getDayOfMonth()) * 86_400L + seconds1 - seconds2;
        double diff = months + secondsDiff / (31 * 86_400d);
        return roundOff ? new BigDecimal(diff).setScale(8, RoundingMode.HALF_UP).doubleValue() : diff;
    }

    // The same functions of a DATE (days since the epoch), computed on the date itself as Spark does, so that a date
    // past the TIMESTAMP's range (about ±290,000 years: date_add(DATE '2024-01-01', 2147483647) is -5877587-06-21)
    // answers as in Spark where reading it as a timestamp would fail (SparkDateOperands puts them in)

    public static Integer dayOfMonth(Integer days) {
        return days == null ? null : LocalDate.ofEpochDay(days).getDayOfMonth();
    }

    public static Integer dayOfWeek(Integer days) {
        return days == null ? null : LocalDate.ofEpochDay(days).getDayOfWeek().getValue() % 7 + 1;
    }

    public static Integer weekday(Integer days) {
        return days == null ? null : LocalDate.ofEpochDay(days).getDayOfWeek().getValue() - 1;
    }

    public static Integer dayOfYear(Integer days) {
        return days == null ? null : LocalDate.ofEpochDay(days).getDayOfYear();
    }

    public static Integer weekOfYear(Integer days) {
        return days == null ? null : LocalDate.ofEpochDay(days).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    public static Integer quarter(Integer days) {
        return days == null ? null : (LocalDate.ofEpochDay(days).getMonthValue() - 1) / 3 + 1;
    }

    public static Integer lastDay(Integer days) {
        return days == null ? null : days(LocalDate.ofEpochDay(days).with(TemporalAdjusters.lastDayOfMonth()));
    }

    /** {@code next_day(d, name)} of a DATE: Spark adds the days as an INT (wrapping around at its end). */
    public static Integer nextDay(Integer days, String dayName) {
        if (days == null || dayName == null) {
            return null;
        }
        DayOfWeek dow = dayOfWeekNamed(dayName.trim().toUpperCase(Locale.ROOT));
        if (dow == null) {
            throw new IllegalArgumentException("[ILLEGAL_DAY_OF_WEEK] Illegal input for day of week: "
                    + SparkErrors.clip(dayName) + ". Use try_next_day to tolerate it and return NULL instead.");
        }
        int from = LocalDate.ofEpochDay(days).getDayOfWeek().getValue();
        return days + 1 + Math.floorMod(dow.getValue() - from - 1, 7);
    }

    public static Integer dateAdd(Integer days, Integer n) {
        return days == null || n == null ? null : days + n;
    }

    public static Integer dateSub(Integer days, Integer n) {
        return days == null || n == null ? null : days - n;
    }

    public static Integer addMonths(Integer days, Integer n) {
        return days == null ? null : addMonths(LocalDate.ofEpochDay(days), n);
    }

    /** {@code datediff(end, start)} of two DATEs: the INT difference of their days (wrapping around, as Spark's). */
    public static Integer dateDiff(Integer end, Integer start) {
        return end == null || start == null ? null : end - start;
    }

    /**
     * {@code trunc(d, unit)} of a DATE as Spark's truncDate: the first day of its year or month and the Monday of its
     * week by INT arithmetic on the days (wrapping around at the INT's ends, as Spark), the quarter through the
     * calendar.
     */
    public static Integer trunc(Integer days, String unit) {
        if (days == null || unit == null) {
            return null;
        }
        LocalDate d = LocalDate.ofEpochDay(days);
        return switch (unit.strip().toUpperCase(Locale.ROOT)) {
            case "YEAR", "YYYY", "YY" -> days - d.getDayOfYear() + 1;
            case "QUARTER" -> days(LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1));
            case "MONTH", "MM", "MON" -> days - d.getDayOfMonth() + 1;
            case "WEEK" -> days - (d.getDayOfWeek().getValue() - 1);
            default -> null;
        };
    }

    /**
     * Spark's field {@code unit} (Calcite's EXTRACT unit name: YEAR, ISOYEAR, QUARTER, MONTH, WEEK, DAY, DOW, ISODOW,
     * DOY) of a DATE, computed on the date (Calcite's runtime answers wrongly before year -4713).
     */
    public static Integer datePart(String unit, Integer days) {
        if (unit == null || days == null) {
            return null;
        }
        LocalDate d = LocalDate.ofEpochDay(days);
        return switch (unit) {
            case "YEAR" -> d.getYear();
            case "ISOYEAR" -> d.get(IsoFields.WEEK_BASED_YEAR);
            case "QUARTER" -> d.get(IsoFields.QUARTER_OF_YEAR);
            case "MONTH" -> d.getMonthValue();
            case "WEEK" -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "DAY" -> d.getDayOfMonth();
            case "DOW" -> d.getDayOfWeek().getValue() % 7 + 1;
            case "ISODOW" -> d.getDayOfWeek().getValue();
            case "DOY" -> d.getDayOfYear();
            default -> throw new IllegalArgumentException("EXTRACT(" + unit + " FROM date) is not a field of a date");
        };
    }

    /** {@code make_date(y, m, d)}: a DATE; fields out of range fail the query (ANSI mode). */
    public static Integer makeDate(Integer year, Integer month, Integer day) {
        if (year == null || month == null || day == null) {
            return null;
        }
        try {
            return days(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("[DATETIME_FIELD_OUT_OF_BOUNDS] " + e.getMessage()
                    + ". Use try_make_date to tolerate it and return NULL instead.");
        }
    }

    /**
     * {@code make_timestamp(y, mo, d, h, mi, sec)}: seconds with a fraction (to the microsecond); 60 seconds is
     * the next minute when the fraction is zero. Fields out of range fail the query (ANSI mode).
     */
    public static Long makeTimestamp(
            Integer year, Integer month, Integer day, Integer hour, Integer minute, Double seconds) {
        if (year == null || month == null || day == null || hour == null || minute == null || seconds == null) {
            return null;
        }
        try {
            // Spark's seconds are a DECIMAL(16, 6): the double by its shortest text, to the microsecond
            BigDecimal micros = BigDecimal.valueOf(seconds)
                    .setScale(6, RoundingMode.HALF_UP)
                    .movePointRight(6);
            long totalMicros = micros.longValueExact();
            int wholeSeconds = (int) Math.floorDiv(totalMicros, 1_000_000L);
            int nanos = (int) Math.floorMod(totalMicros, 1_000_000L) * 1000;
            LocalDateTime t;
            if (wholeSeconds == 60 && nanos == 0) {
                t = LocalDateTime.of(year, month, day, hour, minute).plusMinutes(1);
            } else {
                t = LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, wholeSeconds, nanos));
            }
            return SparkTimestampFunctions.micros(t);
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("[DATETIME_FIELD_OUT_OF_BOUNDS] " + e.getMessage()
                    + ". Use try_make_timestamp to tolerate it and return NULL instead.");
        }
    }

    /**
     * {@code to_date(text)}: Spark's cast of the text to DATE ({@code yyyy[-[m]m[-[d]d]]}, a time after it ignored);
     * other text, a time alone ({@code 10:15:30}, {@code T10:15}) too, fails the query with [CAST_INVALID_INPUT], as
     * in Spark 4.2 (it never reads a clock).
     */
    public static Integer toDate(String s) {
        return SparkCastFunctions.stringToDate(s);
    }

    /** {@code to_date(text, pattern)}. */
    public static Integer toDate(String s, String pattern) {
        Long ts = SparkTimestampFunctions.toTimestamp(s, pattern);
        return ts == null ? null : days(date(ts));
    }

    private SparkDateFunctions() {}
}
