package dev.eddy.streaming.api.data;

import java.math.BigDecimal;
import java.util.Locale;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The fields of an ANSI interval type, as Spark 4 has them: a year-month interval (a count of months) or a day-time
 * interval (a count of microseconds) from a start field to an end field. It names the type as Spark's {@code typeof}
 * does ({@code interval day to second}) and shows a value as Spark shows it in a result and in {@code CAST(x AS
 * STRING)}: {@code INTERVAL '3' DAY}, {@code INTERVAL '0 01:00:00' DAY TO SECOND}, {@code INTERVAL '1-2' YEAR TO
 * MONTH}. A result table holds an interval as a Tablesaw LongColumn whose print formatter is {@link #column}'s.
 */
public enum IntervalFields {
    YEAR(Unit.YEAR, Unit.YEAR),
    YEAR_TO_MONTH(Unit.YEAR, Unit.MONTH),
    MONTH(Unit.MONTH, Unit.MONTH),
    DAY(Unit.DAY, Unit.DAY),
    DAY_TO_HOUR(Unit.DAY, Unit.HOUR),
    DAY_TO_MINUTE(Unit.DAY, Unit.MINUTE),
    DAY_TO_SECOND(Unit.DAY, Unit.SECOND),
    HOUR(Unit.HOUR, Unit.HOUR),
    HOUR_TO_MINUTE(Unit.HOUR, Unit.MINUTE),
    HOUR_TO_SECOND(Unit.HOUR, Unit.SECOND),
    MINUTE(Unit.MINUTE, Unit.MINUTE),
    MINUTE_TO_SECOND(Unit.MINUTE, Unit.SECOND),
    SECOND(Unit.SECOND, Unit.SECOND);

    /** A field of an interval; a day-time one with its length in microseconds. */
    public enum Unit {
        YEAR(0),
        MONTH(0),
        DAY(86_400_000_000L),
        HOUR(3_600_000_000L),
        MINUTE(60_000_000L),
        SECOND(1_000_000L);

        private final long micros;

        Unit(long micros) {
            this.micros = micros;
        }
    }

    public static final long MICROS_PER_DAY = Unit.DAY.micros;

    private final Unit start;
    private final Unit end;

    IntervalFields(Unit start, Unit end) {
        this.start = start;
        this.end = end;
    }

    public Unit start() {
        return start;
    }

    public Unit end() {
        return end;
    }

    /** True for YEAR, YEAR TO MONTH and MONTH (a count of months); false for day-time ones (microseconds). */
    public boolean isYearMonth() {
        return start == Unit.YEAR || start == Unit.MONTH;
    }

    /** The fields of {@code start} to {@code end} (the same unit for a single field). */
    public static IntervalFields of(Unit start, Unit end) {
        for (IntervalFields f : values()) {
            if (f.start == start && f.end == end) {
                return f;
            }
        }
        throw new IllegalArgumentException("no interval from " + start + " to " + end);
    }

    /** The type's SQL text: {@code INTERVAL DAY TO SECOND}. */
    public String sqlText() {
        return "INTERVAL " + start + (start == end ? "" : " TO " + end);
    }

    /** Spark's name of the type, as its {@code typeof} gives it: {@code interval day to second}. */
    public String sparkName() {
        return sqlText().toLowerCase(Locale.ROOT);
    }

    /** Spark's text of a value of this type (months or microseconds). */
    public String format(long value) {
        return "INTERVAL '" + (isYearMonth() ? yearMonth(value) : dayTime(value)) + "' "
                + sqlText().substring("INTERVAL ".length());
    }

    private String yearMonth(long months) {
        String sign = months < 0 ? "-" : "";
        long abs = Math.abs(months);
        if (start == end) {
            return start == Unit.YEAR ? sign + abs / 12 : Long.toString(months);
        }
        return sign + abs / 12 + "-" + abs % 12;
    }

    private String dayTime(long micros) {
        StringBuilder b = new StringBuilder(micros < 0 ? "-" : "");
        long rest = -Math.abs(micros); // negative, so Long.MIN_VALUE has a magnitude too: divide and negate
        boolean first = true;
        for (Unit u : new Unit[] {Unit.DAY, Unit.HOUR, Unit.MINUTE, Unit.SECOND}) {
            if (u.compareTo(start) < 0 || u.compareTo(end) > 0) {
                continue;
            }
            if (u == Unit.SECOND) {
                b.append(first ? "" : ":");
                BigDecimal seconds = BigDecimal.valueOf(rest, 6).negate().stripTrailingZeros();
                b.append(rest > -10 * Unit.SECOND.micros ? "0" : "").append(seconds.toPlainString());
                rest = 0;
            } else {
                long n = -(rest / u.micros);
                rest = rest % u.micros;
                if (u == Unit.DAY) {
                    b.append(n);
                } else {
                    b.append(first ? "" : u == Unit.HOUR ? " " : ":")
                            .append(n < 10 ? "0" : "")
                            .append(n);
                }
            }
            first = false;
        }
        return b.toString();
    }

    /** A result column of this type: a LongColumn of months or microseconds that prints Spark's text. */
    public LongColumn column(String name) {
        LongColumn c = LongColumn.create(name);
        c.setPrintFormatter(new Formatter(this));
        return c;
    }

    /** Prints a LongColumn's values as Spark's interval text. */
    private static final class Formatter extends NumberColumnFormatter {
        private final IntervalFields fields;

        Formatter(IntervalFields fields) {
            this.fields = fields;
        }

        @Override
        public String format(long value) {
            return value == Long.MIN_VALUE ? "" : fields.format(value); // Tablesaw's missing value
        }

        @Override
        public String toString() {
            return fields.sqlText();
        }
    }
}
