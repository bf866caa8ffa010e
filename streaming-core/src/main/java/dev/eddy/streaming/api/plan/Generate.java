package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import java.util.regex.Pattern;

/**
 * explode(split(input, regex)): one output row per part; output = the child's columns + {@code outputName}
 * (STRING). Empty parts are kept, as Spark keeps them; a null input gives no rows.
 */
public record Generate(LogicalPlan child, Expr input, String regex, String outputName) implements UnaryPlan {
    public Generate {
        DataType t = ExprTypes.type(input, child.schema());
        if (t != DataType.STRING) {
            throw new IllegalArgumentException("split() needs a string, but " + input + " is " + t.sqlName());
        }
        Pattern.compile(regex);
    }

    @Override
    public Schema schema() {
        return child.schema().add(Field.of(outputName, DataType.STRING));
    }

    @Override
    public String describe() {
        return "Generate explode(split(" + input + ", '" + regex + "')) AS " + outputName;
    }
}
