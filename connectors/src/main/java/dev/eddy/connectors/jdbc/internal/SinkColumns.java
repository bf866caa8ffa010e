package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StructColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * The database columns a query's rows become: every top-level column as it is, and each field of a STRUCT column
 * as {@code <column>_<field>} (a windowed result's {@code window} becomes {@code window_start} and
 * {@code window_end}), since SQL tables have no struct type. Structs inside structs are refused.
 */
record SinkColumns(List<Col> cols) {

    /** One database column: its name and type, and where its values are in a batch. */
    record Col(String name, DataType type, boolean nullable, int top, int child) {
        Column of(Batch b) {
            Column c = b.column(top);
            return child < 0 ? c : ((StructColumn) c).child(child);
        }

        /** Whether row {@code r} is null (a null struct makes its fields null). */
        boolean isNull(Batch b, Column c, int r) {
            return c.isNull(r) || (child >= 0 && b.column(top).isNull(r));
        }
    }

    static SinkColumns of(Schema schema) {
        List<Col> out = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            if (f.type() != DataType.STRUCT) {
                out.add(new Col(f.name(), f.type(), f.nullable(), i, -1));
                continue;
            }
            for (int j = 0; j < f.children().size(); j++) {
                Field c = f.children().get(j);
                if (c.type() == DataType.STRUCT) {
                    throw new IllegalArgumentException("the JDBC sink cannot write column '" + f.name() + "." + c.name()
                            + "': a struct inside a struct; select its fields as columns first");
                }
                out.add(new Col(f.name() + "_" + c.name(), c.type(), f.nullable() || c.nullable(), i, j));
            }
        }
        return new SinkColumns(List.copyOf(out));
    }

    /** The database columns of the query's key columns (a struct key gives all its fields). */
    List<String> keyNames(List<String> keyColumns, Schema schema) {
        List<String> out = new ArrayList<>();
        for (String k : keyColumns) {
            int top = schema.indexOf(k);
            for (Col c : cols) {
                if (c.top() == top) {
                    out.add(c.name());
                }
            }
        }
        return out;
    }

    List<String> names() {
        return cols.stream().map(Col::name).toList();
    }
}
