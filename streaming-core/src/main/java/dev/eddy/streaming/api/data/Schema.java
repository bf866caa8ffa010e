package dev.eddy.streaming.api.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An immutable ordered list of uniquely named {@link Field}s. Names are case-sensitive. */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> index;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.index = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            if (index.put(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException(
                        "duplicate column name '" + this.fields.get(i).name() + "'");
            }
        }
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int i) {
        return fields.get(i);
    }

    /** The index of a column, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The index of a column, or an IllegalArgumentException naming the columns that exist. */
    public int require(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in [" + fieldsText(fields) + "]");
        }
        return i;
    }

    public Field field(String name) {
        return fields.get(require(name));
    }

    public List<String> names() {
        return fields.stream().map(Field::name).collect(Collectors.toList());
    }

    /** A copy with one more field at the end. */
    public Schema add(Field f) {
        List<Field> all = new ArrayList<>(fields);
        all.add(f);
        return new Schema(all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "[" + fieldsText(fields) + "]";
    }

    static String fieldsText(List<Field> fields) {
        return fields.stream().map(Field::toString).collect(Collectors.joining(", "));
    }
}
