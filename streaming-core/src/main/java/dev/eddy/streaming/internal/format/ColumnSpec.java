package dev.eddy.streaming.internal.format;

import java.util.Locale;
import java.util.Objects;

/** One column a text format fills: its name and type. */
public record ColumnSpec(String name, ValueType type) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name + ": " + type.name().toLowerCase(Locale.ROOT);
    }
}
