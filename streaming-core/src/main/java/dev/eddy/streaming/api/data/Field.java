package dev.eddy.streaming.api.data;

import java.util.List;
import java.util.Objects;

/**
 * A named, typed column of a {@link Schema}. {@code children} is non-empty only for STRUCT fields.
 * {@code intervalFields} is an interval column's fields as Spark types and shows it: the engine holds every day-time
 * interval in one of two types (INTERVAL_DAY, INTERVAL_DAY_TO_SECOND) and every year-month one in
 * INTERVAL_YEAR_TO_MONTH, and a field may say that its values are, say, an {@code INTERVAL HOUR} (SQL's result
 * schema does). It is the type's own fields unless given, null for a type that is no interval, and never stored in a
 * checkpoint (a checkpoint keeps the type alone, so one written before the field existed reads the same).
 */
public record Field(String name, DataType type, boolean nullable, List<Field> children, IntervalFields intervalFields) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        children = List.copyOf(children);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a field needs a name");
        }
        if ((type == DataType.STRUCT) == children.isEmpty()) {
            throw new IllegalArgumentException("field '" + name + "': only STRUCT fields have children");
        }
        if (!type.isInterval() && intervalFields != null) {
            throw new IllegalArgumentException(
                    "field '" + name + "': a " + type.sqlName() + " has no interval fields (" + intervalFields + ")");
        }
        if (type.isInterval()) {
            if (intervalFields == null) {
                intervalFields = type.intervalFields();
            } else if (DataType.ofInterval(intervalFields) != type) {
                throw new IllegalArgumentException("field '" + name + "': an " + intervalFields.sparkName()
                        + " is held as " + DataType.ofInterval(intervalFields) + ", not " + type);
            }
        }
    }

    /** A field with its type's own interval fields (none for a type that is no interval). */
    public Field(String name, DataType type, boolean nullable, List<Field> children) {
        this(name, type, nullable, children, null);
    }

    /** A nullable field of a non-struct type. */
    public static Field of(String name, DataType type) {
        return new Field(name, type, true, List.of());
    }

    /** A nullable interval field of these fields, in the engine type that holds them. */
    public static Field interval(String name, IntervalFields fields) {
        return new Field(name, DataType.ofInterval(fields), true, List.of(), fields);
    }

    public static Field struct(String name, Field... children) {
        return new Field(name, DataType.STRUCT, true, List.of(children));
    }

    public Field withName(String newName) {
        return new Field(newName, type, nullable, children, intervalFields);
    }

    public Field withNullable(boolean newNullable) {
        return new Field(name, type, newNullable, children, intervalFields);
    }

    /** A copy whose interval values are of {@code fields} (held in the same engine type). */
    public Field withIntervalFields(IntervalFields fields) {
        return new Field(name, type, nullable, children, fields);
    }

    /** The type's name: an interval's as Spark's {@code typeof} gives it ({@code interval hour}), else {@link DataType#sqlName}. */
    public String typeName() {
        return intervalFields != null ? intervalFields.sparkName() : type.sqlName();
    }

    @Override
    public String toString() {
        return name + ": " + (type == DataType.STRUCT ? "struct<" + Schema.fieldsText(children) + ">" : typeName());
    }
}
