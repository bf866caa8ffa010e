package dev.eddy.streaming.api.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A read-only view of one row, by column index or name. Boxed values: LONG and TIMESTAMP as Long (epoch
 * micros for TIMESTAMP), DATE as java.time.LocalDate, INT as Integer, DOUBLE as Double, BOOLEAN as Boolean, STRING as String, STRUCT as
 * Row. Views handed to a user lambda are only valid during that call; copy with {@link #copy()} to keep one.
 */
public interface Row {

    Schema schema();

    Object get(int i);

    default int size() {
        return schema().size();
    }

    default Object get(String name) {
        return get(schema().require(name));
    }

    default boolean isNull(int i) {
        return get(i) == null;
    }

    default boolean isNull(String name) {
        return isNull(schema().require(name));
    }

    default long getLong(int i) {
        return ((Number) nonNull(i)).longValue();
    }

    default long getLong(String name) {
        return getLong(schema().require(name));
    }

    default int getInt(int i) {
        return ((Number) nonNull(i)).intValue();
    }

    default int getInt(String name) {
        return getInt(schema().require(name));
    }

    default double getDouble(int i) {
        return ((Number) nonNull(i)).doubleValue();
    }

    default double getDouble(String name) {
        return getDouble(schema().require(name));
    }

    default boolean getBoolean(int i) {
        return (Boolean) nonNull(i);
    }

    default boolean getBoolean(String name) {
        return getBoolean(schema().require(name));
    }

    default String getString(int i) {
        Object v = get(i);
        return v == null ? null : v.toString();
    }

    default String getString(String name) {
        return getString(schema().require(name));
    }

    /** A TIMESTAMP column as an Instant (or null). */
    default Instant getTimestamp(int i) {
        Object v = get(i);
        if (v == null) {
            return null;
        }
        long micros = (Long) v;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    default Instant getTimestamp(String name) {
        return getTimestamp(schema().require(name));
    }

    /** A DATE column as a LocalDate (or null). */
    default LocalDate getDate(int i) {
        return (LocalDate) get(i);
    }

    default LocalDate getDate(String name) {
        return getDate(schema().require(name));
    }

    default Row getStruct(int i) {
        return (Row) get(i);
    }

    default Row getStruct(String name) {
        return getStruct(schema().require(name));
    }

    /** All values, boxed. */
    default Object[] values() {
        Object[] out = new Object[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** An independent copy that stays valid after this view moves on. */
    default Row copy() {
        return of(schema(), values());
    }

    private Object nonNull(int i) {
        Object v = get(i);
        if (v == null) {
            throw new NullPointerException("column '" + schema().field(i).name() + "' is null in this row");
        }
        return v;
    }

    /** A row holding the given values (boxed as described above). */
    static Row of(Schema schema, Object... values) {
        if (values.length != schema.size()) {
            throw new IllegalArgumentException(
                    "schema " + schema + " has " + schema.size() + " columns, got " + values.length + " values");
        }
        return new ValuesRow(schema, values.clone());
    }

    /** The default immutable row. */
    record ValuesRow(Schema schema, Object[] vals) implements Row {
        @Override
        public Object get(int i) {
            return vals[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ValuesRow r && r.schema.equals(schema) && Arrays.equals(r.vals, vals);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(vals);
        }

        @Override
        public String toString() {
            return Arrays.toString(vals);
        }
    }
}
