package dev.eddy.streaming.api.data;

import java.util.List;

/** A STRUCT column: one child column per child field, all of the same size. */
public final class StructColumn extends Column {
    private final List<Field> fields;
    private final Column[] children;

    public StructColumn(List<Field> fields, Column[] children, int size, long[] nulls) {
        super(size, nulls);
        this.fields = List.copyOf(fields);
        this.children = children.clone();
        if (fields.size() != children.length) {
            throw new IllegalArgumentException(
                    "struct has " + fields.size() + " fields but " + children.length + " columns");
        }
    }

    @Override
    public DataType type() {
        return DataType.STRUCT;
    }

    public List<Field> fields() {
        return fields;
    }

    public Column child(int i) {
        return children[i];
    }

    public Column child(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return children[i];
            }
        }
        throw new IllegalArgumentException("no field '" + name + "' in struct " + fields);
    }

    @Override
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        Object[] vals = new Object[children.length];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = children[i].get(row);
        }
        return Row.of(Schema.of(fields), vals);
    }

    @Override
    public StructColumn gather(int[] rows, int n) {
        Column[] out = new Column[children.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = children[i].gather(rows, n);
        }
        return new StructColumn(fields, out, n, gatherNulls(rows, n));
    }
}
