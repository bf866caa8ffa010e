package dev.eddy.streaming.api.data;

import java.util.List;
import java.util.Objects;

/**
 * A named, typed column of a {@link Schema}. {@code children} is non-empty only for STRUCT fields.
 */
public record Field(String name, DataType type, boolean nullable, List<Field> children) {

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
    }

    /** A nullable field of a non-struct type. */
    public static Field of(String name, DataType type) {
        return new Field(name, type, true, List.of());
    }

    public static Field struct(String name, Field... children) {
        return new Field(name, DataType.STRUCT, true, List.of(children));
    }

    public Field withName(String newName) {
        return new Field(newName, type, nullable, children);
    }

    public Field withNullable(boolean newNullable) {
        return new Field(name, type, newNullable, children);
    }

    @Override
    public String toString() {
        return name + ": " + (type == DataType.STRUCT ? "struct<" + Schema.fieldsText(children) + ">" : type.sqlName());
    }
}
