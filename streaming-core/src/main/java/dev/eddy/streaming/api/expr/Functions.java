package dev.eddy.streaming.api.expr;

import static dev.eddy.streaming.api.expr.Expr.BinaryOp;

import dev.eddy.streaming.api.Intervals;
import dev.eddy.streaming.api.data.DataType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Static factories for expressions, like Spark's {@code functions}: {@code import static
 * dev.eddy.streaming.api.expr.Functions.*;}. Arithmetic and comparisons are methods of {@link Functions}
 * too ({@code gt(col("n"), lit(3))}), and of the fluent {@link Column} wrapper.
 */
public final class Functions {
    private Functions() {}

    public static Expr col(String name) {
        return new Expr.Col(name);
    }

    /** An Expr as is; any other value as a literal. */
    public static Expr exprOf(Object o) {
        return o instanceof Expr e ? e : lit(o);
    }

    public static Expr lit(Object value) {
        if (value == null) {
            return new Expr.Lit(null, DataType.STRING);
        }
        if (value instanceof Long) {
            return new Expr.Lit(value, DataType.LONG);
        }
        if (value instanceof Integer) {
            return new Expr.Lit(value, DataType.INT);
        }
        if (value instanceof Double || value instanceof Float) {
            return new Expr.Lit(((Number) value).doubleValue(), DataType.DOUBLE);
        }
        if (value instanceof Boolean) {
            return new Expr.Lit(value, DataType.BOOLEAN);
        }
        if (value instanceof String) {
            return new Expr.Lit(value, DataType.STRING);
        }
        if (value instanceof Instant i) {
            return new Expr.Lit(
                    Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000),
                    DataType.TIMESTAMP);
        }
        if (value instanceof LocalDate d) {
            return new Expr.Lit(Math.toIntExact(d.toEpochDay()), DataType.DATE);
        }
        throw new IllegalArgumentException(
                "unsupported literal type " + value.getClass().getName());
    }

    /** An interval as a LONG literal of microseconds: {@code add(col("ts"), interval("1 hour"))}. */
    public static Expr interval(String duration) {
        return lit(Intervals.parseMicros(duration));
    }

    public static Expr add(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.ADD, a, b);
    }

    public static Expr sub(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.SUB, a, b);
    }

    public static Expr mul(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.MUL, a, b);
    }

    /** {@code a / b} as a double; a zero {@code b} fails the query ([DIVIDE_BY_ZERO], Spark's ANSI mode). */
    public static Expr div(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.DIV, a, b);
    }

    /** {@code a % b}; a zero {@code b} fails the query ([REMAINDER_BY_ZERO], Spark's ANSI mode). */
    public static Expr mod(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.MOD, a, b);
    }

    public static Expr eq(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.EQ, a, b);
    }

    public static Expr ne(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.NE, a, b);
    }

    public static Expr lt(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.LT, a, b);
    }

    public static Expr le(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.LE, a, b);
    }

    public static Expr gt(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.GT, a, b);
    }

    public static Expr ge(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.GE, a, b);
    }

    public static Expr and(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.AND, a, b);
    }

    public static Expr or(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.OR, a, b);
    }

    public static Expr not(Expr a) {
        return new Expr.Unary(Expr.UnaryOp.NOT, a);
    }

    public static Expr isNull(Expr a) {
        return new Expr.Unary(Expr.UnaryOp.IS_NULL, a);
    }

    public static Expr isNotNull(Expr a) {
        return new Expr.Unary(Expr.UnaryOp.IS_NOT_NULL, a);
    }

    public static Expr cast(Expr a, DataType to) {
        return new Expr.Cast(a, to);
    }

    public static Expr alias(Expr a, String name) {
        return new Expr.Alias(a, name);
    }

    public static Expr lower(Expr a) {
        return call("lower", a);
    }

    public static Expr upper(Expr a) {
        return call("upper", a);
    }

    public static Expr length(Expr a) {
        return call("length", a);
    }

    public static Expr trim(Expr a) {
        return call("trim", a);
    }

    public static Expr concat(Expr... parts) {
        return new Expr.Call("concat", Arrays.asList(parts));
    }

    public static Expr abs(Expr a) {
        return call("abs", a);
    }

    public static Expr coalesce(Expr... parts) {
        return new Expr.Call("coalesce", Arrays.asList(parts));
    }

    /**
     * SQL's {@code CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] ELSE otherwise END} (Spark's
     * {@code when(c1, v1).when(c2, v2).otherwise(x)}): {@code caseWhen(c1, v1, c2, v2, otherwise)}. A null
     * condition counts as false; pass a null literal as {@code otherwise} for SQL's missing ELSE.
     */
    public static Expr caseWhen(Expr... conditionValuePairsThenOtherwise) {
        return new Expr.Call("case_when", Arrays.asList(conditionValuePairsThenOtherwise));
    }

    /** {@code split(str, regex)}: only valid inside {@link #explode(Expr)}. */
    public static Expr split(Expr str, String regex) {
        return new Expr.Call("split", List.of(str, lit(regex)));
    }

    /** {@code explode(split(col, regex))}: one output row per part (use in {@code select}). */
    public static Expr explode(Expr splitCall) {
        return new Expr.Call("explode", List.of(splitCall));
    }

    public static Expr window(Expr time, String size) {
        return window(time, size, size);
    }

    public static Expr window(Expr time, String size, String slide) {
        return new Expr.Window(time, Intervals.parseMicros(size), Intervals.parseMicros(slide), 0);
    }

    /**
     * Spark's window(time, size, slide, startTime): windows start at startTime + k * slide. The start time may be
     * zero or negative ("-5 minutes"); as in Spark its absolute value must be less than the slide.
     */
    public static Expr window(Expr time, String size, String slide, String startTime) {
        String st = startTime.trim();
        boolean negative = st.startsWith("-");
        long start = Intervals.parseMicros(negative ? st.substring(1) : st) * (negative ? -1 : 1);
        long slideMicros = Intervals.parseMicros(slide);
        if (Math.abs(start) >= slideMicros) {
            throw new IllegalArgumentException("the absolute value of the window start time (" + startTime
                    + ") must be less than the slide (" + slide + ")");
        }
        return new Expr.Window(time, Intervals.parseMicros(size), slideMicros, start);
    }

    public static Expr window(Expr time, Duration size, Duration slide) {
        return new Expr.Window(time, Intervals.toMicros(size), Intervals.toMicros(slide), 0);
    }

    public static Expr sessionWindow(Expr time, String gap) {
        return new Expr.SessionWindow(time, Intervals.parseMicros(gap));
    }

    /** Spark's {@code try_divide}: {@code a / b} as a double, NULL (not an error) where {@code b} is zero. */
    public static Expr try_divide(Expr a, Expr b) {
        return new Expr.Call("try_divide", List.of(a, b));
    }

    /** Spark's {@code try_mod}: {@code a % b}, NULL (not an error) where {@code b} is zero. */
    public static Expr try_mod(Expr a, Expr b) {
        return new Expr.Call("try_mod", List.of(a, b));
    }

    /** Spark's {@code timestamp_seconds}: seconds since the epoch (a whole or fractional number) as a timestamp. */
    public static Expr timestamp_seconds(Expr seconds) {
        return call("timestamp_seconds", seconds);
    }

    /** Spark's {@code timestamp_millis}: milliseconds since the epoch as a timestamp. */
    public static Expr timestamp_millis(Expr millis) {
        return call("timestamp_millis", millis);
    }

    /** Spark's {@code timestamp_micros}: microseconds since the epoch as a timestamp. */
    public static Expr timestamp_micros(Expr micros) {
        return call("timestamp_micros", micros);
    }

    /** Spark's {@code unix_seconds}: a timestamp as whole seconds since the epoch (rounded down). */
    public static Expr unix_seconds(Expr timestamp) {
        return call("unix_seconds", timestamp);
    }

    /** Spark's {@code unix_millis}: a timestamp as milliseconds since the epoch (rounded down). */
    public static Expr unix_millis(Expr timestamp) {
        return call("unix_millis", timestamp);
    }

    /** Spark's {@code unix_micros}: a timestamp as microseconds since the epoch. */
    public static Expr unix_micros(Expr timestamp) {
        return call("unix_micros", timestamp);
    }

    /**
     * Spark's {@code current_timestamp()}: in a streaming query the micro-batch's timestamp, the same for every row of
     * a batch (the query's clock when the batch was planned; a batch run again after a restart keeps its logged one).
     */
    public static Expr current_timestamp() {
        return new Expr.Call("current_timestamp", List.of());
    }

    /** Spark's {@code now()}: the same as {@link #current_timestamp()}. */
    public static Expr now() {
        return current_timestamp();
    }

    /** Spark's {@code current_date()}: the UTC day of {@link #current_timestamp()}, a DATE. */
    public static Expr current_date() {
        return new Expr.Call("current_date", List.of());
    }

    // ---- DATE (days since 1970-01-01, proleptic Gregorian, UTC): as Spark's functions of the same names ----

    /**
     * Spark's {@code to_date}: the day of a timestamp (UTC), or of date text ({@code 2024-01-05}, {@code 2024-1-5},
     * {@code 2024-01}, {@code 2024}, a date followed by a time); text that is no date gives NULL. Same as
     * {@code cast(DataType.DATE)}.
     */
    public static Expr to_date(Expr e) {
        return call("to_date", e);
    }

    /** Spark's {@code date_add}: the date {@code days} days after {@code start} (a date, timestamp or date text). */
    public static Expr date_add(Expr start, Object days) {
        return new Expr.Call("date_add", List.of(start, exprOf(days)));
    }

    /** Spark's {@code date_sub}: the date {@code days} days before {@code start}. */
    public static Expr date_sub(Expr start, Object days) {
        return new Expr.Call("date_sub", List.of(start, exprOf(days)));
    }

    /** Spark's {@code add_months}: {@code months} months later, the day clipped to the month's last day. */
    public static Expr add_months(Expr start, Object months) {
        return new Expr.Call("add_months", List.of(start, exprOf(months)));
    }

    /** Spark's {@code last_day}: the last day of the date's month. */
    public static Expr last_day(Expr date) {
        return call("last_day", date);
    }

    /**
     * Spark's {@code next_day}: the first date after {@code date} on the given day of the week ({@code "Mon"},
     * {@code "tu"}, {@code "FRIDAY"}); another name fails the query with {@code [ILLEGAL_DAY_OF_WEEK]}.
     */
    public static Expr next_day(Expr date, String dayOfWeek) {
        return new Expr.Call("next_day", List.of(date, lit(dayOfWeek)));
    }

    /** Spark's {@code make_date}: a date of year, month and day; a field out of range fails the query. */
    public static Expr make_date(Expr year, Expr month, Expr day) {
        return new Expr.Call("make_date", List.of(year, month, day));
    }

    /**
     * Spark's {@code trunc(date, unit)}: the first day of the date's {@code "year"} ({@code "yyyy"}, {@code "yy"}),
     * {@code "quarter"}, {@code "month"} ({@code "mm"}, {@code "mon"}) or {@code "week"} (Monday); NULL for another
     * unit.
     */
    public static Expr trunc(Expr date, String unit) {
        return new Expr.Call("trunc", List.of(date, lit(unit)));
    }

    /** Spark's {@code datediff}: the days from {@code start} to {@code end} (an INT). */
    public static Expr datediff(Expr end, Expr start) {
        return new Expr.Call("datediff", List.of(end, start));
    }

    /**
     * Spark's {@code expr("a + 1")}: a SQL expression, parsed by the SQL module (eddy-sql on the class path) against
     * the columns of the Dataset it is used in ({@code select}, {@code filter}, {@code withColumn}, {@code groupBy},
     * {@code agg}).
     */
    public static Expr expr(String sql) {
        return new Expr.Call("expr", List.of(lit(sql)));
    }

    public static Expr count() {
        return new Expr.Agg(Expr.AggFn.COUNT, null);
    }

    public static Expr count(Expr a) {
        return new Expr.Agg(Expr.AggFn.COUNT, a);
    }

    public static Expr sum(Expr a) {
        return new Expr.Agg(Expr.AggFn.SUM, a);
    }

    public static Expr avg(Expr a) {
        return new Expr.Agg(Expr.AggFn.AVG, a);
    }

    public static Expr min(Expr a) {
        return new Expr.Agg(Expr.AggFn.MIN, a);
    }

    public static Expr max(Expr a) {
        return new Expr.Agg(Expr.AggFn.MAX, a);
    }

    public static Expr approxCountDistinct(Expr a) {
        return new Expr.Agg(Expr.AggFn.APPROX_COUNT_DISTINCT, a);
    }

    private static Expr call(String fn, Expr a) {
        return new Expr.Call(fn, List.of(a));
    }
}
