package dev.eddy.streaming.internal.format;

/**
 * The column types the text formats produce; names match the engine's DataType. TIMESTAMP is epoch microseconds,
 * DATE days.
 */
public enum ValueType {
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    STRING,
    TIMESTAMP,
    /** Days since the epoch (Spark's default date text, {@code 2024-01-05}); only from a given schema. */
    DATE;

    /** The narrowest type holding values of both types (schema inference); STRING when nothing else does. */
    static ValueType widen(ValueType a, ValueType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if (isNumber(a) && isNumber(b)) {
            return a.ordinal() > b.ordinal() ? a : b; // INT < LONG < DOUBLE in declaration order
        }
        return STRING;
    }

    private static boolean isNumber(ValueType t) {
        return t == INT || t == LONG || t == DOUBLE;
    }
}
