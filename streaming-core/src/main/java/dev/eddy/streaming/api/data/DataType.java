package dev.eddy.streaming.api.data;

import java.util.Locale;

/**
 * Column types. TIMESTAMP values are epoch MICROseconds in a long (Spark's internal unit), UTC; a source
 * with millisecond times multiplies by 1000. STRUCT columns hold named child columns (the {@code window}
 * column is a STRUCT of {@code start} and {@code end} TIMESTAMPs).
 */
public enum DataType {
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    STRING,
    TIMESTAMP,
    STRUCT;

    /** True for types stored in a primitive array: every type except STRING and STRUCT. */
    public boolean isPrimitive() {
        return this != STRING && this != STRUCT;
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
