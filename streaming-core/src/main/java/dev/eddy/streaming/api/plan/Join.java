package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * A join. Output: left columns then right columns; a right column whose name is already taken gets the
 * prefix {@code right_}. The condition is resolved against that combined schema ({@link #conditionSchema}). A left
 * semi join outputs the left columns only: each left row that has a match, once.
 */
public record Join(LogicalPlan left, LogicalPlan right, JoinType type, Expr condition, Schema schema)
        implements LogicalPlan {

    public enum JoinType {
        INNER,
        LEFT_OUTER,
        LEFT_SEMI
    }

    public Join(LogicalPlan left, LogicalPlan right, JoinType type, Expr condition) {
        this(
                left,
                right,
                type,
                condition,
                type == JoinType.LEFT_SEMI ? left.schema() : combine(left.schema(), right.schema()));
    }

    public Join {
        if (ExprTypes.type(condition, combine(left.schema(), right.schema())) != DataType.BOOLEAN) {
            throw new IllegalArgumentException("join condition must be boolean: " + condition);
        }
    }

    /** The join's output schema: left columns, then right columns ({@code right_} before a taken name). */
    public static Schema combine(Schema l, Schema r) {
        List<Field> out = new ArrayList<>(l.fields());
        for (Field f : r.fields()) {
            out.add(l.indexOf(f.name()) >= 0 ? f.withName("right_" + f.name()) : f);
        }
        return Schema.of(out);
    }

    /** The schema the condition reads: left columns, then right columns as {@link #combine} names them. */
    public Schema conditionSchema() {
        return combine(left.schema(), right.schema());
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(left, right);
    }

    @Override
    public String describe() {
        return "Join " + type + " on " + condition;
    }
}
