package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Project;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a result's key columns through a projection, so that an update-mode sink still upserts by the
 * whole key. A key survives when the projection passes its column on (possibly renamed), or, for a struct
 * key such as {@code window}, when it passes on every field of it ({@code window.start}, {@code window.end},
 * possibly renamed): the key is then those output columns. When the projection drops any part of the key,
 * the result has no key at all (an update-mode table then appends every update, as Spark's memory sink does),
 * since upserting by what is left would overwrite rows of different groups.
 */
final class ProjectedKeys {
    private ProjectedKeys() {}

    static List<String> through(Project p, List<String> keys) {
        Schema in = p.child().schema();
        List<String> kept = new ArrayList<>();
        for (String k : keys) {
            String whole = outputOf(p, k);
            if (whole != null) {
                kept.add(whole);
                continue;
            }
            int i = in.indexOf(k);
            List<String> fields =
                    i >= 0 && in.field(i).type() == DataType.STRUCT ? structFields(p, k, in.field(i)) : List.of();
            if (fields.isEmpty()) {
                return List.of();
            }
            kept.addAll(fields);
        }
        return List.copyOf(kept);
    }

    /** The output names of all of a struct key's fields, or none when one of them is not passed on. */
    private static List<String> structFields(Project p, String key, Field struct) {
        List<String> out = new ArrayList<>();
        for (Field child : struct.children()) {
            String name = outputOf(p, key + "." + child.name());
            if (name == null) {
                return List.of();
            }
            out.add(name);
        }
        return out;
    }

    /** The output column that is a plain reference to {@code column}, or null. */
    private static String outputOf(Project p, String column) {
        for (Expr e : p.exprs()) {
            if (ExprTypes.unalias(e) instanceof Expr.Col c && c.name().equals(column)) {
                String name = ExprTypes.name(e);
                if (p.schema().indexOf(name) >= 0) {
                    return name;
                }
            }
        }
        return null;
    }
}
