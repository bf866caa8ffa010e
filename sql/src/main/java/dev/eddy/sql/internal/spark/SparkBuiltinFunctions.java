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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The runtime of Spark's date/time, text and math functions that Calcite lacks or answers differently (the
 * operators are in {@link SparkBuiltins}). Called by Calcite's generated code in batch queries and by the engine
 * in streaming queries, with Eddy's values: TIMESTAMP as epoch microseconds (UTC), DATE as days since the epoch,
 * SQL NULL as null.
 */
public final class SparkBuiltinFunctions {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** The longest lpad/rpad result: a length near 2^31 would take the kernel's memory (Spark's fails as well). */
    private static final int MAX_PAD = 10_000_000;

    private SparkBuiltinFunctions() {}

    // ---- date and time (UTC, as the session's time zone) ----

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
        LocalDateTime a = SparkFunctions.localTime(start);
        LocalDateTime b = SparkFunctions.localTime(end);
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
            throw new IllegalArgumentException("[ILLEGAL_DAY_OF_WEEK] Illegal input for day of week: " + clip(dayName)
                    + ". Use try_next_day to tolerate it and return NULL instead.");
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
    public static Integer dateAdd(Long ts, Integer n) {
        return ts == null || n == null ? null : days(date(ts).plusDays(n));
    }

    public static Integer dateSub(Long ts, Integer n) {
        return ts == null || n == null ? null : days(date(ts).minusDays(n));
    }

    /** {@code add_months(ts, n)}: a DATE, the day of month clipped to the new month's last day. */
    public static Integer addMonths(Long ts, Integer n) {
        return ts == null || n == null ? null : days(date(ts).plusMonths(n));
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
            return SparkFunctions.micros(t);
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("[DATETIME_FIELD_OUT_OF_BOUNDS] " + e.getMessage()
                    + ". Use try_make_timestamp to tolerate it and return NULL instead.");
        }
    }

    /** {@code to_date(text)}: the date of Spark's timestamp text forms; other text fails the query. */
    public static Integer toDate(String s) {
        Long ts = SparkFunctions.toTimestamp(s);
        return ts == null ? null : days(date(ts));
    }

    /** {@code to_date(text, pattern)}. */
    public static Integer toDate(String s, String pattern) {
        Long ts = SparkFunctions.toTimestamp(s, pattern);
        return ts == null ? null : days(date(ts));
    }

    // ---- text ----

    /** {@code regexp_extract(s, regex, group)}: the group of the first match, '' when there is none. */
    public static String regexpExtract(String s, String regex, Integer group) {
        if (s == null || regex == null || group == null) {
            return null;
        }
        Matcher m = pattern(regex, "regexp_extract").matcher(s);
        if (group < 0 || group > m.groupCount()) {
            throw new IllegalArgumentException("[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The value of parameter"
                    + " `idx` in `regexp_extract` is invalid: expects group index between 0 and " + m.groupCount()
                    + ", but got " + group + ".");
        }
        if (!m.find()) {
            return "";
        }
        String g = m.group(group);
        return g == null ? "" : g;
    }

    public static String regexpExtract(String s, String regex) {
        return regexpExtract(s, regex, 1);
    }

    /** {@code regexp_replace(s, regex, replacement)}: every match replaced ($1 names a group, as in Java). */
    public static String regexpReplace(String s, String regex, String replacement) {
        if (s == null || regex == null || replacement == null) {
            return null;
        }
        try {
            return pattern(regex, "regexp_replace").matcher(s).replaceAll(replacement);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "[INVALID_PARAMETER_VALUE.PATTERN] invalid replacement '" + clip(replacement) + "'");
        }
    }

    private static Pattern pattern(String regex, String function) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter `regexp` in `"
                    + function + "` is invalid: '" + clip(regex) + "'");
        }
    }

    /** {@code lpad(s, len, pad)}: s cut to len, or padded on the left with pad repeated; '' for len <= 0. */
    public static String lpad(String s, Integer len, String pad) {
        return pad(s, len, pad, true);
    }

    public static String lpad(String s, Integer len) {
        return pad(s, len, " ", true);
    }

    public static String rpad(String s, Integer len, String pad) {
        return pad(s, len, pad, false);
    }

    public static String rpad(String s, Integer len) {
        return pad(s, len, " ", false);
    }

    private static String pad(String s, Integer len, String pad, boolean left) {
        if (s == null || len == null || pad == null) {
            return null;
        }
        int[] cps = s.codePoints().toArray();
        if (len <= 0) {
            return "";
        }
        if (len <= cps.length || pad.isEmpty()) {
            return new String(cps, 0, Math.min(len, cps.length));
        }
        int[] padCps = pad.codePoints().toArray();
        if (len > MAX_PAD) {
            throw new IllegalArgumentException(
                    "[lpad/rpad] a result of " + len + " characters is too long (at most " + MAX_PAD + ")");
        }
        StringBuilder fill = new StringBuilder();
        for (int i = 0; i < len - cps.length; i++) {
            fill.appendCodePoint(padCps[i % padCps.length]);
        }
        return left ? fill + s : s + fill;
    }

    /** {@code initcap(s)}: lower case, then each letter after a space (or at the start) in title case. */
    public static String initcap(String s) {
        if (s == null) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        boolean start = true;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            b.appendCodePoint(start ? Character.toTitleCase(cp) : cp);
            start = cp == ' ';
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** {@code instr(s, sub)}: the 1-based position of sub's first occurrence, 0 if none. */
    public static Integer instr(String s, String sub) {
        if (s == null || sub == null) {
            return null;
        }
        int at = s.indexOf(sub);
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    /**
     * {@code locate(sub, s, pos)}: as instr, searching from the 1-based pos; 0 for pos < 1 and for a NULL pos (whatever
     * the strings, as Spark's StringLocate), 1 for an empty sub at any pos &ge; 1 (Spark's UTF8String.indexOf finds the
     * empty string at the start, even past the end).
     */
    public static Integer locate(String sub, String s, Integer pos) {
        if (pos == null) {
            return 0;
        }
        if (sub == null || s == null) {
            return null;
        }
        if (pos < 1) {
            return 0;
        }
        if (sub.isEmpty()) {
            return 1;
        }
        int length = s.codePointCount(0, s.length());
        if (pos - 1 > length) {
            return 0;
        }
        int from = s.offsetByCodePoints(0, pos - 1);
        int at = s.indexOf(sub, from);
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    public static Integer locate(String sub, String s) {
        return locate(sub, s, 1);
    }

    /** {@code ltrim(s)}: leading spaces (only ' ', as Spark) removed. */
    public static String ltrim(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return s.substring(i);
    }

    public static String rtrim(String s) {
        if (s == null) {
            return null;
        }
        int j = s.length();
        while (j > 0 && s.charAt(j - 1) == ' ') j--;
        return s.substring(0, j);
    }

    /** {@code btrim(s)} and {@code trim(s)}: spaces removed at both ends. */
    public static String btrim(String s) {
        return s == null ? null : rtrim(ltrim(s));
    }

    // ---- math ----

    /** {@code sign(x)}, {@code signum(x)}: -1.0, 0.0 or 1.0 (NaN for NaN), a DOUBLE. */
    public static Double signum(Double x) {
        return x == null ? null : Math.signum(x);
    }

    /** {@code pmod(a, n)}: the remainder with n's sign made positive; a zero n fails the query (ANSI mode). */
    public static Long pmod(Long a, Long n) {
        if (a == null || n == null) {
            return null;
        }
        if (n == 0) {
            throw divideByZero();
        }
        long r = a % n;
        return r < 0 ? (r + n) % n : r;
    }

    public static Double pmod(Double a, Double n) {
        if (a == null || n == null) {
            return null;
        }
        if (n == 0) {
            throw divideByZero();
        }
        double r = a % n;
        return r < 0 ? (r + n) % n : r;
    }

    /** {@code a % n} of whole numbers: Java's remainder (the dividend's sign); a zero n fails the query (ANSI mode). */
    public static Long mod(Long a, Long n) {
        if (a == null || n == null) {
            return null;
        }
        if (n == 0) {
            throw divideByZero();
        }
        return a % n;
    }

    /** {@code a % n} of DOUBLEs: IEEE's remainder as Java's {@code %}; a zero n (or -0.0) fails the query. */
    public static Double mod(Double a, Double n) {
        if (a == null || n == null) {
            return null;
        }
        if (n == 0) {
            throw divideByZero();
        }
        return a % n;
    }

    /** {@code a % n} of DECIMALs: the exact remainder (the dividend's sign); a zero n fails the query. */
    public static BigDecimal mod(BigDecimal a, BigDecimal n) {
        if (a == null || n == null) {
            return null;
        }
        if (n.signum() == 0) {
            throw divideByZero();
        }
        return a.remainder(n);
    }

    /** {@code try_mod(a, n)}: {@code a % n}, NULL for a zero n. */
    public static Long tryMod(Long a, Long n) {
        return a == null || n == null || n == 0 ? null : a % n;
    }

    public static Double tryMod(Double a, Double n) {
        return a == null || n == null || n == 0 ? null : a % n;
    }

    /** Spark 4's error for pmod (and %) by zero. */
    private static ArithmeticException divideByZero() {
        return new ArithmeticException("[REMAINDER_BY_ZERO] Remainder by zero. Use try_mod to tolerate divisor being 0"
                + " and return NULL instead.");
    }

    /** {@code bround(x, d)}: rounded HALF_EVEN at d digits, the double read by its shortest text (as Spark). */
    public static Double bround(Double x, Integer digits) {
        if (x == null || digits == null) {
            return null;
        }
        if (x.isNaN() || x.isInfinite()) {
            return x;
        }
        return BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** {@code round(x, d)} of a DOUBLE: HALF_UP at d digits by its shortest text; NaN and infinities stay. */
    public static Double round(Double x, Integer digits) {
        if (x == null || digits == null) {
            return null;
        }
        if (x.isNaN() || x.isInfinite()) {
            return x;
        }
        return BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }

    public static Double bround(Double x) {
        return bround(x, 0);
    }

    /** {@code ln(x)}: NULL for x <= 0, as Spark. */
    public static Double ln(Double x) {
        return x == null || x <= 0 ? null : Math.log(x);
    }

    public static Double log10(Double x) {
        return x == null || x <= 0 ? null : Math.log10(x);
    }

    public static Double log2(Double x) {
        return x == null || x <= 0 ? null : Math.log(x) / Math.log(2);
    }

    /** {@code log(base, x)}: NULL when either is <= 0. */
    public static Double log(Double base, Double x) {
        return base == null || x == null || base <= 0 || x <= 0 ? null : Math.log(x) / Math.log(base);
    }

    /** {@code pow(x, y)}, {@code power(x, y)}. */
    public static Double pow(Double x, Double y) {
        return x == null || y == null ? null : Math.pow(x, y);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
