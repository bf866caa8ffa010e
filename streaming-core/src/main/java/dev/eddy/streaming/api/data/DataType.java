package dev.eddy.streaming.api.data;

import java.util.Locale;

/**
 * Column types. TIMESTAMP values are epoch MICROseconds in a long (Spark's internal unit), UTC; a source
 * with millisecond times multiplies by 1000. STRUCT columns hold named child columns (the {@code window}
 * column is a STRUCT of {@code start} and {@code end} TIMESTAMPs). DATE values are days since the epoch
 * (1970-01-01 is 0) in an int, proleptic Gregorian, as Spark's DateType; a Row gives them as a
 * {@link java.time.LocalDate}. The INTERVAL types are Spark's ANSI intervals in a long: INTERVAL_DAY (a difference
 * of dates) and INTERVAL_DAY_TO_SECOND (of timestamps; any other day-time interval) count microseconds,
 * INTERVAL_YEAR_TO_MONTH counts months; {@link #intervalFields()} shows them as Spark does. New types are declared
 * last: checkpoints store a type by its position.
 */
public enum DataType {
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    STRING,
    TIMESTAMP,
    STRUCT,
    DATE,
    INTERVAL_DAY,
    INTERVAL_DAY_TO_SECOND,
    INTERVAL_YEAR_TO_MONTH;

    /** True for the interval types (stored as a long, as LONG and TIMESTAMP are). */
    public boolean isInterval() {
        return this == INTERVAL_DAY || this == INTERVAL_DAY_TO_SECOND || this == INTERVAL_YEAR_TO_MONTH;
    }

    /** True for the types stored in a long[]: LONG, TIMESTAMP and the intervals. */
    public boolean isLongBacked() {
        return this == LONG || this == TIMESTAMP || isInterval();
    }

    /** An interval type's fields (how Spark names and shows it); null for other types. */
    public IntervalFields intervalFields() {
        return switch (this) {
            case INTERVAL_DAY -> IntervalFields.DAY;
            case INTERVAL_DAY_TO_SECOND -> IntervalFields.DAY_TO_SECOND;
            case INTERVAL_YEAR_TO_MONTH -> IntervalFields.YEAR_TO_MONTH;
            default -> null;
        };
    }

    /** The interval type that holds values of {@code fields}: DAY, YEAR_TO_MONTH, or DAY_TO_SECOND for the rest. */
    public static DataType ofInterval(IntervalFields fields) {
        return fields == IntervalFields.DAY
                ? INTERVAL_DAY
                : fields.isYearMonth() ? INTERVAL_YEAR_TO_MONTH : INTERVAL_DAY_TO_SECOND;
    }

    /** True for types stored in a primitive array: every type except STRING and STRUCT. */
    public boolean isPrimitive() {
        return this != STRING && this != STRUCT;
    }

    /** True for TIMESTAMP and DATE. */
    public boolean isDatetime() {
        return this == TIMESTAMP || this == DATE;
    }

    /** True for INT, LONG and DOUBLE. */
    public boolean isNumeric() {
        return this == INT || this == LONG || this == DOUBLE;
    }

    /** The type's lower-case SQL-ish name, e.g. "timestamp". */
    public String sqlName() {
        return isInterval() ? intervalFields().sparkName() : name().toLowerCase(Locale.ROOT);
    }
}
