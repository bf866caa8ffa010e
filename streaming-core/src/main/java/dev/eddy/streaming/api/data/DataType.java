package dev.eddy.streaming.api.data;

import java.util.Locale;

/**
 * Column types. TIMESTAMP values are epoch MICROseconds in a long (Spark's internal unit), UTC; a source
 * with millisecond times multiplies by 1000. STRUCT columns hold named child columns (the {@code window}
 * column is a STRUCT of {@code start} and {@code end} TIMESTAMPs). DATE values are days since the epoch
 * (1970-01-01 is 0) in an int, proleptic Gregorian, as Spark's DateType; a Row gives them as a
 * {@link java.time.LocalDate}. DATE is declared last: checkpoints store a type by its position.
 */
public enum DataType {
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    STRING,
    TIMESTAMP,
    STRUCT,
    DATE;

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
        return name().toLowerCase(Locale.ROOT);
    }
}
